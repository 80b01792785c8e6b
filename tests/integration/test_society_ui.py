"""The simulated society from the instructor's side: adding simulated citizens to a round, a
demo class, how each temperament fared in the debriefs, and the exports."""

import json
import re
from collections import defaultdict
from datetime import UTC, datetime

import pytest
import time_machine
from markupsafe import escape
from sqlalchemy import func, select

from app.extensions import db
from app.game import rules
from app.game.content.catalogue import catalogue
from app.game.reads.lookups import current_round
from app.game.rules.society import MARK
from app.game.services import rounds, society
from app.models import Citizen, Classroom, Event, Round, Standing, User
from tests.helpers import (
    Player,
    hidden_fields,
    instructor_post,
    join,
    ledger_mismatches,
    make_classroom,
    make_instructor,
)
from tests.integration.test_exports import spreadsheet

ROW = re.compile(r'<tr id="fared-\d+">(.*?)</tr>', re.S)
NAME = re.compile(r'<span class="fared-name">(.*?)</span>')
NUMBER = re.compile(r'<td class="num"[^>]*>(.*?)</td>')


def simulated_of(app, round_id: int | None = None) -> list[Citizen]:
    with app.app_context():
        query = select(Citizen).where(Citizen.temperament.is_not(None))
        if round_id is not None:
            query = query.where(Citizen.round_id == round_id)
        return list(db.session.scalars(query.order_by(Citizen.id)))


def round_id_of(app, classroom_id: int) -> int:
    with app.app_context():
        return current_round(classroom_id).id


def add(teacher, classroom_id: int, count: str):
    page = f"/classes/{classroom_id}"
    return instructor_post(teacher, page, f"{page}/simulated", count=count)


def test_the_form_adds_simulated_citizens_at_their_baselines(app, teacher, running):
    classroom_id, _ = running
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    assert "Simulated citizens" in html and "has <strong>0</strong> simulated citizens" in html
    assert "same rules as the players" in html and "“(simulated)”" in html
    assert not simulated_of(app)  # none by default

    response = add(teacher, classroom_id, "12")
    assert response.status_code == 303 and response.location == page
    html = teacher.get(page).get_data(as_text=True)
    assert "has <strong>12</strong> simulated citizens" in html
    assert "0 players · 12 simulated" in html
    people = simulated_of(app, round_id_of(app, classroom_id))
    assert len(people) == 12 and all(c.user_id is None for c in people)
    assert all(c.display_name.endswith(MARK) for c in people)
    assert {c.temperament for c in people} == set(catalogue().temperaments)
    with app.app_context():
        standings = db.session.scalars(
            select(Standing).where(Standing.citizen_id.in_([c.id for c in people]))
        ).all()
    assert len(standings) == 12 * 4  # every track of the viral video's world
    assert all(s.value == s.baseline for s in standings)

    assert add(teacher, classroom_id, "3").status_code == 303
    assert "has <strong>15</strong>" in teacher.get(page).get_data(as_text=True)


@pytest.mark.parametrize("count", ["0", "201", "x", "", "-5", "2.5"])
def test_a_bad_count_is_refused_and_adds_nobody(app, teacher, running, count):
    classroom_id, _ = running
    response = add(teacher, classroom_id, count)
    assert response.status_code == 400
    assert "Add from 1 to 200 simulated citizens" in response.get_data(as_text=True)
    assert simulated_of(app) == []


def test_a_round_holds_at_most_200_simulated_citizens(app, teacher, running):
    classroom_id, _ = running
    assert add(teacher, classroom_id, "150").status_code == 303
    refused = add(teacher, classroom_id, "51")
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "A round holds at most 200 simulated citizens." in html and "Nothing was changed" in html
    assert len(simulated_of(app)) == 150
    assert add(teacher, classroom_id, "50").status_code == 303
    html = teacher.get(f"/classes/{classroom_id}").get_data(as_text=True)
    assert "has <strong>200</strong> simulated citizens; a round holds at most 200." in html
    assert "It is full." in html
    assert f'action="/classes/{classroom_id}/simulated"' not in html  # no form: it is full


