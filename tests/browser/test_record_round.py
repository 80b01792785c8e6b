"""A whole round in the documented world, in Chromium: from joining to the file's reveal."""

import pytest

from tests.browser.conftest import PHONE, PROJECTOR, log_in, screenshot, take_check
from tests.helpers import make_instructor

pytestmark = pytest.mark.browser


def test_a_round_on_the_record_ends_with_the_file_revealed(app, new_page):
    make_instructor(app)
    teacher = new_page(PROJECTOR)
    log_in(teacher, "teacher")
    teacher.get_by_label("Class name").fill("Civics 10")
    teacher.get_by_label("World of the first round").select_option("record")
    teacher.get_by_role("button", name="Open the class").click()
    code = teacher.locator(".join-card .code").inner_text()
    class_url = teacher.url
    teacher.get_by_role("button", name="Start the round").click()

    mei = new_page(PHONE)
    mei.goto(f"/join/{code}")
    mei.get_by_label("Your name in the game").fill("Mei Heron")
    mei.get_by_role("button", name="Join", exact=True).click()
    mei.get_by_role("link", name="Start playing").click()
    mei.get_by_role("link", name="Take the short check").click()
    screenshot(mei, "check-before")
    take_check(mei)
    assert "A personnel file exists in your name" in mei.locator("main").inner_text()
    screenshot(mei, "record-dashboard")

    mei.goto("/feed")
    mei.locator("form[action='/feed/model-workers/share'] button").click()
    assert mei.locator("#status-score").inner_text() == "600"  # politics moves no private score
    mei.goto("/life")
    mei.get_by_role("button", name="Skip this payment").click()
    assert "On the court blacklist" in mei.locator(".status").inner_text()
    screenshot(mei, "record-life")
    assert "no flights or fast trains" in mei.locator("#visit-slowed").inner_text()
    mei.get_by_role("button", name="Visit family the slow way").click()
    assert "slow way" in mei.locator("main .flash").inner_text()
    assert "Circulated approved material" not in mei.content()

    teacher.goto(class_url)
    teacher.get_by_role("link", name="End the round…").click()
    teacher.get_by_role("button", name="Yes, end Round 1").click()
    mei.goto("/")
    mei.get_by_role("link", name="Open your debrief").click()
    assert "Caixin Global" not in mei.content()  # the check after play, before any card
    take_check(mei)
    mei.get_by_label("Mostly loyalty").check()
    screenshot(mei, "guess")
    mei.get_by_role("button", name="Show me the file").click()
    assert "Circulated approved material" in mei.locator(".file-lines").inner_text()
    assert "Caixin Global" in mei.content()
    cards = mei.locator(".myth-card h3").all_inner_texts()
    assert "The court blacklist fed the private score" in cards  # her skipped debt touched it
    assert "The central bank never licensed the eight private scores" in cards
    invented = mei.locator(".file .reality-part", has_text="What this game writes")
    assert "invented for the game" in invented.inner_text().lower()
    screenshot(mei, "debrief")
    assert "Myths you judged true" in mei.locator("main").inner_text()

    teacher.goto(class_url + "/debrief")
    assert "On the record" in teacher.locator("main").inner_text()
    screenshot(teacher, "class-debrief")
