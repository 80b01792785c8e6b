"""Security targets: CSRF everywhere, roles, redirects, escaping, throttling, headers."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from app import create_app
from app.extensions import db
from tests.helpers import (
    CHEAP_ARGON2,
    PASSWORD,
    Player,
    hidden_fields,
    instructor_post,
    join,
    login,
    make_classroom,
    make_instructor,
)


def concrete(rule) -> str:
    """Fill a URL rule's arguments with plausible values."""
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:\w+:)?{name}>", "1" if "id" in name or name == "number" else "x", url)
    return url


def test_every_post_route_refuses_a_request_without_a_csrf_token(app):
    teacher = make_instructor(app)
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) > 20
    for rule in posts:
        response = teacher.post(concrete(rule), data={"key": "k" * 20, "name": "x"})
        assert response.status_code == 400, rule.rule
        assert "This form has expired" in response.get_data(as_text=True), rule.rule


PLAYER_PAGES = ["/feed", "/shop", "/complain", "/life", "/citizens", "/history", "/check/before"]
INSTRUCTOR_PAGES = [
    "",
    "/monitor",
    "/projector",
    "/projector?fragment=1",
    "/debrief",
    "/rounds/1",
    "/rounds/1/standings.csv",
    "/rounds/1/ledger.csv",
    "/backup.json",
]


@pytest.fixture
def cast(app):
    """Every role: anonymous, two players, two instructors (one owning the class)."""
    owner = make_instructor(app, "owner")
    other = make_instructor(app, "other")
    classroom_id, code = make_classroom(app, "owner")
    return {
        "anonymous": app.test_client(),
        "player": join(app, code, "Ada Crane").client,
        "other player": Player.register(app.test_client(), "solo").client,
        "instructor": owner,
        "other instructor": other,
        "classroom": classroom_id,
    }


@pytest.mark.parametrize(
    "role, page, expected",
    [
        *[("anonymous", p, 302) for p in PLAYER_PAGES],
        *[("player", p, 200) for p in PLAYER_PAGES],
        *[("other player", p, 200) for p in PLAYER_PAGES],
        *[("instructor", p, 302) for p in PLAYER_PAGES],
        *[("anonymous", f"/classes/{{c}}{p}", 302) for p in INSTRUCTOR_PAGES],
        *[("player", f"/classes/{{c}}{p}", 403) for p in INSTRUCTOR_PAGES],
        *[("other player", f"/classes/{{c}}{p}", 403) for p in INSTRUCTOR_PAGES],
        *[("instructor", f"/classes/{{c}}{p}", 200) for p in INSTRUCTOR_PAGES],
        *[("other instructor", f"/classes/{{c}}{p}", 404) for p in INSTRUCTOR_PAGES],
        ("player", "/debrief", 409),
        ("anonymous", "/debrief", 302),
        ("player", "/classes/", 403),
        ("instructor", "/classes/", 200),
        ("anonymous", "/sources", 200),
        ("player", "/", 200),
        ("instructor", "/", 302),
    ],
)
def test_role_by_resource(cast, role, page, expected):
    client = cast[role]
    response = client.get(page.format(c=cast["classroom"]))
    assert response.status_code == expected, (role, page, response.status_code)


OPEN_REDIRECTS = [
    "https://evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "http:evil.example",
    "https:/evil.example",
    "http://evil.example",
    "HTTP://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,hi",
    "/%09/evil.example",
    "/\t/evil.example",
    "%2F%2Fevil.example",
    " //evil.example",
    "evil.example",
    "@evil.example",
    "/@evil.example",
    "https://127.0.0.1@evil.example",
    "\x00//evil.example",
    "//evil.example/%2e%2e",
    "/.//evil.example",
]


@pytest.mark.parametrize("target", OPEN_REDIRECTS)
def test_login_never_redirects_off_site(app, target):
    make_instructor(app, "someone")
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    data = hidden_fields(page, None) | {"username": "someone", "password": PASSWORD}
    response = client.post("/login", query_string={"next": target}, data=data)
    if "\x00" in target:  # refused with the other control characters, before any redirect
        assert response.status_code == 400
        return
    location = response.location
    assert response.status_code == 302
    assert urlsplit(urljoin("http://localhost/", location)).netloc == "localhost", location


PAYLOAD = "<script>alert('x')</script>"


def test_script_payloads_render_as_text_everywhere(app):
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app, "teacher", name=PAYLOAD)
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="start")
    instructor_post(teacher, page, f"{page}/words", words=PAYLOAD)
    ada = join(app, code, "Ada Crane")
    ada.complain(text=PAYLOAD)
    monitor = f"{page}/monitor"
    instructor_post(
        teacher,
        monitor,
        f"{page}/citizens/1/adjust",
        track="score",
        delta="-5",
        reason="role-play: spreading rumours",
        note=PAYLOAD,
    )
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    ada.take_check("after")
    ada.submit("/debrief/guess", None, choice="nothing", text=PAYLOAD)
    pages = [
        (teacher, p)
        for p in [
            "/classes/",
            page,
            monitor,
            f"{monitor}?fragment=1",
            f"{page}/projector",
            f"{page}/projector?fragment=1",
            f"{page}/rounds/1",
            f"{page}/debrief",
        ]
    ]
    pages += [(ada.client, p) for p in ["/", "/history", "/debrief", "/complain"]]
    for client, url in pages:
        html = client.get(url).get_data(as_text=True)
        assert PAYLOAD not in html, url
    assert "&lt;script&gt;" in teacher.get(page).get_data(as_text=True)
    assert "&lt;script&gt;" in ada.client.get("/debrief").get_data(as_text=True)


@pytest.fixture
def limited(database_uri):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": database_uri,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
            "ARGON2_COST": CHEAP_ARGON2,
        }
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    "path, field, limit",
    [
        ("/login", "username", 20),
        ("/join", "code", 60),
        ("/resume", "code", 30),
        ("/register", "username", 30),
    ],
)
def test_login_join_and_resume_are_throttled(limited, path, field, limit):
    client = limited.test_client()
    html = client.get(path).get_data(as_text=True)
    fields = {"csrf_token": re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)}
    statuses = [
        client.post(path, data=fields | {field: "nobody"}).status_code for _ in range(limit + 1)
    ]
    assert set(statuses[:limit]) == {400} and statuses[-1] == 429
    page = client.post(path, data=fields | {field: "nobody"}).get_data(as_text=True)
    assert "Too Many Requests" in page and "Wait a little" in page


@pytest.mark.parametrize("url", ["/", "/login", "/sources", "/classes/1/projector?fragment=1"])
def test_security_headers(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookies_are_httponly_and_samesite(app):
    client = app.test_client()
    Player.register(client, "cookie")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_cookies_are_secure_behind_https(database_uri):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": database_uri,
            "RATELIMIT_ENABLED": False,
            "HTTPS": True,
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_no_inline_script_or_style_in_any_template():
    from pathlib import Path

    for template in Path("templates").rglob("*.html"):
        text = template.read_text()
        assert "<script>" not in text and "style=" not in text and "<style" not in text, template
        assert not re.search(r"\son[a-z]+=", text), template


def test_players_log_in_with_their_password_only(app):
    Player.register(app.test_client(), "pw-user")
    assert login(app.test_client(), "pw-user").get("/").status_code == 200