def test_only_the_class_s_own_instructor_adds_and_only_with_a_token(app, teacher, running):
    classroom_id, _ = running
    other = make_instructor(app, "other")
    token = hidden_fields(other.get("/classes/").get_data(as_text=True), "/classes/demo")
    stranger = other.post(f"/classes/{classroom_id}/simulated", data=token | {"count": "5"})
    assert stranger.status_code == 404
    forged = teacher.post(f"/classes/{classroom_id}/simulated", data={"count": "5"})
    assert forged.status_code == 400
    assert simulated_of(app) == []


def test_an_ended_round_takes_no_simulated_citizens(app, teacher, running):
    classroom_id, _ = running
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    html = teacher.get(page).get_data(as_text=True)
    assert "Start a new round to add some" in html
    token = hidden_fields(html, f"{page}/rename")
    refused = teacher.post(f"{page}/simulated", data=token | {"count": "5"})
    assert refused.status_code == 409 and "start a new round" in refused.get_data(as_text=True)
    assert simulated_of(app) == []


def test_a_demo_class_fills_its_projector_before_anyone_joins(app, teacher):
    index = teacher.get("/classes/").get_data(as_text=True)
    assert "Open a demo class" in index and "30 simulated citizens" in index
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        response = instructor_post(teacher, "/classes/", "/classes/demo")
        assert response.status_code == 303
        with app.app_context():
            classroom = db.session.scalar(select(Classroom).where(Classroom.name == "Demo class"))
            round_ = current_round(classroom.id)
            assert (round_.status, round_.world, round_.number) == ("running", "video", 1)
            assert classroom.owner_id == db.session.scalar(
                select(User.id).where(User.username == "teacher")
            )
        assert response.location == f"/classes/{classroom.id}"
        people = simulated_of(app, round_.id)
        assert len(people) == 30 and all(c.user_id is None for c in people)
        page = teacher.get(response.location).get_data(as_text=True)
        assert "Demo class" in page and "has <strong>30</strong> simulated citizens" in page

        projector = f"/classes/{classroom.id}/projector"
        html = teacher.get(projector).get_data(as_text=True)
        assert "30 citizens" in html and "Nothing yet." in html
        clock.shift(60)
        html = teacher.get(projector).get_data(as_text=True)
        assert "30 citizens" in html and "Nothing yet." not in html  # the society acted
        monitor = teacher.get(f"/classes/{classroom.id}/monitor").get_data(as_text=True)
        assert all(str(escape(c.display_name)) in monitor for c in people)
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Event.actor == "simulated")) > 0
        assert ledger_mismatches() == []


def expected_rows(app, round_id: int) -> dict[str, list[str]]:
    """Compute each group's figures straight from the standings, as the table should show."""
    known = catalogue().temperaments
    values: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    with app.app_context():
        rows = db.session.execute(
            select(Citizen.temperament, Standing.track, Standing.value)
            .join(Standing, Standing.citizen_id == Citizen.id)
            .where(Citizen.round_id == round_id)
        )
        for temperament, track, value in rows:
            values[known[temperament].name if temperament else "Players"][track].append(value)
    found = {}
    for name, tracks in values.items():
        mean = {track: sum(v) / len(v) for track, v in tracks.items()}
        found[name] = [
            str(len(tracks["score"])),
            str(round(mean["score"])),
            str(round(mean["wellbeing"])),
            f"{round(mean['file'], 1):+.1f}",
        ]
    return found


def shown_rows(html: str) -> dict[str, list[str]]:
    rows = {}
    for row in ROW.findall(html):
        numbers = NUMBER.findall(row)
        rows[NAME.search(row).group(1)] = numbers
    return rows


