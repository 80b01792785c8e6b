"""The true-or-myth check in a class: forms, confidence, once per class, before the cards."""

import csv
import io
import json

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from app.extensions import db
from app.game import ledger
from app.game.content.catalogue import catalogue
from app.game.reads import checks
from app.game.services import answering, rounds
from app.models import CheckAnswer, CheckSkip, Citizen, User
from app.play.forms import confidence_name, field_name
from tests.helpers import hidden_fields, instructor_post, join

CARD = "Sharing Party articles raises your score"  # the card of the share act


def open_class(teacher, world: str = "video") -> tuple[int, str]:
    response = instructor_post(teacher, "/classes/", "/classes/", name="Civics", world=world)
    page = response.location
    instructor_post(teacher, page, f"{page}/status", command="start")
    html = teacher.get(page).get_data(as_text=True)
    return int(page.rsplit("/", 1)[1]), html.split('class="code big">')[1].split("<")[0]


def end_round(teacher, classroom_id: int) -> None:
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")


def new_round(teacher, classroom_id: int, world: str) -> None:
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    teacher.post(
        f"{page}/reset",
        data=hidden_fields(html, f"{page}/reset") | {"confirm": "y", "world": world},
    )
    instructor_post(teacher, page, f"{page}/status", command="start")


def user_of(app, name: str) -> User:
    with app.app_context():
        return db.session.scalar(
            select(User)
            .join(Citizen, Citizen.user_id == User.id)
            .where(Citizen.display_name == name)
        )


def answer_sheet(player, app, phase: str, hits: int, false_alarms: int, sure: str = "3"):
    """Answer a form: the first `hits` true statements and the first `false_alarms` myths
    judged true, every other statement judged a myth."""
    user = user_of(app, player.username)
    with app.app_context():
        statements = checks.statements_for(user.id, phase)
    true_ones = [s.id for s in statements if s.true][:hits]
    myths = [s.id for s in statements if not s.true][:false_alarms]
    fields = {field_name(s.id): "myth" for s in statements}
    fields |= {field_name(key): "true" for key in true_ones + myths}
    fields |= {confidence_name(s.id): sure for s in statements}
    return player.submit(f"/check/{phase}", None, **fields)


def test_forms_alternate_between_accounts_and_ask_how_sure(app, teacher):
    _, code = open_class(teacher)
    ada, bo = join(app, code, "Ada", check=False), join(app, code, "Bob", check=False)
    pages = {p.username: p.client.get("/check/before").get_data(as_text=True) for p in (ada, bo)}
    for player in (ada, bo):
        user = user_of(app, player.username)
        first = "A" if user.id % 2 else "B"
        html = pages[player.username]
        mine = [s for s in catalogue().statements.values() if s.form == first]
        theirs = [s for s in catalogue().statements.values() if s.form != first]
        assert all(escape(s.text) in html for s in mine)
        assert not any(escape(s.text) in html for s in theirs)
        assert html.count("<legend>How sure are you?</legend>") == 12
        assert checks.form_for(user.id, "after") != first
    assert checks.form_for(1, "before") != checks.form_for(2, "before")


def test_an_answer_without_its_confidence_is_refused_and_saves_nothing(app, teacher):
    _, code = open_class(teacher)
    ada = join(app, code, "Ada", check=False)
    user = user_of(app, "Ada")
    with app.app_context():
        statements = checks.statements_for(user.id, "before")
    fields = {field_name(s.id): "true" for s in statements}
    fields |= {confidence_name(s.id): "3" for s in statements[1:]}
    response = ada.submit("/check/before", None, **fields)
    assert response.status_code == 400
    assert "Say how sure you are." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CheckAnswer)) == 0
        with pytest.raises(ledger.Refused, match="how sure"):
            answering.save_check(1, "before", {s.id: (True, 9) for s in statements})


def test_the_check_before_play_is_asked_once_per_class(app, teacher):
    classroom_id, code = open_class(teacher)
    ada = join(app, code, "Ada")
    assert ada.share().status_code == 303
    new_round(teacher, classroom_id, "record")
    assert ada.do("bill-on-time").status_code == 303  # not sent to the check again
    html = ada.client.get("/check/before").get_data(as_text=True)
    assert "asked once" in html
    fields = {field_name(k): "myth" for k in catalogue().statements}
    fields |= {confidence_name(k): "1" for k in catalogue().statements}
    again = ada.client.post("/check/before", data=hidden_fields(html, "/logout") | fields)
    assert again.status_code == 409  # a second set of answers is refused, the first stands
    with app.app_context():
        phases = db.session.execute(select(CheckAnswer.phase, func.count()).group_by("phase"))
        assert dict(phases.all()) == {"before": 12}


