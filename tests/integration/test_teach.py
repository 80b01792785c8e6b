"""The teacher's kit: /teach, the discussion questions, safe defaults and the economy lever."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine
from markupsafe import escape
from sqlalchemy import func, select

from app.extensions import db
from app.game.content.catalogue import catalogue
from app.game.content.kit import kit
from app.game.services import rounds
from app.models import Citizen, Classroom, Event, MeterEvent, Round, RoundMeter
from app.teach.views import answer_key
from tests.helpers import hidden_fields, instructor_post, join, make_classroom


def citizen_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Citizen.id).where(Citizen.display_name == name))


def test_teach_is_open_without_an_account_and_holds_the_whole_kit(client):
    response = client.get("/teach")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for plan in kit().plans:
        assert plan.title in html
        for lesson in plan.lessons:
            assert f"{lesson.steps[-1].start}–45" in html
    assert "15 and over" in html and "Content note" in html and "not about Chinese people" in html
    assert "What Chinese respondents told surveys" in html
    for fact in catalogue().facts:
        for source in fact.sources:
            assert f'<span class="url">{source.url}</span>' in html.replace("&amp;", "&")
    for statement in catalogue().statements.values():
        assert escape(statement.text) in html
    for question in kit().questions:
        assert escape(question.about) in html
    for prompt in kit().exit_ticket:
        assert escape(prompt) in html
    assert "role-play: spreading rumours" in html


def test_the_welcome_page_and_the_instructor_link_to_the_kit(client, teacher):
    assert 'href="/teach"' in client.get("/").get_data(as_text=True)
    assert 'href="/teach"' in teacher.get("/classes/").get_data(as_text=True)


@dataclass(frozen=True)
class Later:
    """A statement with the fields a two-form check adds."""

    id: str
    text: str
    true: bool
    sources: tuple
    form: str
    explanation: str = ""
    transfer: bool = False


def test_the_answer_key_groups_by_form_when_there_are_forms():
    sources = next(iter(catalogue().statements.values())).sources
    statements = [
        Later("b1", "Second form", False, sources, "B", "Because.", True),
        Later("a1", "First form", True, sources, "A"),
    ]
    key = answer_key(statements)
    assert [name for name, _ in key] == ["Form A", "Form B"]
    assert key[1][1][0].explanation == "Because." and key[1][1][0].transfer
    assert key[0][1][0].explanation == "" and not key[0][1][0].transfer
    plain = answer_key(list(catalogue().statements.values()))
    assert sum(len(items) for _, items in plain) == len(catalogue().statements)


def test_every_lesson_takes_45_minutes_and_every_question_has_an_id():
    for plan in kit().plans:
        for lesson in plan.lessons:
            assert lesson.steps[0].start == 0 and lesson.steps[-1].end == 45
    ids = {q.id for q in kit().questions}
    assert {"three-records", "file", "visible-control", "economy", "critique"} <= ids


def test_new_classes_hide_pseudonyms_on_the_projector(app, teacher, running):
    classroom_id, code = running
    join(app, code, "Loud Magpie").share()
    with app.app_context():
        assert db.session.get(Classroom, classroom_id).show_names is False
    html = teacher.get(f"/classes/{classroom_id}/projector?fragment=1").get_data(as_text=True)
    ticker = html.split('class="ticker"')[1]
    assert "A citizen" in ticker and "Loud Magpie" not in ticker


def test_a_report_never_names_its_target_on_the_projector(app, teacher, running):
    classroom_id, code = running
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/display", show_names="y")
    join(app, code, "Quiet Heron")
    ada = join(app, code, "Ada Crane")
    assert ada.social("report", citizen_id(app, "Quiet Heron")).status_code in (302, 303)
    html = teacher.get(f"{page}/projector?fragment=1").get_data(as_text=True)
    ticker = html.split('class="ticker"')[1]
    assert "Ada Crane" in ticker and "Reported a neighbour" in ticker
    assert "Quiet Heron" not in ticker
    with app.app_context():  # the ledger keeps the whole truth; only the projector hides it
        reasons = db.session.scalars(select(Event.reason).where(Event.action == "report")).all()
        assert any("Quiet Heron" in reason for reason in reasons)


def adjust(teacher, classroom_id: int, target: int, **data):
    monitor = f"/classes/{classroom_id}/monitor"
    action = f"/classes/{classroom_id}/citizens/{target}/adjust"
    return instructor_post(teacher, monitor, action, track="score", **data)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    ("delta", "reason"),
    [
        ("-20", "You are lazy"),  # not on the list
        ("-20", ""),
        ("-20", "role-play: a model neighbour"),  # an award's reason for a fine
        ("20", "role-play: spreading rumours"),  # a fine's reason for an award
    ],
)
def test_a_fine_takes_its_reason_from_the_list(app, teacher, running, delta, reason):
    classroom_id, code = running
    join(app, code, "Ada Crane")
    target = citizen_id(app, "Ada Crane")
    events, meters = count(app, Event), count(app, MeterEvent)
    response = adjust(teacher, classroom_id, target, delta=delta, reason=reason)
    assert response.status_code == 400
    assert "reason" in response.get_data(as_text=True)
    assert (count(app, Event), count(app, MeterEvent)) == (events, meters)


def test_a_listed_reason_and_a_short_note_reach_the_player(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    target = citizen_id(app, "Ada Crane")
    long_note = adjust(
        teacher,
        classroom_id,
        target,
        delta="-20",
        reason="role-play: spreading rumours",
        note="x" * 61,
    )
    assert long_note.status_code == 400
    fined = adjust(
        teacher,
        classroom_id,
        target,
        delta="-20",
        reason="role-play: spreading rumours",
        note="in the market scene",
    )
    assert fined.status_code == 303
    corrected = adjust(
        teacher, classroom_id, target, delta="20", reason="correction: undo an earlier change"
    )
    assert corrected.status_code == 303
    html = ada.client.get("/history").get_data(as_text=True)
    assert "Fine: role-play: spreading rumours — in the market scene" in html
    assert "Award: correction: undo an earlier change" in html


def growth(app) -> int:
    with app.app_context():
        return db.session.scalar(select(RoundMeter.value).where(RoundMeter.meter == "growth"))


def test_the_economy_lever_moves_growth_and_growth_moves_unrest(app, teacher, running):
    classroom_id, code = running
    page = f"/classes/{classroom_id}"
    assert "Economy: <strong>steady</strong>" in teacher.get(page).get_data(as_text=True)
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        join(app, code, "Ada Crane").complain(channel="protest")
        boom = instructor_post(teacher, page, f"{page}/growth", level="boom")
        assert boom.status_code == 303 and growth(app) == 90
        again = instructor_post(teacher, page, f"{page}/growth", level="boom")
        assert again.status_code == 409 and growth(app) == 90
        for bad in ("crash", "", "BOOM"):
            assert instructor_post(teacher, page, f"{page}/growth", level=bad).status_code == 400
        slow = instructor_post(teacher, f"{page}/monitor", f"{page}/growth", level="slowdown")
        assert slow.status_code == 303 and slow.location.endswith("/monitor")
        assert growth(app) == 10
        clock.shift(185)
        html = teacher.get(f"{page}/projector?fragment=1").get_data(as_text=True)
    assert "The economy slows" in html and "one forum commenter" in html
    with app.app_context():
        changes = db.session.execute(
            select(MeterEvent.meter, MeterEvent.delta, MeterEvent.actor, MeterEvent.reason)
            .where(MeterEvent.meter.in_(["growth", "unrest"]))
            .order_by(MeterEvent.id)
        ).all()
    assert ("growth", 30, "instructor", "The economy booms") in changes
    assert ("growth", -80, "instructor", "The economy slows down") in changes
    assert ("unrest", 6, "system", "A slowdown over 3 min") in changes


def test_the_lever_waits_for_a_running_round(app, teacher):
    classroom_id, _ = make_classroom(app)
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    response = teacher.post(
        f"{page}/growth", data=hidden_fields(html, "/logout") | {"level": "boom"}
    )
    assert response.status_code == 409 and growth(app) == 60


def test_the_class_debrief_charts_all_four_meters_tagged_as_the_games_model(app, teacher, running):
    classroom_id, code = running
    page = f"/classes/{classroom_id}"
    join(app, code, "Ada Crane").complain()
    instructor_post(teacher, page, f"{page}/growth", level="slowdown")
    instructor_post(teacher, page, f"{page}/crackdown", change="up")
    html = teacher.get(f"{page}/debrief").get_data(as_text=True)
    for key in ("unrest", "visibility", "growth", "trust"):
        assert f'class="meter-line meter-line-{key}"' in html
    assert "Economic growth: started at 60, lowest 10, highest 60, ended at 10" in html
    assert escape(catalogue().mechanics["meters"].title) in html
    assert "invented for the game" in html
    for question in kit().questions:
        assert escape(question.about) in html


def test_every_player_sees_the_questions_in_their_own_debrief(app, teacher, running, player):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    with app.app_context():
        solo = db.session.scalar(select(Round).join(Classroom).where(Classroom.is_open))
        rounds.open_debrief(solo.id)
    for someone in (ada, player):
        someone.take_check("after")
        assert someone.submit("/debrief/guess", None, choice="nothing").status_code == 303
        html = someone.client.get("/debrief").get_data(as_text=True)
        assert "To discuss" in html
        for question in kit().questions:
            assert escape(question.about) in html
