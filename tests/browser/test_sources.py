"""The record, checkable in Chromium: every source opens from the page that cites it."""

import pytest

from app.game.content.catalogue import catalogue
from tests.browser.conftest import PHONE, PROJECTOR, screenshot
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_the_sources_page_links_every_source_under_its_claims(new_page, viewport):
    page = new_page(viewport)
    page.goto("/sources")
    registry = {s.url for s in catalogue().sources.values()}
    links = page.locator("#all-sources ~ ul a, #all-sources + ul a")
    listed = {a.get_attribute("href") for a in links.all()}
    assert listed == registry
    for link in page.locator("main a[target=_blank]").all():
        assert link.get_attribute("rel") == "noopener noreferrer"
    claims = page.locator("ol.facts > li")
    assert claims.count() == len(catalogue().facts)
    assert page.locator("#cards ~ ul .myth-card").count() == len(catalogue().mechanics)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport["width"]
    screenshot(page, "sources")


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_a_two_part_tag_shows_the_perk_and_its_trigger_apart(new_page, viewport):
    page = new_page(viewport)
    page.goto("/register")
    page.get_by_label("Username").fill("tagreader")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create my citizen").click()
    rentals = page.locator(".consequence", has_text="Deposit-free rentals")
    parts = rentals.locator(".reality-part").all_inner_texts()
    assert len(parts) == 2
    assert parts[0].startswith("The perk") and "documented" in parts[0].lower()
    assert "national score" in parts[1] and "claimed in the 2015 video" in parts[1].lower()
    link = rentals.locator(".reality-part a").first
    assert link.get_attribute("href").startswith("http")
    rentals.scroll_into_view_if_needed()
    screenshot(page, "two-part-tag")
