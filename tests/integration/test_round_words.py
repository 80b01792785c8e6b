"""After a new round, a player's old pages lead into it; states in words, times in the class's
zone; a warning when the join link points to this computer."""

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.classroom import address
from app.extensions import db
from app.game import rules
from app.models import Classroom, Event, Round
from app.web import words
from tests.helpers import (
    count_events,
    hidden_fields,
    instructor_post,
    join,
    make_classroom,
)


def new_round(teacher, classroom_id: int):
    page = f"/classes/{classroom_id}"
    response = instructor_post(teacher, page, f"{page}/reset", confirm="y", world="video")
    assert response.status_code == 303
    return response


def test_a_reload_after_a_new_round_lands_in_it_with_a_line_that_says_so(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    ada.share()
    new_round(teacher, classroom_id)
    reload = ada.client.get("/debrief")
    assert reload.status_code == 303 and reload.location == "/"
    home = ada.client.get("/").get_data(as_text=True)
    assert "The class has moved on: Round 2 is waiting to start." in home
    assert "Your Round 1 debrief stays in your history." in home
    assert 'id="status-score">600<' in home
    again = ada.client.get("/debrief")  # told once; the stale page still leads home, not a 409
    assert again.status_code == 303
    assert "Round 1 debrief is in your history" in ada.client.get("/").get_data(as_text=True)


def test_an_act_from_a_page_of_the_old_round_is_not_applied_to_the_new(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    fields = hidden_fields(ada.client.get("/feed").get_data(as_text=True), "/feed/solar-farm/share")
    new_round(teacher, classroom_id)
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="start")
    stale = ada.client.post("/feed/solar-farm/share", data=fields)
    assert stale.status_code == 303 and stale.location == "/"
    assert "The class has moved on: Round 2 is running" in ada.client.get("/").get_data(True)
    with app.app_context():
        assert count_events() == 0
    assert ada.share("solar-farm").status_code == 303  # a page of the new round acts


def test_earlier_debriefs_stay_in_the_players_history_read_only(app, teacher, running):
    classroom_id, code = running
    ada = join(app, code, "Ada Crane")
    ada.share()
    new_round(teacher, classroom_id)
    history = ada.client.get("/history").get_data(as_text=True)
    assert 'href="/debrief/round/1"' in history and "Your Round 1 debrief" in history
    old = ada.client.get("/debrief/round/1")
    html = old.get_data(as_text=True)
    assert old.status_code == 200 and "Your Round 1 debrief" in html
    assert (
        "the round ended before you guessed" in html
        and "<form" not in html.split('id="main"')[1].split("</main>")[0]
    )
    assert ada.client.get("/debrief/round/2").status_code == 404  # the current round
    late = join(app, code, "Late Owl")
    assert late.client.get("/debrief/round/1").status_code == 404  # not theirs
    with app.app_context():
        assert db.session.scalar(select(Event.id).where(Event.round_id == 2)) is None


def test_round_states_are_said_in_words(app, teacher):
    classroom_id, code = make_classroom(app)
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    assert "Round 1: waiting to start" in html and "lobby" not in html
    student = join(app, code, "Ada Crane")
    assert "Round 1 is waiting to start" in student.client.get("/").get_data(as_text=True)
    refused = instructor_post(teacher, page, f"{page}/status", command="pause")
    assert "Round 1 is waiting to start; it cannot be paused now." in refused.get_data(True)
    started = instructor_post(teacher, page, f"{page}/status", command="start")
    assert "Round 1 has started." in teacher.get(started.location).get_data(as_text=True)
    assert "Round 1 is running" in teacher.get(f"{page}/monitor").get_data(as_text=True)
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    shown = teacher.get(page).get_data(as_text=True)
    assert "Round 1 has ended." in shown and "Round 1: ended" in shown
    archive = teacher.get(f"{page}/rounds/1").get_data(as_text=True)
    assert rules.WORLDS["video"].name in archive and "video ·" not in archive
    assert "is ended" not in archive and "is lobby" not in archive and "ended " in archive


def test_times_show_in_the_class_time_zone(app, teacher):
    index = teacher.get("/classes/").get_data(as_text=True)
    assert "data-browser-zone" in index and "js/timezone.js" in index
    created = instructor_post(
        teacher, "/classes/", "/classes/", name="Tokyo 3A", world="video", time_zone="Asia/Tokyo"
    )
    assert created.status_code == 303
    page = created.location
    instructor_post(teacher, page, f"{page}/status", command="start")
    with app.app_context():
        classroom = db.session.scalar(select(Classroom).where(Classroom.name == "Tokyo 3A"))
        started = db.session.scalar(select(Round.started_at).where(Round.number == 1))
        assert classroom.time_zone == "Asia/Tokyo"
    local = started.replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Tokyo"))
    archive = teacher.get(f"{page}/rounds/1").get_data(as_text=True)
    assert f"started {local:%d %b %Y, %H:%M}" in archive and "(times in Asia/Tokyo)" in archive
    assert "UTC" not in archive
    moved = instructor_post(teacher, page, f"{page}/zone", time_zone="Europe/Lisbon")
    assert moved.status_code == 303
    lisbon = started.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Lisbon"))
    assert f"{lisbon:%d %b %Y, %H:%M}" in teacher.get(f"{page}/rounds/1").get_data(True)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "posixrules", "../../etc/passwd", "x" * 300])
