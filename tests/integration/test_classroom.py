"""Classrooms and rounds: join by code, run, reset that archives, purge."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.game.rules.codes import JOIN_ALPHABET
from app.models import Citizen, Event, Round
from tests.helpers import (
    Player,
    count_events,
    hidden_fields,
    instructor_post,
    join,
    ledger_mismatches,
    make_classroom,
    make_instructor,
    standing,
)


@pytest.fixture
def classroom(app, teacher):
    return make_classroom(app)


def command(teacher, classroom_id: int, name: str):
    page = f"/classes/{classroom_id}"
    return instructor_post(teacher, page, f"/classes/{classroom_id}/status", command=name)


def start(teacher, classroom_id: int):
    response = command(teacher, classroom_id, "start")
    assert response.status_code == 303


def reset(teacher, classroom_id: int, **data):
    html = teacher.get(f"/classes/{classroom_id}").get_data(as_text=True)
    fields = hidden_fields(html, f"/classes/{classroom_id}/reset")
    return teacher.post(f"/classes/{classroom_id}/reset", data=fields | {"world": "video"} | data)


def test_a_class_has_a_join_code_without_look_alikes_and_a_qr_code(app, teacher, classroom):
    classroom_id, code = classroom
    assert len(code) == 6 and set(code) <= set(JOIN_ALPHABET)
    assert not set(code) & set("0O1IL25SZ8B")
    html = teacher.get(f"/classes/{classroom_id}").get_data(as_text=True)
    assert code in html and "<svg" in html and f"/join/{code}" in html


def test_instructors_create_and_rename_classes(app, teacher):
    response = instructor_post(teacher, "/classes/", "/classes/", name="History 10", world="video")
    assert response.status_code == 303
    page = response.location
    assert "History 10" in teacher.get(page).get_data(as_text=True)
    instructor_post(teacher, page, f"{page}/rename", name="History 10A")
    assert "History 10A" in teacher.get("/classes/").get_data(as_text=True)
    empty = instructor_post(teacher, "/classes/", "/classes/", name="", world="video")
    assert empty.status_code == 400


def test_another_instructors_classroom_is_not_found(app, teacher, classroom):
    classroom_id, _ = classroom
    other = make_instructor(app, "other")
    for path in [
        "",
        "/monitor",
        "/projector",
        "/rounds/1",
        "/rounds/1/standings.csv",
        "/rounds/1/ledger.csv",
        "/backup.json",
    ]:
        assert other.get(f"/classes/{classroom_id}{path}").status_code == 404, path
    html = other.get("/classes/").get_data(as_text=True)
    token = hidden_fields(html, "/classes/invite")["csrf_token"]
    for path in ["/rename", "/status", "/reset", "/display", "/words", "/rounds/1/delete"]:
        response = other.post(f"/classes/{classroom_id}{path}", data={"csrf_token": token})
        assert response.status_code == 404, path


def test_students_join_by_code_with_a_pseudonym_and_no_password(app, classroom):
    classroom_id, code = classroom
    client = app.test_client()
    typed = client.post(
        "/join",
        data=hidden_fields(client.get("/join").get_data(as_text=True), "/join")
        | {"code": f" {code[:3].lower()} {code[3:]}"},
    )
    assert typed.status_code == 303 and typed.location == f"/join/{code}"
    page = client.get(typed.location).get_data(as_text=True)
    assert 'name="name"' in page and 'value="' in page  # a suggested name
    response = client.post(typed.location, data=hidden_fields(page, None) | {"name": "Quiet Crane"})
    assert response.status_code == 303
    joined = client.get("/joined").get_data(as_text=True)
    assert 'id="resume-code"' in joined
    dashboard = client.get("/").get_data(as_text=True)
    assert "Quiet Crane" in dashboard and "Round 1 is waiting to start" in dashboard


@pytest.mark.parametrize("code", ["ZZZZZZ", "AAAA", "", "x" * 500, "<script>"])
def test_a_wrong_join_code_is_refused(client, classroom, code):
    html = client.get("/join").get_data(as_text=True)
    response = client.post("/join", data=hidden_fields(html, "/join") | {"code": code})
    assert response.status_code == 400
    assert client.get(f"/join/{code or 'NOPE'}").status_code == 404


def test_the_open_classroom_cannot_be_joined_by_code(client):
    assert client.get("/join/OPEN00").status_code == 404


@pytest.mark.parametrize(
    "name, message",
    [
        ("Quiet Crane", "taken"),
        ("quiet crane", "taken"),
        ("Stupid Yak", "not allowed"),
        ("HITLERfan", "not allowed"),
        ("a", "Use 2–24"),
        ("x" * 30, "24"),
        ("<b>Bold</b>", "Use 2–24"),
    ],
)
def test_bad_pseudonyms_are_refused(app, classroom, name, message):
    _, code = classroom
    join(app, code, "Quiet Crane")
    client = app.test_client()
    page = client.get(f"/join/{code}").get_data(as_text=True)
    response = client.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": name})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Citizen)) == 1


def test_the_instructor_extends_the_word_filter(app, teacher, classroom):
    classroom_id, code = classroom
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/words", words="mango, kiwi")
    client = app.test_client()
    html = client.get(f"/join/{code}").get_data(as_text=True)
    response = client.post(f"/join/{code}", data=hidden_fields(html, None) | {"name": "Kiwi Bird"})
    assert response.status_code == 400 and "not allowed" in response.get_data(as_text=True)


def test_a_resume_code_continues_on_another_device(app, classroom):
    _, code = classroom
    student = join(app, code, "Brave Otter")
    resume_code = student.client.get("/joined").get_data(as_text=True).split('id="resume-code">')[1]
    resume_code = resume_code.split("<")[0]
    phone = app.test_client()
    html = phone.get("/resume").get_data(as_text=True)
    response = phone.post("/resume", data=hidden_fields(html, None) | {"code": resume_code.lower()})
    assert response.status_code == 303
    assert "Brave Otter" in phone.get("/").get_data(as_text=True)
    wrong = phone.post("/resume", data=hidden_fields(html, None) | {"code": "AAAAA-AAAAA"})
    assert wrong.status_code == 400


def test_actions_wait_while_the_round_is_in_the_lobby_or_paused(app, teacher, classroom):
    classroom_id, code = classroom
    student = join(app, code, "Swift Heron")
    response = student.share()
    assert response.status_code == 409 and "waiting to start" in response.get_data(as_text=True)
    start(teacher, classroom_id)
    assert student.share().status_code == 303
    command(teacher, classroom_id, "pause")
    paused = student.buy()
    assert paused.status_code == 409 and "paused" in paused.get_data(as_text=True)
    with app.app_context():
        assert count_events() == 3  # the one share: score, wellbeing, file


def test_an_impossible_round_command_is_refused(app, teacher, classroom):
    classroom_id, _ = classroom
    response = command(teacher, classroom_id, "pause")  # still in the lobby
    text = response.get_data(as_text=True)
    assert (
        response.status_code == 409 and "Round 1 is waiting to start; it cannot be paused" in text
    )
    assert command(teacher, classroom_id, "explode").status_code == 400


def test_a_late_joiner_enters_the_running_round(app, teacher, classroom):
    classroom_id, code = classroom
    start(teacher, classroom_id)
    late = join(app, code, "Late Lynx")
    assert late.share().status_code == 303


def test_reset_archives_and_gives_everyone_a_fresh_citizen(app, teacher, classroom):
    classroom_id, code = classroom
    start(teacher, classroom_id)
    ada, bo = join(app, code, "Ada"), join(app, code, "Bo Yak")
    ada.share()
    bo.complain(channel="protest")
    unconfirmed = reset(teacher, classroom_id)
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.get_data(as_text=True)
    response = reset(teacher, classroom_id, confirm="y")
    assert response.status_code == 303
    for student in (ada, bo):
        html = student.client.get("/").get_data(as_text=True)
        assert 'id="status-score">600<' in html and "Round 2" in html
    archive = teacher.get(f"/classes/{classroom_id}/rounds/1").get_data(as_text=True)
    assert "Final standings" in archive and "612" in archive and "575" in archive
    with app.app_context():
        assert count_events() == 6 and ledger_mismatches() == []
        statuses = db.session.scalars(select(Round.status).order_by(Round.number)).all()
        assert statuses[-2:] == ["ended", "lobby"]


def test_a_stale_reset_is_refused_and_changes_nothing(app, teacher, classroom):
    classroom_id, _ = classroom
    html = teacher.get(f"/classes/{classroom_id}").get_data(as_text=True)
    fields = hidden_fields(html, f"/classes/{classroom_id}/reset") | {
        "confirm": "y",
        "world": "video",
    }
    assert teacher.post(f"/classes/{classroom_id}/reset", data=fields).status_code == 303
    again = teacher.post(f"/classes/{classroom_id}/reset", data=fields)
    assert again.status_code == 409 and "already reset" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Round)) == 2


def test_the_cli_resets_a_class_after_confirmation(app, runner, teacher, classroom):
    _, code = classroom
    refused = runner.invoke(args=["round", "reset", code], input="n\n")
    assert refused.exit_code != 0
    done = runner.invoke(args=["round", "reset", code.lower(), "--yes"])
    assert done.exit_code == 0 and "Round 2" in done.output
    unknown = runner.invoke(args=["round", "reset", "QQQQQQ", "--yes"])
    assert unknown.exit_code != 0 and "No class" in unknown.output


def test_purging_a_round_needs_its_name_and_an_ended_round(app, teacher, classroom):
    classroom_id, code = classroom
    start(teacher, classroom_id)
    join(app, code, "Ada").share()
    page = f"/classes/{classroom_id}/rounds/1"
    running = teacher.post(
        f"{page}/delete",
        data=hidden_fields(
            teacher.get(f"/classes/{classroom_id}").get_data(as_text=True),
            f"/classes/{classroom_id}/rename",
        )
        | {"typed": "Round 1"},
    )
    assert running.status_code == 409
    reset(teacher, classroom_id, confirm="y")
    wrong = instructor_post(teacher, page, f"{page}/delete", typed="round one")
    assert wrong.status_code == 400 and "exactly" in wrong.get_data(as_text=True)
    with app.app_context():
        assert count_events() == 3
    right = instructor_post(teacher, page, f"{page}/delete", typed="Round 1")
    assert right.status_code == 303
    with app.app_context():
        assert count_events() == 0
        assert db.session.scalar(select(func.count()).select_from(Event)) == 0
    assert "data was deleted" in teacher.get(page).get_data(as_text=True).replace(
        "were deleted", "data was deleted"
    )


def test_removed_players_can_no_longer_act_and_are_told_why(app, teacher, classroom):
    classroom_id, code = classroom
    start(teacher, classroom_id)
    troll = join(app, code, "Bold Badger")
    html = troll.client.get("/feed").get_data(as_text=True)
    fields = hidden_fields(html, "/feed/grain-quota/share")
    with app.app_context():
        citizen_id = db.session.scalar(select(Citizen.id))
    confirm = f"/classes/{classroom_id}/citizens/{citizen_id}/kick"
    kicked = instructor_post(teacher, confirm, confirm, confirm="yes")
    assert kicked.status_code == 303
    response = troll.client.post("/feed/grain-quota/share", data=fields)
    assert response.status_code in (302, 403) and response.location != "/join"
    assert "join" not in (response.location or "")
    with app.app_context():
        assert count_events() == 0
    monitor = f"/classes/{classroom_id}/monitor"
    teacher.get(monitor)  # shows the flash message
    roster = (
        teacher.get(monitor)
        .get_data(as_text=True)
        .split('<section aria-labelledby="removed-heading"')
    )
    assert (
        "Bold Badger" not in roster[0] and "Bold Badger" in roster[1] and '/readmit"' in roster[1]
    )
    token = hidden_fields(teacher.get(monitor).get_data(as_text=True), "/logout")
    again = teacher.post(confirm, data=token | {"confirm": "yes"})
    assert again.status_code == 409 and "already removed" in again.get_data(as_text=True)


def test_the_instructor_renames_and_awards_with_a_reason(app, teacher, classroom):
    classroom_id, code = classroom
    start(teacher, classroom_id)
    student = join(app, code, "Gentle Carp")
    with app.app_context():
        citizen_id = db.session.scalar(select(Citizen.id))
    base = f"/classes/{classroom_id}/citizens/{citizen_id}"
    monitor = f"/classes/{classroom_id}/monitor"
    renamed = instructor_post(teacher, monitor, f"{base}/rename", name="Calm Ibis")
    assert renamed.status_code == 303
    award = instructor_post(
        teacher,
        monitor,
        f"{base}/adjust",
        track="score",
        delta="25",
        reason="role-play: a model neighbour",
        note="Helped a classmate",
    )
    assert award.status_code == 303
    html = student.client.get("/").get_data(as_text=True)
    assert "Calm Ibis" in html and 'id="status-score">625<' in html
    assert "Award: role-play: a model neighbour — Helped a classmate" in html
    assert "(by the instructor)" in html
    bad = instructor_post(
        teacher, monitor, f"{base}/adjust", track="score", delta="9999", reason="x"
    )
    assert bad.status_code == 400
    with app.app_context():
        assert standing_of(citizen_id) == 625 and ledger_mismatches() == []


def standing_of(citizen_id: int) -> int:
    from app.models import Standing

    return db.session.scalar(
        select(Standing.value).where(Standing.citizen_id == citizen_id, Standing.track == "score")
    )


def test_solo_play_is_untouched_by_classes(app, player, teacher, classroom):
    assert isinstance(player, Player)
    player.share()
    with app.app_context():
        assert standing("alice") == 612
