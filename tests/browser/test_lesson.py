"""A whole lesson: an instructor in Chromium at 1920×1080, 29 students over plain HTTP and one
on a phone-sized Chromium; start, award, fine, remove and readmit, end after a confirmation,
export the ledger (a spreadsheet's SUM of it is each score), and a new round the phone's
reload lands in."""

from collections import defaultdict
from pathlib import Path

import pytest

from tests.browser.conftest import PHONE, PROJECTOR, join_in_browser, log_in, screenshot, take_check
from tests.helpers import hidden_fields, join_over_http, make_instructor
from tests.integration.test_exports import spreadsheet

pytestmark = pytest.mark.browser

ZONE = "Europe/Berlin"
HTTP_STUDENTS = 29


def join_on_the_phone(page, code: str, name: str) -> None:
    join_in_browser(page, code, name)
    page.goto("/check/before")
    take_check(page)


def manage(monitor, name: str):
    """Open the monitor's "Manage" panel of one player and return it."""
    panel = monitor.locator("details").filter(has=monitor.get_by_text(f"Manage {name}"))
    panel.locator("summary").click()
    return panel


def adjust(monitor, name: str, delta: int) -> None:
    panel = manage(monitor, name)
    form = panel.locator("form[action$='/adjust']")
    form.locator("input[name=delta]").fill(str(delta))
    group = "Awards" if delta > 0 else "Fines"
    reasons = form.locator(f"select[name=reason] optgroup[label={group}] option")
    if reasons.count():
        form.locator("select[name=reason]").select_option(label=reasons.first.inner_text())
    else:  # a reason in the instructor's own words
        form.locator("input[name=reason]").fill("role-play")
    form.get_by_role("button", name="Award or fine").click()
    monitor.locator(".messages").get_by_text(f"{delta:+d}").wait_for(timeout=6000)


def test_a_lesson_from_opening_the_class_to_the_next_round(app, browser, live_server, new_page):
    make_instructor(app)
    context = browser.new_context(base_url=live_server, viewport=PROJECTOR, timezone_id=ZONE)
    try:
        teacher = context.new_page()
        run_the_lesson(teacher, new_page, live_server)
    finally:
        context.close()


def run_the_lesson(teacher, new_page, live_server):
    log_in(teacher, "teacher")
    teacher.goto("/classes/")
    assert teacher.locator("select[name=time_zone]").input_value() == ZONE  # from the browser
    teacher.get_by_label("Class name").fill("Civics 9B")
    teacher.get_by_role("button", name="Open the class").click()
    class_url = teacher.url
    code = teacher.locator(".join-card .code").inner_text()
    assert "Phones cannot open this link" in teacher.locator("#loopback-warning").inner_text()
    screenshot(teacher, "lesson-class-lobby")

    students = [join_over_http(live_server, code, f"Student {n:02d}") for n in range(HTTP_STUDENTS)]
    phone = new_page(PHONE)
    join_on_the_phone(phone, code, "Phone Heron")

    teacher.get_by_role("button", name="Start the round").click()
    assert "Round 1 has started." in teacher.locator(".messages").inner_text()
    for number, student in enumerate(students):
        response = student.share() if number % 2 else student.buy()
        assert response.status_code == 303, response.get_data(as_text=True)
    phone.goto("/feed")
    phone.locator("form[action='/feed/grain-quota/share'] button").click()
    assert phone.locator("#status-score").inner_text() == "612"

    teacher.goto(class_url + "/monitor")
    adjust(teacher, "Student 03", 25)
    adjust(teacher, "Student 04", -30)
    remove_and_readmit(teacher, students[5], code)
    screenshot(teacher, "lesson-monitor")

    teacher.goto(class_url)
    teacher.get_by_role("link", name="End the round…").click()
    screenshot(teacher, "lesson-confirm-end")
    teacher.get_by_role("button", name="Yes, end Round 1").click()
    assert "Round 1 has ended" in teacher.locator(".messages").inner_text()

    check_the_ledger_sums(teacher, class_url)
    phone.goto("/debrief")  # the debrief (or the step before it) of round 1 is open

    teacher.get_by_label("Yes: end this round").check()
    teacher.get_by_role("button", name="Start a new round").click()
    assert "Round 2 is waiting to start" in teacher.locator(".messages").inner_text()

    phone.reload()
    assert phone.url == live_server + "/"
    line = phone.locator(".messages").inner_text()
    assert "The class has moved on: Round 2 is waiting to start" in line
    assert phone.locator("#status-score").inner_text() == "600"
    screenshot(phone, "lesson-phone-new-round")
    phone.goto("/history")
    phone.get_by_role("link", name="Your Round 1 debrief").click()
    assert phone.get_by_role("heading", name="Your Round 1 debrief").is_visible()
    screenshot(phone, "lesson-phone-past-debrief")


def remove_and_readmit(teacher, student, code: str) -> None:
    """Remove a player after the confirmation; their device cannot rejoin; readmit them."""
    panel = manage(teacher, "Student 05")
    panel.get_by_role("link", name="Remove Student 05…").click()
    screenshot(teacher, "lesson-confirm-remove")
    teacher.get_by_role("button", name="Yes, remove Student 05").click()
    removed = teacher.locator("section[aria-labelledby=removed-heading]")
    assert "Student 05" in removed.inner_text()
    page = student.client.get(f"/join/{code}").get_data(as_text=True)
    again = student.client.post(
        f"/join/{code}", data=hidden_fields(page, None) | {"name": "Innocent Yak"}
    )
    assert again.status_code == 403 and "only they can let you back in" in again.text
    removed.get_by_role("button", name="Readmit Student 05").click()
    assert "Student 05 is back in the round" in teacher.locator(".messages").inner_text()


def check_the_ledger_sums(teacher, class_url: str) -> None:
    """Export the ledger as a teacher does, and sum it as a spreadsheet would."""
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="ledger.csv").first.click()
    ledger = spreadsheet(Path(download.value.path()).read_text(encoding="utf-8"))
    standings_url = class_url + "/rounds/1/standings.csv"
    standings = spreadsheet(teacher.context.request.get(standings_url).text())
    sums = defaultdict(float)
    for row in ledger:
        if row["track"] == "score":
            sums[row["pseudonym"]] += row["delta"]
    assert len(standings) == HTTP_STUDENTS + 1
    for row in standings:
        assert sums[row["pseudonym"]] == row["score"] - 600, row["pseudonym"]
    assert any(row["delta"] < 0 for row in ledger)
