"""Both worlds in play: the documented record, friends and reports, the hidden file, meters."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.game import rules
from app.models import Citizen, MeterEvent, Round, RoundMeter
from tests.helpers import (
    count_events,
    hidden_fields,
    instructor_post,
    join,
    ledger_mismatches,
    make_instructor,
)

FILE_WORDS = ["Attitude", "approved material", "Named in a neighbour", "Cooperative with"]
PLAYER_PAGES = [
    "/",
    "/feed",
    "/shop",
    "/complain",
    "/life",
    "/citizens",
    "/history",
    "/sources",
    "/check/before",
]


@pytest.fixture
def clock():
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


def open_class(teacher, world: str) -> tuple[int, str]:
    response = instructor_post(teacher, "/classes/", "/classes/", name="Civics", world=world)
    page = response.location
    instructor_post(teacher, page, f"{page}/status", command="start")
    html = teacher.get(page).get_data(as_text=True)
    code = html.split('class="code big">')[1].split("<")[0]
    return int(page.rsplit("/", 1)[1]), code


def citizen_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Citizen.id).where(Citizen.display_name == name))


def value(app, name: str, track: str) -> int:
    from app.models import Standing

    with app.app_context():
        return db.session.scalar(
            select(Standing.value)
            .join(Citizen, Citizen.id == Standing.citizen_id)
            .where(Citizen.display_name == name, Standing.track == track)
        )


def test_on_the_record_politics_moves_no_score_but_fills_the_file(app, teacher, clock):
    _, code = open_class(teacher, "record")
    ada = join(app, code, "Ada")
    assert ada.share().status_code == 303
    clock.shift(30)
    assert ada.complain(channel="protest").status_code == 303
    assert value(app, "Ada", "private") == 600 and value(app, "Ada", "platform") == 600
    assert value(app, "Ada", "file") == 0  # +1 loyalty, -1 flag
    dashboard = ada.client.get("/").get_data(as_text=True)
    assert "A personnel file exists in your name. You cannot read it." in dashboard
    assert "Private credit score" in dashboard


def test_money_moves_the_private_score_and_the_platform_score_is_withdrawn(app, teacher, clock):
    _, code = open_class(teacher, "record")
    bo = join(app, code, "Bob")
    bo.do("bill-late")
    assert value(app, "Bob", "private") == value(app, "Bob", "platform") == 585
    clock.shift(rules.PLATFORM_LIFETIME.total_seconds())
    bo.do("bill-on-time")
    assert value(app, "Bob", "private") == 593 and value(app, "Bob", "platform") == 585
    assert "withdrawn" in bo.client.get("/").get_data(as_text=True)


def test_the_acts_of_a_cooldown_group_wait_for_each_other(app, teacher, clock):
    _, code = open_class(teacher, "record")
    bo = join(app, code, "Bob")
    assert bo.do("bill-late").status_code == 303
    clock.shift(20)
    assert bo.do("visit").status_code == 303  # the newest act, outside the bill's group
    life = bo.client.get("/life").get_data(as_text=True)
    on_time = life[life.index('action="/life/bill-on-time"') :]
    assert on_time.index("ready in 10 s") < on_time.index("</form>")  # 30 s from the late one
    refused = bo.do("bill-on-time")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "10"
    assert value(app, "Bob", "private") == 585
    clock.shift(10)
    assert bo.do("bill-on-time").status_code == 303


def test_skipping_the_court_debt_blacklists_until_it_is_paid(app, teacher, clock):
    _, code = open_class(teacher, "record")
    cy = join(app, code, "Cyd")
    cy.do("debt-skip")
    assert value(app, "Cyd", "blacklist") == 1
    assert "On the court blacklist" in cy.client.get("/").get_data(as_text=True)
    assert value(app, "Cyd", "private") == 600 - 20 - 25  # the skip, and the list fed to Sesame
    clock.shift(60)
    before = value(app, "Cyd", "wellbeing")
    assert cy.visit().status_code == 303  # no flights or fast trains: slow, not forbidden
    assert value(app, "Cyd", "wellbeing") - before == 3
    luxury = cy.buy("ronin-roads")  # ¥200
    assert luxury.status_code == 403 and "Luxury spending" in luxury.get_data(as_text=True)
    assert cy.buy("quiet-samurai").status_code == 303  # ¥45
    cy.do("debt-pay")
    assert value(app, "Cyd", "blacklist") == 0 and value(app, "Cyd", "debt") == 0
    clock.shift(60)
    no_debt = cy.post_via("/life", "/life/debt-pay")
    assert no_debt.status_code == 409 and "no court-ordered debt" in no_debt.get_data(as_text=True)
    assert cy.visit().status_code == 303
    with app.app_context():
        assert ledger_mismatches() == []


def test_friends_pull_scores_in_the_viral_video(app, teacher, clock):
    classroom_id, code = open_class(teacher, "video")
    ada, bo = join(app, code, "Ada"), join(app, code, "Bob")
    for _ in range(3):
        bo.complain(channel="protest")
        clock.shift(120)
    assert value(app, "Bob", "score") == 525
    assert ada.social("befriend", citizen_id(app, "Bob")).status_code == 303
    clock.shift(60)
    ada.do("bill-on-time")  # +3, then Bo's low score pulls Ada down
    assert value(app, "Ada", "score") < 603
    assert "Your friends&#39; scores pulled yours" in ada.client.get("/history").get_data(
        as_text=True
    )


def test_bad_social_acts_are_refused_and_change_nothing(app, teacher, clock):
    _, code = open_class(teacher, "video")
    ada, _bo = join(app, code, "Ada"), join(app, code, "Bob")
    _, other_code = open_class(teacher, "video")
    join(app, other_code, "Stranger")
    with app.app_context():
        before = count_events()
    me, bo, stranger = (citizen_id(app, n) for n in ("Ada", "Bob", "Stranger"))
    assert ada.social("befriend", me).status_code == 400
    assert ada.social("befriend", stranger).status_code == 404
    assert ada.social("unfriend", bo).status_code == 409
    html = ada.client.get("/citizens").get_data(as_text=True)
    fields = hidden_fields(html, f"/citizens/{bo}/befriend")
    assert ada.client.post("/citizens/999999/befriend", data=fields).status_code == 404
    assert ada.client.post(f"/citizens/{bo}/dance", data=fields).status_code == 404
    with app.app_context():
        assert count_events() == before
    assert ada.social("befriend", bo).status_code == 303
    clock.shift(60)
    assert ada.social("befriend", bo).status_code == 409


def test_the_hidden_file_never_reaches_its_owner_before_the_debrief(app, teacher, clock):
    classroom_id, code = open_class(teacher, "record")
    ada, bo = join(app, code, "Ada"), join(app, code, "Bob")
    ada.share()
    ada.complain()
    bo.social("report", citizen_id(app, "Ada"))
    clock.shift(60)
    for player in (ada, bo):
        for page in PLAYER_PAGES:
            html = player.client.get(page).get_data(as_text=True)
            assert not any(word in html for word in FILE_WORDS), page
        assert player.client.get("/debrief").status_code == 409
        assert player.client.get("/debrief/guess").status_code == 409
    for page in ["/projector?fragment=1", "/projector"]:
        html = teacher.get(f"/classes/{classroom_id}{page}").get_data(as_text=True)
        assert not any(word in html for word in FILE_WORDS), page


def test_the_debrief_reveals_the_file_after_a_guess(app, teacher, clock):
    classroom_id, code = open_class(teacher, "record")
    ada, bo = join(app, code, "Ada"), join(app, code, "Bob")
    ada.share()
    bo.social("report", citizen_id(app, "Ada"))
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    assert ada.client.get("/debrief").location == "/check/after"  # the check before the cards
    ada.take_check("after", "myth")
    assert ada.client.get("/debrief").location == "/debrief/guess"
    bad = ada.submit("/debrief/guess", None, choice="everything")
    assert bad.status_code == 400
    assert ada.submit("/debrief/guess", None, choice="loyal", text="I shared").status_code == 303
    html = ada.client.get("/debrief").get_data(as_text=True)
    assert "Circulated approved material" in html and "Named in a neighbour" in html
    assert "Mostly loyalty" in html and "promotion decision" in html.lower()
    assert "Myth and record" in html and "Caixin Global" in html
    assert "Cooperative with" not in html  # Bo's own line stays in Bo's file
    assert ada.client.get("/debrief/guess").location == "/debrief"
    assert "Myths you judged true: <strong>0 of 6</strong>" in html
    retake = ada.client.post(
        "/check/after", data=hidden_fields(ada.client.get("/").get_data(as_text=True), "/logout")
    )
    assert retake.status_code == 409


def test_complaints_raise_unrest_and_a_crackdown_makes_control_visible(app, teacher, clock):
    classroom_id, code = open_class(teacher, "video")
    students = [join(app, code, f"Student {i}") for i in range(6)]
    for student in students:
        student.complain(channel="protest")
    with app.app_context():
        unrest = db.session.scalar(select(RoundMeter.value).where(RoundMeter.meter == "unrest"))
    assert unrest == 10 + 6 * 5
    page = f"/classes/{classroom_id}"
    assert instructor_post(teacher, page, f"{page}/crackdown", change="up").status_code == 303
    clock.shift(120)
    before = value(app, "Student 0", "score")
    students[0].complain(channel="protest")
    assert value(app, "Student 0", "score") == before - 50  # penalties doubled
    html = teacher.get(f"{page}/projector?fragment=1").get_data(as_text=True)
    assert "Crackdown level 1" in html and "Complaints spread online" in html
    with app.app_context():
        growth = db.session.scalars(
            select(MeterEvent.reason).where(MeterEvent.reason.like("Steady economic growth%"))
        ).all()
        assert growth  # two minutes of growth calmed unrest before the last complaint
        assert db.session.scalar(select(Round.crackdown).where(Round.id == 1)) in (0, 1)


def test_the_class_debrief_compares_rounds_and_checks(app, teacher, clock):
    classroom_id, code = open_class(teacher, "video")
    ada = join(app, code, "Ada")
    ada.share()
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    teacher.post(
        f"{page}/reset",
        data=hidden_fields(html, f"{page}/reset") | {"confirm": "y", "world": "record"},
    )
    instructor_post(teacher, page, f"{page}/status", command="start")
    ada.do("bill-on-time")  # the check before play is asked once per class
    debrief = teacher.get(f"{page}/debrief").get_data(as_text=True)
    assert "Rounds side by side" in debrief
    assert "The viral video (2015)" in debrief and "On the record" in debrief
    assert "To discuss" in debrief and "The class meters over the round" in debrief
    first = teacher.get(f"{page}/debrief?round=1").get_data(as_text=True)
    assert "100%" in first  # Ada's one judged act, a share, conformed
    csv = teacher.get(f"{page}/rounds/1/standings.csv").get_data(as_text=True)
    assert "before_d_prime" in csv and "Ada,612,Ordinary,,48,,6,6,1.0,1.0,0.0,-1.465,,,,,," in csv
    other = make_instructor(app, "other")
    assert other.get(f"{page}/debrief").status_code == 404


def test_an_instructor_can_open_the_debrief_early_and_the_crackdown_has_bounds(app, teacher):
    classroom_id, code = open_class(teacher, "video")
    ada = join(app, code, "Ada")
    page = f"/classes/{classroom_id}"
    assert instructor_post(teacher, page, f"{page}/crackdown", change="down").status_code == 409
    instructor_post(teacher, page, f"{page}/debrief/open")
    assert ada.client.get("/debrief").location == "/check/after"
    bad = instructor_post(teacher, page, f"{page}/crackdown", change="sideways")
    assert bad.status_code == 400
    assert timedelta(0) == timedelta(0)
