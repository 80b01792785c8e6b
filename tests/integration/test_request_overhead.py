"""Requests that need no limit, compression or form reading do not pay for them."""

from datetime import UTC, datetime

import flask
import time_machine

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


def test_links_are_built_for_each_script_root(player):
    plain = player.client.get("/").get_data(as_text=True)
    assert 'href="/feed"' in plain
    mounted = player.client.get("/", base_url="http://localhost/game/").get_data(as_text=True)
    assert 'href="/game/feed"' in mounted
    assert 'href="/feed"' not in mounted


def test_links_with_values_differ_by_value(app, player):
    with app.test_request_context("/"):
        from flask import url_for

        first = url_for("play.share", article_id="grain-quota")
        second = url_for("play.share", article_id="river-trees")
        assert (first, second) == ("/feed/grain-quota/share", "/feed/river-trees/share")
        assert url_for("play.feed", _anchor="top") == "/feed#top"
        assert url_for("play.feed", _external=True) == "http://localhost/feed"


def statements_while(app, client, path: str) -> list[str]:
    from sqlalchemy import event

    from app.extensions import db

    seen: list[str] = []

    def note(conn, cursor, statement, *_):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_cooldowns_are_read_only_by_pages_that_show_them(app, player):
    player.share()
    last_acts = "SELECT (SELECT max(event.created_at)"
    assert not any(last_acts in s for s in statements_while(app, player.client, "/"))
    assert any(last_acts in s for s in statements_while(app, player.client, "/feed"))


def test_the_dashboard_shows_the_newest_entries_grouped_by_act(player):
    player.share()  # each act has its own cooldown: three acts, one of each
    player.buy()
    player.complain()
    page = player.client.get("/").get_data(as_text=True)
    ledger = page[page.index('class="ledger"') :]
    assert ledger.count("<tr>") == 1 + 3  # the header, then one row per act


def test_static_files_may_be_cached_but_not_framed(client):
    response = client.get("/static/css/site.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers.getlist("X-Frame-Options") == ["DENY"]
    assert response.headers.getlist("X-Content-Type-Options") == ["nosniff"]


def test_error_pages_carry_the_security_headers(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers.getlist("Cache-Control") == ["no-store"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_a_compressed_static_file_is_answered_304_when_unchanged(client):
    first = client.get("/static/css/site.css", headers={"Accept-Encoding": "br"})
    first.close()
    assert first.headers["Content-Encoding"] == "br"
    tag = first.headers["ETag"]
    again = client.get(
        "/static/css/site.css", headers={"Accept-Encoding": "br", "If-None-Match": tag}
    )
    again.close()
    assert again.status_code == 304


def test_pages_leave_the_date_header_to_the_server(player):
    response = player.client.get("/", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert "Date" not in response.headers  # gunicorn adds its own; two would contradict


def _opened(app, cookie: str):
    """Open the session a request with this cookie gets, as Flask does at each request."""
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        return app.session_interface.open_session(app, flask.request)


def test_a_remembered_session_is_verified_once_and_never_shared(app, monkeypatch):
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = serializer.dumps({"_user_id": "1", "_flashes": [("notice", "Saved.")]})
    loads = []
    monkeypatch.setattr(serializer, "loads", lambda *a, **k: loads.append(1) or real(*a, **k))
    real = type(serializer).loads.__get__(serializer)
    first = _opened(app, cookie)
    first["_flashes"].append(("notice", "Flashed in place, not saved."))
    first["_user_id"] = "2"
    again = _opened(app, cookie)
    assert again == {"_user_id": "1", "_flashes": [("notice", "Saved.")]}
    assert len(loads) == 1  # the second request's cookie was remembered
    tampered = cookie[:-2] + ("A" if cookie[-2] != "A" else "B") + cookie[-1]
    assert dict(_opened(app, tampered)) == {}


def test_a_session_cookie_padded_with_characters_the_decoder_skips_is_refused(app):
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = serializer.dumps({"_user_id": "1"})
    assert dict(_opened(app, cookie)) == {"_user_id": "1"}
    padded = cookie[:-3] + "!!" + cookie[-3:]  # base64's decoder skips them: the same signature
    assert serializer.loads(padded) == {"_user_id": "1"}
    assert dict(_opened(app, padded)) == {}
    assert app.session_interface.read(app, padded) is None  # the express lane's reader too


def test_a_remembered_session_still_expires(app):
    lifetime = app.permanent_session_lifetime.total_seconds()
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": "1"})
        assert _opened(app, cookie)["_user_id"] == "1"
        clock.shift(lifetime + 5)
        assert dict(_opened(app, cookie)) == {}