def test_the_debriefs_show_how_each_temperament_fared(app, teacher, running):
    classroom_id, code = running
    page = f"/classes/{classroom_id}"
    round_id = round_id_of(app, classroom_id)
    other, _ = make_classroom(app, name="Another class")  # its citizens count in no figure here
    with app.app_context():
        society.add_simulated(round_id_of(app, other), 7)
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        ada, bo = join(app, code, "Ada"), join(app, code, "Bo")
        assert add(teacher, classroom_id, "12").status_code == 303
        ada.share()
        bo.buy()
        for _ in range(3):
            clock.shift(60)
            teacher.get(f"{page}/projector")  # the society catches up
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    expected = expected_rows(app, round_id)
    assert any(figures[1] != "600" for figures in expected.values())  # the society moved

    html = teacher.get(f"{page}/debrief").get_data(as_text=True)
    assert "How each temperament fared" in html
    shown = shown_rows(html)
    assert list(shown)[0] == "Players"
    assert list(shown)[1:] == [t.name for t in catalogue().temperaments.values()]
    for name, figures in expected.items():
        assert shown[name][:4] == figures, name
    assert shown["Players"][4] == "50%"  # Ada's share conformed, Bo's purchase did not
    assert html.count('<span class="tag tag-invented">invented for the game</span>') >= 6
    for temperament in catalogue().temperaments.values():
        assert str(escape(temperament.summary)) in html
    assert "2 students and 12 simulated citizens" in html
    assert "Who conformed, who pretended" in html

    ada.take_check("after")
    assert ada.submit("/debrief/guess", None, choice="nothing").status_code == 303
    own = ada.client.get("/debrief").get_data(as_text=True)
    assert "How each temperament fared" in own and shown_rows(own) == shown


def test_a_round_without_simulated_citizens_has_no_temperament_table(app, teacher, running):
    classroom_id, code = running
    join(app, code, "Ada").share()
    html = teacher.get(f"/classes/{classroom_id}/debrief").get_data(as_text=True)
    assert "How each temperament fared" not in html and "1 student (students" in html


def test_solo_play_s_debrief_shows_the_town_s_temperaments(app, make_app):
    town = make_app(SOLO_NEIGHBOURS=12)
    alice = Player.register(town.test_client(), "alice")
    with town.app_context():
        solo = db.session.scalar(select(Round).join(Classroom).where(Classroom.is_open))
        rounds.open_debrief(solo.id)
    alice.take_check("after")
    assert alice.submit("/debrief/guess", None, choice="nothing").status_code == 303
    shown = shown_rows(alice.client.get("/debrief").get_data(as_text=True))
    assert shown["Players"][0] == "1"
    assert sum(int(figures[0]) for figures in shown.values()) == 13


def test_exports_keep_simulated_citizens_and_their_mark(app, teacher, running):
    classroom_id, code = running
    base = f"/classes/{classroom_id}"
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        join(app, code, "Ada").share()
        assert add(teacher, classroom_id, "6").status_code == 303
        clock.shift(120)
        teacher.get(f"{base}/projector")
    people = simulated_of(app)
    names = {c.display_name for c in people}
    known = catalogue().temperaments

    standings = spreadsheet(teacher.get(f"{base}/rounds/1/standings.csv").get_data(as_text=True))
    assert {row["pseudonym"] for row in standings} == names | {"Ada"}
    temperaments = {row["pseudonym"]: row["temperament"] for row in standings}
    assert temperaments == {c.display_name: known[c.temperament].name for c in people} | {"Ada": ""}

    ledger = spreadsheet(teacher.get(f"{base}/rounds/1/ledger.csv").get_data(as_text=True))
    aimed_at = {act.target_event for act in rules.ACTS.values() if act.target_event}
    acted = {
        row["pseudonym"]
        for row in ledger
        if row["actor"] == "simulated" and row["action"] not in aimed_at  # a report's target
    }
    assert acted and acted <= names  # a simulated act names its citizen, marked as such
    with app.app_context():
        events = db.session.scalar(select(func.count()).select_from(Event))
    assert len(ledger) == events  # no act dropped

    backup = json.loads(teacher.get(f"{base}/backup.json").get_data(as_text=True))
    saved = {c["display_name"]: c["temperament"] for c in backup["citizens"]}
    assert saved == {c.display_name: c.temperament for c in people} | {"Ada": None}
