"""The instructor's irreversible steps ask first; removal has an undo; joining has rules."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Citizen, Classroom, Round, User
from tests.helpers import (
    Player,
    count_events,
    hidden_fields,
    instructor_post,
    join,
)


def status_of(app, classroom_id: int) -> str:
    with app.app_context():
        return db.session.scalar(
            select(Round.status).where(Round.classroom_id == classroom_id).order_by(Round.id.desc())
        )


def citizen_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Citizen.id).where(Citizen.display_name == name))


def resume_code_of(student: Player) -> str:
    html = student.client.get("/joined").get_data(as_text=True)
    return html.split('id="resume-code">')[1].split("<")[0]


def resume(app, code: str, client=None):
    client = client or app.test_client()
    html = client.get("/resume").get_data(as_text=True)
    return client, client.post("/resume", data=hidden_fields(html, None) | {"code": code})


def kick(teacher, classroom_id: int, citizen: int):
    url = f"/classes/{classroom_id}/citizens/{citizen}/kick"
    return instructor_post(teacher, url, url, confirm="yes")


def test_ending_the_round_asks_first_without_a_script(app, teacher, running):
    classroom_id, _ = running
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    assert f'href="{page}/end"' in html  # a link to the confirmation, not a form that ends
    direct = instructor_post(teacher, page, f"{page}/status", command="end")
    assert direct.status_code == 303 and direct.location == f"{page}/end"
    assert status_of(app, classroom_id) == "running"
    confirm = teacher.get(f"{page}/end").get_data(as_text=True)
    assert "End Round 1" in confirm and "cannot be started" in confirm
    ended = instructor_post(teacher, f"{page}/end", f"{page}/status")
    assert ended.status_code == 303 and status_of(app, classroom_id) == "ended"
    assert "Round 1 has ended" in teacher.get(page).get_data(as_text=True)
    again = teacher.get(f"{page}/end")
    assert again.status_code == 409 and "Round 1 has ended" in again.get_data(as_text=True)


def test_removing_asks_first_and_readmitting_undoes_it(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    ada.share()
    code_of_ada = resume_code_of(ada)
    ada_id = citizen_id(app, "Ada Crane")
    monitor = f"/classes/{classroom_id}/monitor"
    url = f"/classes/{classroom_id}/citizens/{ada_id}/kick"
    assert f'href="{url}"' in teacher.get(monitor).get_data(as_text=True)
    token = hidden_fields(teacher.get(monitor).get_data(as_text=True), "/logout")
    readmit_url = f"/classes/{classroom_id}/citizens/{ada_id}/readmit"
    not_removed = teacher.post(readmit_url, data=token)
    assert not_removed.status_code == 409 and "is not removed" in not_removed.get_data(True)
    assert teacher.post(url, data=token).status_code == 302  # to the confirmation
    assert "Ada Crane" in teacher.get(monitor).get_data(as_text=True).split("removed-heading")[0]
    assert kick(teacher, classroom_id, ada_id).status_code == 303
    for url in ("/feed", "/"):  # signed out by the removal, the device is told why
        page = ada.client.get(url)
        assert page.status_code == 403 and "removed you from Round 1" in page.get_data(True)
    phone, _ = resume(app, code_of_ada)  # the code still names the removed player
    removed = phone.get("/")
    text = removed.get_data(as_text=True)
    assert removed.status_code == 403 and "removed you from Round 1" in text
    assert "readmit" in text and "join" not in text.split('id="main"')[1].lower()
    readmit = instructor_post(
        teacher, monitor, f"/classes/{classroom_id}/citizens/{ada_id}/readmit"
    )
    assert readmit.status_code == 303
    html = phone.get("/").get_data(as_text=True)
    assert 'id="status-score">612<' in html  # where she left off
    assert ada.client.get("/").status_code == 200  # the old device: the welcome page again
    assert Player(phone, "Ada Crane").buy().status_code == 303
    with app.app_context():
        assert count_events() == 5  # the share wrote 3 events, the purchase 2


def test_a_removed_device_cannot_rejoin_the_round_under_a_new_name(app, teacher, running):
    classroom_id, code = running
    troll = join(app, code, "Loud Magpie")
    troll_id = citizen_id(app, "Loud Magpie")
    kick(teacher, classroom_id, troll_id)
    assert troll.client.get("/feed").status_code == 403  # signed out by the removal, told why
    page = troll.client.get(f"/join/{code}").get_data(as_text=True)
    again = troll.client.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": "Nice"})
    text = again.get_data(as_text=True)
    assert again.status_code == 403 and "only they can let you back in" in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Citizen)) == 1
    forged = app.test_client()
    forged.set_cookie("players", "W10.bad-signature")
    page = forged.get(f"/join/{code}").get_data(as_text=True)
    assert (
        forged.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": "Other"}).status_code
        == 303
    )
    url = f"/classes/{classroom_id}/monitor"
    instructor_post(teacher, url, f"/classes/{classroom_id}/citizens/{troll_id}/readmit")
    page = troll.client.get(f"/join/{code}").get_data(as_text=True)
    allowed = troll.client.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": "Nice"})
    assert allowed.status_code == 303


def test_a_player_removed_before_a_new_round_may_join_the_next(app, teacher, running):
    classroom_id, code = running
    troll = join(app, code, "Loud Magpie")
    kick(teacher, classroom_id, citizen_id(app, "Loud Magpie"))
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/reset", confirm="y", world="video")
    with app.app_context():
        round_2 = db.session.scalar(select(Round.id).where(Round.number == 2))
        assert db.session.scalar(select(Citizen.id).where(Citizen.round_id == round_2)) is None
    form = troll.client.get(f"/join/{code}").get_data(as_text=True)
    assert (
        troll.client.post(
            f"/join/{code}", data=hidden_fields(form, None) | {"name": "Nice"}
        ).status_code
        == 303
    )


def test_players_of_an_archived_round_are_neither_removed_nor_readmitted(app, teacher, running):
    classroom_id, code = running
    join(app, code, "Ada Crane")
    old = citizen_id(app, "Ada Crane")
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/reset", confirm="y", world="video")
    refused = kick(teacher, classroom_id, old)
    assert refused.status_code == 409 and "Round 1 is over" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Citizen, old).kicked_at is None


def test_the_instructor_closes_and_opens_joining(app, teacher, running):
    classroom_id, code = running
    member = join(app, code, "Early Bird")
    page = f"/classes/{classroom_id}"
    assert instructor_post(teacher, page, f"{page}/joining").status_code == 303
    assert "Joining is <strong>closed</strong>" in teacher.get(page).get_data(as_text=True)
    late = app.test_client()
    closed = late.get(f"/join/{code}")
    assert closed.status_code == 403 and "not taking new players" in closed.get_data(as_text=True)
    token = hidden_fields(late.get("/join").get_data(as_text=True), "/join")
    refused = late.post(f"/join/{code}", data=token | {"name": "Late Owl"})
    assert refused.status_code == 403
    assert member.share().status_code == 303  # members carry on
    _, resumed = resume(app, resume_code_of(member))
    assert resumed.status_code == 303
    bad = teacher.post(f"{page}/joining", data=token | {"open": "maybe"})
    assert bad.status_code == 400
    with app.app_context():
        assert db.session.get(Classroom, classroom_id).joining_open is False
        assert db.session.scalar(select(func.count()).select_from(Citizen)) == 1
    instructor_post(teacher, page, f"{page}/joining")
    join(app, code, "Late Owl")


def test_the_instructor_reissues_a_lost_resume_code(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    old = resume_code_of(ada)
    url = f"/classes/{classroom_id}/citizens/{citizen_id(app, 'Ada Crane')}/code"
    shown = instructor_post(teacher, f"/classes/{classroom_id}/monitor", url)
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    new = shown.get_data(as_text=True).split('id="resume-code">')[1].split("<")[0]
    assert new != old and len(new) == 11
    assert resume(app, old)[1].status_code == 400
    phone, ok = resume(app, new)
    assert ok.status_code == 303 and "Ada Crane" in phone.get("/").get_data(as_text=True)
    with app.app_context():
        stored = db.session.scalar(select(User.resume_hash).where(User.resume_hash.is_not(None)))
        assert new.replace("-", "") not in stored and old not in stored  # only a hash


def test_a_student_sees_their_code_again_or_replaces_it(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    old = resume_code_of(ada)
    assert old in ada.client.get("/code").get_data(as_text=True)
    assert "/code" in ada.client.get("/history").get_data(as_text=True)
    url = f"/classes/{classroom_id}/citizens/{citizen_id(app, 'Ada Crane')}/code"
    instructor_post(teacher, f"/classes/{classroom_id}/monitor", url)
    stale = ada.client.get("/code").get_data(as_text=True)
    assert old not in stale and "Make a new resume code" in stale  # the old one no longer works
    made = ada.submit("/code", "/code")
    assert made.status_code == 303
    page = ada.client.get("/code").get_data(as_text=True)
    mine = page.split('id="resume-code">')[1].split("<")[0]
    assert resume(app, mine)[1].status_code == 303
    assert app.test_client().post("/code").status_code in (302, 400)  # no account, no code
