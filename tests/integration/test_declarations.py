"""A third world and a new daily act, each declared once, play through the whole app."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Citizen, Event, Standing
from tests.helpers import instructor_post, join
from tests.worlds import declared_garden, registered_rumour

rumour = pytest.fixture(registered_rumour)
garden = pytest.fixture(declared_garden)


def rumour_class(teacher) -> tuple[int, str]:
    """Open a class in the third world through the instructor's form, as a teacher would."""
    form = teacher.get("/classes/").get_data(as_text=True)
    assert '<option value="rumour">The village rumour mill</option>' in form
    response = instructor_post(teacher, "/classes/", "/classes/", name="Village 7A", world="rumour")
    page = response.location
    html = teacher.get(page).get_data(as_text=True)
    return int(page.rsplit("/", 1)[1]), html.split('class="code big">')[1].split("<")[0]


def test_a_round_in_a_third_world_runs_from_joining_to_the_debrief(app, teacher, rumour):
    classroom_id, code = rumour_class(teacher)
    page = f"/classes/{classroom_id}"
    assert instructor_post(teacher, page, f"{page}/status", command="start").status_code == 303
    ada, bo = join(app, code, "Ada"), join(app, code, "Bo")
    assert ada.share().status_code == 303 and ada.complain().status_code == 303
    assert bo.visit().status_code == 303
    assert standing(app, "Ada", "reputation") == 500 + 20 - 40
    assert standing(app, "Bo", "reputation") == 510
    assert standing(app, "Ada", "file") == 1 - 1  # approved material, then a complaint
    dashboard = ada.client.get("/").get_data(as_text=True)
    assert "Neighbourhood reputation" in dashboard and "<strong>480</strong>" in dashboard
    citizens = ada.client.get("/citizens").get_data(as_text=True)
    assert "Bo" in citizens and "Neighbourhood reputation 510" not in citizens  # not public
    assert bo.social("report", _citizen_id(app, "Ada")).status_code == 303
    assert standing(app, "Ada", "file") == -1  # named in a neighbour's report
    monitor = teacher.get(f"{page}/monitor").get_data(as_text=True)
    assert "Gossip" in monitor and "Ada" in monitor
    assert teacher.get(f"{page}/projector").status_code == 200
    assert (
        instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes").status_code
        == 303
    )
    ada.take_check("after")
    assert ada.submit("/debrief/guess", None, choice="loyal").status_code == 303
    debrief = ada.client.get("/debrief")
    assert debrief.status_code == 200, debrief.get_data(as_text=True)[-1500:]
    shown = debrief.get_data(as_text=True)
    assert "Neighbourhood reputation" in shown
    assert "Named in a neighbour&#39;s report" in shown  # the file, revealed


def test_a_declared_daily_act_is_offered_and_written_in_both_worlds(app, teacher, running, garden):
    ada = join(app, running[1], "Ada")
    life = ada.client.get("/life").get_data(as_text=True)
    assert "Tend the garden" in life and 'action="/life/garden"' in life
    assert ada.do("garden").status_code == 303
    again = ada.do("garden")
    assert again.status_code == 429 and "Tend the garden" in again.get_data(as_text=True)
    with app.app_context():
        events = db.session.scalars(select(Event).where(Event.action == "garden")).all()
        assert [(e.track, e.delta, e.reason) for e in events] == [
            ("wellbeing", 4, "Tended the garden")
        ]
    assert ada.client.post("/life/weeding", data={}).status_code in (400, 404)


def _citizen_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Citizen.id).where(Citizen.display_name == name))


def standing(app, name: str, track: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Standing.value)
            .join(Citizen, Citizen.id == Standing.citizen_id)
            .where(Citizen.display_name == name, Standing.track == track)
        )
