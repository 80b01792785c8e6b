"""A lesson in Chromium: an instructor runs a class, two students play on phones."""

from pathlib import Path

import pytest

from tests.browser.conftest import PHONE, PROJECTOR, join_in_browser, log_in, screenshot, take_check
from tests.helpers import make_instructor

pytestmark = pytest.mark.browser


def join(page, code: str, name: str) -> None:
    join_in_browser(page, code, name)
    page.get_by_role("link", name="Start playing").click()
    page.get_by_role("link", name="Take the short check").click()
    take_check(page)


def test_an_instructor_runs_a_round_and_resets_it(app, new_page):
    make_instructor(app)
    teacher = new_page(PROJECTOR)
    log_in(teacher, "teacher")
    teacher.get_by_label("Class name").fill("Civics 9B")
    teacher.get_by_role("button", name="Open the class").click()
    code = teacher.locator(".join-card .code").inner_text()
    screenshot(teacher, "class")

    projector = new_page(PROJECTOR)
    log_in(projector, "teacher")
    projector.goto(teacher.url + "/projector")
    ada, bo = new_page(PHONE), new_page(PHONE)
    join(ada, code, "Ada Crane")
    join(bo, code, "Bo Otter")
    projector.get_by_text("Bo Otter").wait_for(timeout=6000)
    screenshot(projector, "projector-lobby")
    screenshot(ada, "joined-lobby")

    teacher.get_by_role("button", name="Start the round").click()
    projector.locator(".state-running").wait_for(timeout=6000)
    ada.goto("/feed")
    ada.locator("form[action='/feed/grain-quota/share'] button").click()
    bo.goto("/shop")
    bo.locator("form[action='/shop/starlight-academy/buy'] button").click()
    projector.locator(".ticker").get_by_text("Bought Starlight Academy").wait_for(timeout=6000)
    assert "Shared" in projector.locator(".ticker").inner_text()
    screenshot(projector, "projector-running")
    teacher.goto(teacher.url + "/monitor")
    screenshot(teacher, "monitor")
    teacher.go_back()

    teacher.get_by_label("Yes: end this round").check()
    teacher.get_by_role("button", name="Start a new round").click()
    assert "Round 2 is waiting to start" in teacher.locator(".messages").inner_text()
    for student in (ada, bo):
        student.goto("/")
        assert student.locator("#status-score").inner_text() == "600"
        assert "Round 2" in student.locator(".status").inner_text()

    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="standings.csv").last.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Ada Crane,612,Ordinary" in text and "Bo Otter,570,Watched" in text
    teacher.get_by_role("link", name="Round 1").click()
    screenshot(teacher, "round-archive")
    screenshot(ada, "dashboard-round-2")
