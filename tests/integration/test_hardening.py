"""Request limits and response headers: body size, control characters, caching, HSTS, and
links that never take their host from a forged Host header."""

import re
import time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from tests.helpers import (
    PASSWORD,
    hidden_fields,
    instructor_post,
    join,
    make_classroom,
    make_instructor,
)

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def token_of(client, page: str) -> str:
    return TOKEN.search(client.get(page).get_data(as_text=True)).group(1)


def test_a_20_mib_body_is_refused_413_before_it_is_read(client):
    token = token_of(client, "/login")
    body = {"csrf_token": token, "username": "x", "password": "p" * (20 * 1024 * 1024)}
    started = time.monotonic()
    response = client.post("/login", data=body)
    assert response.status_code == 413
    assert time.monotonic() - started < 2
    page = response.get_data(as_text=True)
    assert "more than this form takes" in page and "Send something shorter" in page


def test_the_largest_forms_fit_in_any_script(app):
    """A 280-character complaint of 4-byte characters, and 2,000 characters of banned words."""
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app)
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="start")
    words = instructor_post(teacher, page, f"{page}/words", words="審" * 2000)
    assert words.status_code == 303
    ada = join(app, code, "Ada Crane")
    assert ada.complain(text="🐼" * 280).status_code == 303


@pytest.mark.parametrize("value", ["a\x00b", "\x00", "ab\x1bc", "a\x7fb", "a\x85b"])
def test_a_control_character_in_any_field_is_refused_and_changes_nothing(app, value):
    """The example the fuzz found once: PostgreSQL refuses NUL in text (a 500 on its engine)."""
    client = app.test_client()
    page = client.get("/register").get_data(as_text=True)
    data = hidden_fields(page, None) | {"username": "alice", "password": PASSWORD}
    data |= {"confirm": PASSWORD, "username": f"alice{value}"}
    response = client.post("/register", data=data)
    assert response.status_code == 400
    assert "control character" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_tabs_and_line_breaks_are_text_and_pass(app):
    teacher = make_instructor(app)
    classroom_id, _ = make_classroom(app)
    page = f"/classes/{classroom_id}"
    response = instructor_post(teacher, page, f"{page}/words", words="yak\r\nstupid\tidiot")
    assert response.status_code == 303


@pytest.mark.parametrize("url", ["/history", "/", "/joined", "/complain"])
def test_pages_with_personal_data_are_not_stored(player, url):
    assert player.client.get(url).headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "page",
    ["/rounds/1/standings.csv", "/rounds/1/ledger.csv", "/backup.json", "/monitor", ""],
)
def test_exports_and_instructor_pages_are_not_stored(app, page):
    teacher = make_instructor(app)
    classroom_id, _ = make_classroom(app)
    response = teacher.get(f"/classes/{classroom_id}{page}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching(client):
    response = client.get("/static/css/site.css")
    assert response.headers["Cache-Control"] != "no-store"
    response.close()


def test_hsts_only_behind_https(make_app, client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = make_app(HTTPS=True).test_client()
    assert secure.get("/login").headers["Strict-Transport-Security"] == "max-age=31536000"


def links(app, host: str) -> tuple[str, str]:
    """The class page and an invitation, asked for with this Host header."""
    teacher = make_instructor(app, "host-teacher")
    classroom_id, _ = make_classroom(app, "host-teacher")
    # a client without a cookie jar: the teacher's cookie goes to whatever host is named
    bare = app.test_client(use_cookies=False)
    headers = {"Host": host, "Cookie": f"session={teacher.get_cookie('session').value}"}
    page = bare.get(f"/classes/{classroom_id}", headers=headers).get_data(as_text=True)
    token = token_of(teacher, "/classes/")
    invite = bare.post("/classes/invite", data={"csrf_token": token}, headers=headers)
    return page, invite.get_data(as_text=True)


@pytest.mark.parametrize("host", ["evil.example", "192.0.2.1:5000", "0.0.0.0:5000"])
def test_a_forged_host_never_makes_a_link(app, host):
    page, invite = links(app, host)
    assert host not in page and host not in invite
    assert "FLASK_PUBLIC_URL" in page and "/invite/" in invite
    assert 'aria-label="QR code to join"' not in page


def test_behind_a_trusted_proxy_links_keep_its_scheme(make_app):
    app = make_app(TRUSTED_PROXIES=1)
    teacher = make_instructor(app)
    classroom_id, _ = make_classroom(app)
    page = teacher.get(f"/classes/{classroom_id}", headers={"X-Forwarded-Proto": "https"})
    assert "https://localhost/join/" in page.get_data(as_text=True)


def test_links_use_the_public_address_whatever_the_host(make_app):
    app = make_app(PUBLIC_URL="https://citizen.school.example/")
    page, invite = links(app, "evil.example")
    assert "https://citizen.school.example/join/" in page and "evil.example" not in page
    assert "https://citizen.school.example/invite/" in invite


@pytest.mark.parametrize("host", ["localhost:5000", "127.0.0.1:8000", "[::1]:5000"])
def test_links_from_this_machine_use_its_address(app, host):
    page, invite = links(app, host)
    assert f"http://{host}/join/" in page and f"http://{host}/invite/" in invite


def test_trusted_hosts_are_the_only_hosts_served(make_app):
    app = make_app(TRUSTED_HOSTS="citizen.school.example, .school.example,localhost")
    assert app.config["TRUSTED_HOSTS"] == ["citizen.school.example", ".school.example", "localhost"]
    client = app.test_client()
    refused = client.get("/login", headers={"Host": "evil.example"})
    assert refused.status_code == 400 and "host name" in refused.get_data(as_text=True)
    assert client.get("/login", headers={"Host": "citizen.school.example"}).status_code == 200
    page, _ = links(app, "citizen.school.example")
    assert "http://citizen.school.example/join/" in page
