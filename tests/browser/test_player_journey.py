"""A player's first minutes, in Chromium, at phone and projector widths."""

import pytest

from tests.browser.conftest import PHONE, PROJECTOR, screenshot, take_check

pytestmark = pytest.mark.browser


def nav(page, name: str) -> None:
    menu = page.get_by_role("navigation", name="Main")
    if menu.locator("summary").is_visible():  # a phone: the menu opens first
        menu.locator("summary").click()
    menu.get_by_role("link", name=name).click()


def score_on(page) -> int:
    return int(page.locator("#status-score").inner_text())


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_register_share_and_buy(new_page, viewport):
    page = new_page(viewport)
    page.goto("/")
    screenshot(page, "welcome")
    page.get_by_role("link", name="Start a life").click()
    page.get_by_label("Username").fill("mei")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Repeat the password").fill("a long password")
    screenshot(page, "register")
    page.get_by_role("button", name="Create my citizen").click()
    assert score_on(page) == 600
    screenshot(page, "dashboard-new")
    nav(page, "Articles")
    assert "True or myth?" in page.locator("h1").inner_text()
    screenshot(page, "check")
    take_check(page)

    nav(page, "Articles")
    page.locator("form[action='/feed/solar-farm/share'] button").click()
    assert score_on(page) == 612
    assert "Citizen Score +12" in page.locator(".messages").inner_text()
    screenshot(page, "feed")

    nav(page, "Shop")
    page.locator("form[action='/shop/starlight-academy/buy'] button").click()
    assert score_on(page) == 582
    assert page.locator(".status .tier").inner_text() == "Watched"
    screenshot(page, "shop")

    nav(page, "Complain")
    page.get_by_label("What about?").select_option("food-safety")
    page.get_by_label("Join a protest").check()
    page.get_by_label("Your words (optional)").fill("Spoiled milk at the market.")
    page.get_by_role("button", name="Complain").click()
    assert score_on(page) == 557
    screenshot(page, "complain")

    nav(page, "Dashboard")
    page.wait_for_load_state()
    assert "Internet slowed by half" in page.content()
    screenshot(page, "dashboard")
    nav(page, "History")
    assert page.locator("table.ledger tbody tr").count() == 3
    screenshot(page, "history")


def test_a_second_share_too_soon_says_how_long_to_wait(new_page):
    page = new_page(PHONE)
    page.goto("/register")
    page.get_by_label("Username").fill("lin")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Repeat the password").fill("a long password")
    page.get_by_role("button", name="Create my citizen").click()
    page.goto("/check/before")
    take_check(page)
    page.goto("/feed")
    page.locator("form[action='/feed/clean-air/share'] button").click()
    page.locator("form[action='/feed/solar-farm/share'] button").click()
    assert "Try again in" in page.locator(".alert").inner_text()
    assert score_on(page) == 612
