"""Sessions end on the server: a copied session or remember cookie stops working after logging
out, or after an instructor removes the student; students stay remembered one term at most."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Citizen, User
from tests.helpers import (
    Player,
    hidden_fields,
    instructor_post,
    join,
    login,
    make_classroom,
    make_instructor,
)

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def copy_of(client, *names: str):
    """A fresh client holding copies of some of a client's cookies, as a thief would."""
    app = client.application
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        thief.set_cookie(name, cookie.value)
    return thief


def signed_in(client) -> bool:
    return client.get("/history").status_code == 200


def log_out(client, page: str = "/history"):
    page = client.get(page).get_data(as_text=True)
    return client.post("/logout", data=hidden_fields(page, "/logout"))


def test_a_copied_session_cookie_stops_working_after_logout(app):
    player = Player.register(app.test_client(), "alice")
    thief = copy_of(player.client, "session")
    assert signed_in(thief)
    assert log_out(player.client).status_code == 302
    assert not signed_in(player.client) and not signed_in(thief)
    assert signed_in(login(app.test_client(), "alice"))


def test_logging_out_ends_the_sessions_of_the_account_on_other_devices_too(app):
    make_instructor(app, "teacher")
    laptop, phone = login(app.test_client(), "teacher"), login(app.test_client(), "teacher")
    log_out(laptop, "/classes/")
    assert phone.get("/classes/").status_code == 302


def test_a_copied_remember_cookie_stops_working_after_logout(app):
    make_instructor(app)
    _, code = make_classroom(app)
    ada = join(app, code, "Ada Crane")
    thief = copy_of(ada.client, "remember_token")
    assert signed_in(thief)
    log_out(ada.client)
    assert not signed_in(thief)


def test_removal_ends_the_students_sessions(app):
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app)
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="start")
    ada = join(app, code, "Ada Crane")
    copies = [copy_of(ada.client, "session"), copy_of(ada.client, "remember_token")]
    assert all(signed_in(copy) for copy in copies)
    with app.app_context():
        citizen_id = db.session.scalar(select(Citizen.id))
    token = TOKEN.search(teacher.get(f"{page}/monitor").get_data(as_text=True)).group(1)
    kicked = teacher.post(
        f"{page}/citizens/{citizen_id}/kick", data={"csrf_token": token, "confirm": "yes"}
    )
    assert kicked.status_code == 303, kicked.location
    assert not any(signed_in(client) for client in [ada.client, *copies])


def test_a_cookie_from_before_session_versions_works_until_the_first_logout(app):
    """Cookies issued before the counter existed carry the bare id: version 0."""
    from app.auth.account import load_account

    Player.register(app.test_client(), "alice")
    with app.app_context():
        user_id = db.session.scalar(select(User.id))
        assert load_account(str(user_id)).username == "alice"
        assert load_account(f"{user_id}.0").username == "alice"
        assert load_account(f"{user_id}.1") is None
        for junk in ["", ".", f"{user_id}.", f"{user_id}.x", "١", "9" * 40, f"{user_id}.0.0"]:
            assert load_account(junk) is None, junk


def test_a_students_remember_cookie_lasts_one_term(app):
    make_instructor(app)
    _, code = make_classroom(app)
    ada = join(app, code, "Ada Crane")
    expires = ada.client.get_cookie("remember_token").expires
    term = expires - datetime.now(UTC)
    assert timedelta(days=119) < term <= timedelta(days=120)
