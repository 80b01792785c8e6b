"""Markup: every page's ids are unique, its controls are valid, and user text is isolated."""

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import instructor_post, join, make_classroom, make_instructor

RLO = "\u202e"
# Each text a person typed carries a right-to-left override that it never closes.
TEXTS = {
    "complaint": RLO + "Complaintmark",
    "reason": RLO + "Reasonmark",
    "guess": RLO + "Guessmark",
    "class": RLO + "Classmark",
}
NAMES = ["Ada Namemark", "محمد Namemark"]
MARKS = ["Complaintmark", "Reasonmark", "Guessmark", "Namemark"]
ISOLATING = {"bdi", "input", "textarea", "title", "option"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Page(HTMLParser):
    """Collect ids, form controls, and the elements around each piece of text."""

    def __init__(self):
        super().__init__()
        self.ids: Counter = Counter()
        self.problems: list[str] = []
        self.stack: list[tuple[str, dict]] = []
        self.texts: list[tuple[str, list[tuple[str, dict]]]] = []
        self.select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag == "input" and attrs.get("type") == "hidden" and "required" in attrs:
            self.problems.append(f"required on the hidden input {attrs.get('name')}")
        if tag == "select":
            self.select = {"attrs": attrs, "first": None}
        if tag == "option" and self.select is not None and self.select["first"] is None:
            self.select["first"] = attrs.get("value", "")
            if "required" in self.select["attrs"] and self.select["first"] != "":
                self.problems.append(
                    f"select {self.select['attrs'].get('name')} without an empty first choice"
                )
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.texts.append((data, list(self.stack)))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def isolated(stack) -> bool:
    return any(tag in ISOLATING or attrs.get("dir") == "auto" for tag, attrs in stack)


@pytest.fixture
def lesson(app):
    """A class at the end of a round in which every text a person typed is hostile."""
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app, "teacher", name=TEXTS["class"])
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="start")
    players = [join(app, code, name) for name in NAMES]
    players[0].complain(text=TEXTS["complaint"])
    monitor = f"{page}/monitor"
    fine = {"track": "score", "delta": "-5", "reason": TEXTS["reason"], "note": TEXTS["reason"]}
    listed = re.search(r'<select name="reason">.*?<option[^>]*>([^<]+)<', teacher.get(monitor).text)
    if listed:  # reasons come from a list; the instructor's own words go in the note
        fine["reason"] = html.unescape(listed.group(1))
    assert instructor_post(teacher, monitor, f"{page}/citizens/1/adjust", **fine).status_code == 303
    live = [monitor, f"{monitor}?fragment=1", f"{page}/projector", f"{page}/projector?fragment=1"]
    live_html = [(url, teacher.get(url).get_data(as_text=True)) for url in live]
    instructor_post(teacher, page, f"{page}/status", command="end", confirm="yes")
    players[0].take_check("after")
    players[0].submit("/debrief/guess", None, choice="nothing", text=TEXTS["guess"])
    pages = [(teacher, p) for p in ["/classes/", page, f"{page}/rounds/1", f"{page}/debrief"]]
    pages += [(players[0].client, p) for p in ["/", "/history", "/debrief", "/complain"]]
    pages += [(players[1].client, p) for p in ["/citizens", "/check/after"]]
    return live_html + [(url, client.get(url).get_data(as_text=True)) for client, url in pages]


def test_every_page_has_unique_ids_and_valid_controls(lesson):
    for url, source in lesson:
        page = parse(source)
        repeated = [name for name, count in page.ids.items() if count > 1]
        assert not repeated, f"{url}: ids used more than once: {repeated}"
        assert not page.problems, f"{url}: {page.problems}"


def test_text_people_typed_is_isolated_from_the_page_around_it(lesson):
    shown = set()
    for url, source in lesson:
        for text, stack in parse(source).texts:
            for mark in MARKS:
                if mark in text:
                    shown.add(mark)
                    assert isolated(stack), f"{url}: {text!r} inside {[t for t, _ in stack]}"
    assert shown == set(MARKS)


def test_no_template_gives_its_csrf_token_an_id():
    """Several forms on one page each carry a token: an id would repeat."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if re.search(r"\.csrf_token\s*}}", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