def test_a_bad_time_zone_is_refused_and_changes_nothing(app, teacher, zone):
    classroom_id, _ = make_classroom(app)
    page = f"/classes/{classroom_id}"
    bad = instructor_post(teacher, page, f"{page}/zone", time_zone=zone)
    assert bad.status_code == 400 and "not a time zone" in bad.get_data(as_text=True)
    made = instructor_post(
        teacher, "/classes/", "/classes/", name="Z", world="video", time_zone=zone
    )
    assert made.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Classroom.time_zone)).all() == ["UTC"]


def test_a_stored_time_shows_in_the_zone_and_an_unknown_zone_reads_as_utc():
    from datetime import datetime

    moment = datetime(2026, 7, 1, 12, 0)
    assert words.local(moment, "America/New_York", "%H:%M") == "08:00"
    assert words.local(moment, "Nowhere/Land", "%H:%M") == "12:00"
    assert words.local(None, "UTC") == ""


def test_the_class_page_warns_when_phones_cannot_reach_the_join_link(app, teacher):
    classroom_id, _ = make_classroom(app)
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)  # the test client's host is "localhost"
    assert "Phones cannot open this link" in html and "make run HOST=0.0.0.0" in html
    app.config["PUBLIC_URL"] = "http://192.168.1.20:5000"
    html = teacher.get(page).get_data(as_text=True)
    assert "Phones cannot open this link" not in html and "192.168.1.20:5000/join/" in html


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:5000/join/X", True),
        ("http://localhost/join/X", True),
        ("http://[::1]:8000/join/X", True),
        ("http://127.8.9.1/join/X", True),
        ("http://192.168.1.20:5000/join/X", False),
        ("https://citizen.example.org/join/X", False),
        ("not a url", False),
    ],
)
def test_loopback_links_are_recognised(url, loopback):
    assert address.is_loopback(url) is loopback


def test_public_url_prints_the_lan_address_when_serving_the_network(runner, monkeypatch):
    monkeypatch.setattr(address, "lan_address", lambda: "10.1.2.3")
    served = runner.invoke(args=["public-url", "--host", "0.0.0.0", "--port", "8000"])
    assert served.exit_code == 0 and served.output.strip() == "http://10.1.2.3:8000"
    local = runner.invoke(args=["public-url", "--host", "127.0.0.1"])
    assert local.output.strip() == "http://127.0.0.1:5000"
    monkeypatch.setattr(address, "lan_address", lambda: None)
    alone = runner.invoke(args=["public-url", "--host", "0.0.0.0"])
    assert "http://127.0.0.1:5000" in alone.output and "phones cannot join" in alone.output
