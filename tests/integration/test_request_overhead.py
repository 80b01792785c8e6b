"""Requests that need no limit, compression or form reading do not pay for them."""

from app.extensions import limiter


def test_unlimited_views_skip_the_limiter(app, client):
    hooks = app.before_request_funcs.get(None, [])
    assert limiter._check_request_limit not in hooks
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response.headers


def test_tiny_answers_and_redirects_are_not_marked_as_varying(client):
    response = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" not in response.headers.get("Vary", "")


def test_pages_are_still_compressed(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_security_headers_are_added_once_and_kept_when_set(client):
    response = client.get("/healthz")
    assert response.headers.getlist("X-Frame-Options") == ["DENY"]
    assert response.headers.getlist("Cache-Control") == ["no-store"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_control_character_in_the_query_is_still_refused(client):
    response = client.get("/healthz?x=%00")
    assert response.status_code == 400


def test_the_health_check_opens_no_session(client, player):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


def test_the_session_serializer_is_made_once_per_key(app):
    sessions = app.session_interface
    first = sessions.get_signing_serializer(app)
    assert sessions.get_signing_serializer(app) is first
    app.secret_key = "another key"
    assert sessions.get_signing_serializer(app) is not first
