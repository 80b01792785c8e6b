"""The true-or-myth check in Chromium: before play, after play and before the cards, and the
class debrief's d′ and c with the number of students they rest on."""

import pytest

from tests.browser.conftest import PHONE, PROJECTOR, SHOTS, log_in, screenshot
from tests.helpers import make_instructor

pytestmark = pytest.mark.browser

CARD = "Sharing Party articles raises your score"


def answer(page, said: str, sure: str) -> None:
    """Answer every statement the same way, with one confidence, by label as a person would."""
    statements = page.locator("fieldset.statement")
    for i in range(statements.count()):
        statement = statements.nth(i)
        statement.get_by_label(said, exact=True).check()
        statement.locator("fieldset.confidence").get_by_label(sure, exact=True).check()


def test_a_student_checks_before_and_after_and_the_class_sees_d_prime_and_c(app, new_page):
    make_instructor(app)
    teacher = new_page(PROJECTOR)
    log_in(teacher, "teacher")
    teacher.get_by_label("Class name").fill("Civics 9B")
    teacher.get_by_role("button", name="Open the class").click()
    code = teacher.locator(".join-card .code").inner_text()
    teacher.get_by_role("button", name="Start the round").click()

    ada = new_page(PHONE)
    ada.goto("/join")
    ada.get_by_label("Join code").fill(code.lower())
    ada.get_by_role("button", name="Next").click()
    ada.get_by_label("Your name in the game").fill("Ada Crane")
    ada.get_by_role("button", name="Join", exact=True).click()
    ada.get_by_role("link", name="Start playing").click()
    ada.get_by_role("link", name="Take the short check").click()
    assert ada.locator("fieldset.statement").count() == 12
    assert ada.locator("fieldset.confidence legend").first.inner_text() == "How sure are you?"
    ada.get_by_role("button", name="Save my answers").click()  # nothing chosen: refused
    assert ada.locator(".error").first.inner_text() == "Answer this one."
    screenshot(ada, "check-refused")
    first = ada.locator("fieldset.statement > legend").first.inner_text()
    answer(ada, "True", "Guessing")
    ada.get_by_role("button", name="Save my answers").click()
    assert "Your answers are saved" in ada.locator(".messages").inner_text()

    bo = new_page(PROJECTOR)  # the next account starts with the other form
    bo.goto(f"/join/{code}")
    bo.get_by_label("Your name in the game").fill("Bo Otter")
    bo.get_by_role("button", name="Join", exact=True).click()
    bo.goto("/check/before")
    assert bo.locator("fieldset.statement > legend").first.inner_text() != first
    screenshot(bo, "check-before")

    ada.goto("/feed")
    ada.locator("form[action='/feed/grain-quota/share'] button").click()

    teacher.get_by_role("link", name="End the round…").click()
    teacher.get_by_role("button", name="Yes, end Round 1").click()

    ada.goto("/")
    ada.get_by_role("link", name="Open your debrief").click()
    assert ada.url.endswith("/check/after")
    assert CARD not in ada.content() and "Myth and record" not in ada.content()
    screenshot(ada, "check-after")
    answer(ada, "Myth", "Sure")  # the other form, every answer "myth"
    ada.get_by_role("button", name="Save my answers").click()
    ada.get_by_label("Mostly loyalty").check()
    ada.get_by_role("button", name="Show me the file").click()
    cards = ada.locator(".myth-card")
    assert cards.count() >= 1 and CARD in ada.content()
    check = ada.locator("section[aria-labelledby=check-heading]").inner_text()
    assert "Myths you judged true: 6 of 6" in check and "Myths you judged true: 0 of 6" in check
    assert "leaned towards calling things myths" in check
    screenshot(ada, "debrief-check")
    ada.locator("section[aria-labelledby=check-heading]").screenshot(
        path=str(SHOTS / "debrief-check-section-360.png")
    )

    teacher.get_by_role("link", name="Class debrief").click()
    figures = teacher.locator("table.check-figures")
    assert "The same 1 student before and after" in figures.inner_text()
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in figures.locator("tbody tr").all()
    }
    assert rows["Telling true from myth (d′)"] == ["0.00", "0.00"]
    assert rows['Lean (c; above 0: towards "myth")'] == ["-1.47", "+1.47"]
    assert "2 students (students removed from the round count in no figure)" in teacher.content()
    assert "(1 answered before play, 1 after)" in figures.inner_text()  # Bo answered neither
    screenshot(teacher, "class-debrief-check")
