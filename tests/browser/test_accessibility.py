"""Accessibility in Chromium: axe-core on every page, the keyboard alone, no JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, log_in, screenshot, take_check
from tests.helpers import instructor_post, make_classroom, make_instructor

pytestmark = pytest.mark.browser
AXE = Axe()


def violations(page) -> list[str]:
    """Run axe-core on the page and return a line per violation."""
    results = AXE.run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
        f"{[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def lesson(app):
    """A class on the record, running, plus another in its lobby."""
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app, name="Civics 9B")
    instructor_post(
        teacher, f"/classes/{classroom_id}", f"/classes/{classroom_id}/status", command="start"
    )
    lobby_id, _ = make_classroom(app, name="Waiting room")
    return classroom_id, lobby_id, code, teacher


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_axe_finds_no_violation_on_any_page(new_page, lesson, viewport):
    classroom_id, lobby_id, code, teacher = lesson
    found: list[str] = []
    visitor = new_page(viewport)
    for url in [
        "/",
        "/login",
        "/register",
        "/join",
        f"/join/{code}",
        "/resume",
        "/sources",
        "/nowhere",
    ]:
        visitor.goto(url)
        found += violations(visitor)

    student = new_page(viewport)
    student.goto(f"/join/{code}")
    student.get_by_label("Your name in the game").fill("Mei Heron")
    student.get_by_role("button", name="Join", exact=True).click()
    found += violations(student)
    student.goto("/check/before")
    found += violations(student)
    take_check(student)
    student.goto("/feed")
    student.locator("form[action='/feed/grain-quota/share'] button").click()
    found += violations(student)  # with a message in the live region
    for url in ["/", "/shop", "/complain", "/life", "/citizens", "/history"]:
        student.goto(url)
        found += violations(student)

    instructor = new_page(viewport)
    log_in(instructor, "teacher")
    base = f"/classes/{classroom_id}"
    for url in [
        "/classes/",
        base,
        f"{base}/monitor",
        f"{base}/projector",
        f"/classes/{lobby_id}/projector",
        f"{base}/rounds/1",
        f"{base}/debrief",
    ]:
        instructor.goto(url)
        found += violations(instructor)
    instructor.goto(base)
    instructor.get_by_role("link", name="End the round…").click()
    found += violations(instructor)
    instructor.get_by_role("button", name="Yes, end Round 1").click()

    student.goto("/debrief")  # the check after play comes first
    found += violations(student)
    take_check(student)
    found += violations(student)
    student.get_by_label("Mostly loyalty").check()
    student.get_by_role("button", name="Show me the file").click()
    found += violations(student)
    screenshot(student, "debrief-axe")
    assert found == [], "\n".join(found)


def test_a_player_can_play_with_the_keyboard_alone(new_page, lesson):
    _, _, code, _ = lesson
    page = new_page(PHONE)
    page.goto(f"/join/{code}")
    page.get_by_label("Your name in the game").fill("Key Board")
    page.keyboard.press("Enter")
    page.wait_for_url("**/joined")
    page.goto("/check/before")
    for radio in page.locator("input[type=radio][value=true]").all():
        radio.focus()
        page.keyboard.press("Space")
    for radio in page.locator("fieldset.confidence input[type=radio][value='2']").all():
        radio.focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Save my answers").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    page.goto("/feed")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    button = page.locator("form[action='/feed/solar-farm/share'] button")
    button.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    expect(page.locator("#status-score")).to_have_text("612")
    assert "Shared" in page.locator("[role=status]").inner_text()


def test_the_whole_journey_works_without_javascript(new_page, lesson):
    classroom_id, _, code, _ = lesson
    page = new_page(PHONE, javascript=False)
    page.goto("/join")
    page.get_by_label("Join code").fill(code)
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your name in the game").fill("No Script")
    page.get_by_role("button", name="Join", exact=True).click()
    page.get_by_role("link", name="Start playing").click()
    page.get_by_role("link", name="Take the short check").click()
    take_check(page)
    page.goto("/life")
    page.get_by_role("button", name="Pay it on time").click()
    assert page.locator("#status-score").inner_text() == "603"  # the viral video: +3
    page.goto("/complain")
    page.get_by_label("What about?").select_option("pollution")
    page.get_by_label("Sign a petition").check()
    page.get_by_role("button", name="Complain").click()
    assert "Complained about" in page.locator("[role=status]").inner_text()
    projector = new_page(PROJECTOR, javascript=False)
    log_in(projector, "teacher")
    projector.goto(f"/classes/{classroom_id}/projector")
    assert projector.get_by_role("link", name="Refresh").is_visible()
    assert "Complained about" in projector.locator(".ticker").inner_text()
    screenshot(page, "no-javascript")
