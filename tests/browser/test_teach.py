"""The teacher's kit in Chromium: no axe violations, and it prints to clean PDF pages."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from app.game.content.catalogue import catalogue
from app.game.content.kit import kit
from tests.browser.conftest import PHONE, PROJECTOR, SHOTS, screenshot
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_teach_has_no_axe_violation_and_needs_no_account(new_page, viewport):
    page = new_page(viewport)
    response = page.goto("/teach")
    assert response.status == 200 and page.url.endswith("/teach")
    assert violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # long source addresses wrap instead of widening the page
    screenshot(page, "teach")


def pdf_pages(page) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    # NFKC undoes the fi and ff ligatures the PDF's fonts use
    return [
        " ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split())
        for p in reader.pages
    ]


def first_page_with(pages: list[str], text: str) -> int:
    return next(number for number, content in enumerate(pages) if text in content)


def test_teach_prints_to_clean_pages(new_page):
    page = new_page(PROJECTOR)
    page.goto("/teach")
    pages = pdf_pages(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "teach.pdf").write_bytes(page.pdf(format="A4"))
    assert 6 <= len(pages) <= 24, len(pages)
    text = " ".join(pages)
    for plan in kit().plans:
        assert plan.title in text
    assert "0–3 Set up" in text and "42–45 Exit ticket" in text
    assert "Answer key" in text
    meters = catalogue().mechanics["meters"].note
    assert " ".join(meters.split()[:8]) in text  # the cards' folded notes print open
    for statement in list(catalogue().statements.values())[:3]:
        assert " ".join(statement.text.split()[:6]) in text
    cited = {s.url for fact in catalogue().facts for s in fact.sources}
    squeezed = text.replace(" ", "")
    assert all(url in squeezed for url in cited)  # long addresses may break across lines
    # no site navigation, buttons or footer on paper
    assert "Skip to content" not in text and "Menu" not in pages[0]
    assert "For teachers" not in text
    # each handout begins on a page of its own
    exit_page = first_page_with(pages, "Exit ticket Pseudonym or first name")
    key_page = first_page_with(pages, "Answer key: true or myth Each statement")
    facts_page = first_page_with(pages, "Fact sheet What the game rests on")
    assert 0 < exit_page < key_page < facts_page
    for number in (exit_page, key_page, facts_page):
        assert pages[number - 1].strip() and not pages[number - 1].endswith("Exit ticket")


def test_a_print_preview_of_teach(new_page):
    page = new_page({"width": 794, "height": 1123})
    page.goto("/teach")
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden()
    assert page.locator("footer.site").is_hidden()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.kit-section a:not(.cited)'), '::after').content"
    )
    assert "http" in after  # a printed link shows where it goes
    screenshot(page, "teach-print")