def test_the_check_after_play_comes_before_any_card(app, teacher):
    classroom_id, code = open_class(teacher)
    ada, bo = join(app, code, "Ada"), join(app, code, "Bob")
    ada.share()
    bo.share()
    end_round(teacher, classroom_id)
    for page in ("/debrief", "/debrief/guess"):
        assert ada.client.get(page).location == "/check/after"
    html = ada.client.get("/check/after").get_data(as_text=True)
    assert CARD not in html and "Myth and record" not in html and "Skip the check" in html
    answer_sheet(ada, app, "after", 6, 0)
    assert ada.client.get("/debrief").location == "/debrief/guess"
    ada.submit("/debrief/guess", None, choice="loyal")
    html = ada.client.get("/debrief").get_data(as_text=True)
    assert CARD in html and "After you played" in html
    assert "Myths you judged true: <strong>0 of 6</strong>" in html
    assert "Telling them apart (d′): <strong>2.93</strong>" in html
    # Bo skips: the cards follow, and the check stays closed for good.
    skip = bo.submit("/check/after", "/check/after/skip")
    assert skip.status_code == 303 and skip.location == "/debrief"
    assert bo.client.get("/debrief").location == "/debrief/guess"
    html = bo.client.get("/check/after").get_data(as_text=True)
    assert "You skipped the check after play." in html
    refused = bo.client.post("/check/after", data=hidden_fields(html, "/logout"))
    assert refused.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CheckSkip)) == 1


def test_the_check_after_play_waits_for_the_debrief(app, teacher):
    _, code = open_class(teacher)
    ada = join(app, code, "Ada")
    assert ada.client.get("/check/after").status_code == 409
    html = ada.client.get("/").get_data(as_text=True)
    assert (
        ada.client.post("/check/after/skip", data=hidden_fields(html, "/logout")).status_code == 409
    )


def class_lesson(app, teacher):
    """Four students: Ada improves, Bob calls everything a myth, Cyd answers only before,
    Dina answers both but is removed."""
    classroom_id, code = open_class(teacher)
    players = {name: join(app, code, name, check=False) for name in ("Ada", "Bob", "Cyd", "Dina")}
    answer_sheet(players["Ada"], app, "before", 6, 6)
    players["Bob"].take_check("before", "myth")
    answer_sheet(players["Cyd"], app, "before", 6, 0)
    answer_sheet(players["Dina"], app, "before", 0, 6)
    for player in players.values():
        player.share()
    end_round(teacher, classroom_id)
    answer_sheet(players["Ada"], app, "after", 6, 0)
    players["Bob"].take_check("after", "myth")
    answer_sheet(players["Dina"], app, "after", 6, 0)
    with app.app_context():
        di = db.session.scalar(select(Citizen.id).where(Citizen.display_name == "Dina"))
        rounds.kick(di)
    return classroom_id, players


def test_the_class_debrief_compares_the_same_students_and_says_how_many(app, teacher):
    classroom_id, _ = class_lesson(app, teacher)
    html = teacher.get(f"/classes/{classroom_id}/debrief").get_data(as_text=True)
    assert "3 students (students removed from the round count in no figure)" in html
    assert "The same 2 students before and after" in html
    assert "(3 answered before play, 2 after)" in html
    # Cyd answered only before and Dina was removed: Ada and Bob count. Ada judged everything
    # true before: H = F = 6.5/7, d′ 0, c −1.47. After, all right: d′ 2.93, c 0. Bob said
    # "myth" to all: d′ 0, c +1.47, both times. Means: d′ 0.00 → 1.47, c 0.00 → +0.73.
    row = html.split("Telling true from myth (d′)")[1].split("</tr>")[0]
    assert '<td class="num">0.00</td><td class="num">1.47</td>' in row
    lean = html.split("Lean (c;")[1].split("</tr>")[0]
    assert '<td class="num">+0.00</td><td class="num">+0.73</td>' in lean
    assert "The meters move with every act of the round: those of its 3 students" in html
    assert "the acts of 3 of 3 students" in html  # conformity leaves Dina out too
    assert "True or myth by world" in html and "All rounds" in html


def test_exports_carry_every_answer_and_each_players_figures(app, teacher):
    classroom_id, _ = class_lesson(app, teacher)
    base = f"/classes/{classroom_id}"
    assert f"{base}/rounds/1/checks.csv" in teacher.get(f"{base}/rounds/1").text
    assert f"{base}/rounds/1/checks.csv" in teacher.get(base).text
    answers = list(csv.DictReader(io.StringIO(teacher.get(f"{base}/rounds/1/checks.csv").text)))
    assert len(answers) == 4 * 12 + 3 * 12
    first = answers[0]
    assert set(first) >= {"statement", "form", "phase", "answer", "confidence", "correct"}
    bo = [a for a in answers if a["pseudonym"] == "Bob"]
    assert {a["answer"] for a in bo} == {"myth"} and {a["confidence"] for a in bo} == {"2"}
    assert {a["phase"] for a in bo} == {"before", "after"}
    assert len({a["form"] for a in bo}) == 2
    assert all(a["removed"] == "yes" for a in answers if a["pseudonym"] == "Dina")
    standings = teacher.get(f"{base}/rounds/1/standings.csv").text
    rows = {r["pseudonym"]: r for r in csv.DictReader(io.StringIO(standings))}
    assert rows["Ada"]["after_d_prime"] == "2.93" and rows["Ada"]["after_hits"] == "6"
    assert rows["Bob"]["before_c"] == "1.465" and rows["Cyd"]["after_d_prime"] == ""
    backup = json.loads(teacher.get(f"{base}/backup.json").text)
    assert len(backup["check_answers"]) == 84
    assert {"confidence", "phase", "statement"} <= set(backup["check_answers"][0])
