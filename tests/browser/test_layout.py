"""Layout in Chromium: the projector fits its screen, the phone's header is small, and no
user text, however long or wide, nor any table, makes a page wider than the window."""

import html
import re
from dataclasses import dataclass

import pytest

from tests.browser.conftest import PHONE, screenshot
from tests.helpers import Player, instructor_post, join, make_classroom, make_instructor

pytestmark = pytest.mark.browser

SCREENS = [
    {"width": 1920, "height": 1080},
    {"width": 1366, "height": 768},
    {"width": 1280, "height": 720},
]
WIDE = {"width": 1920, "height": 1080}
WIDE_NAME = "Ｗ" * 24  # fullwidth: each letter about twice as wide as a Latin one
TAMIL_NAME = "ஷ" * 24
COMPLAINT = "ஷ" * 100 + "x" * 180  # 280 characters without a space
FINE = "Fine:" + "W" * 150  # a reason without a space, near the form's 160 characters
NAMES = [
    "Ada Crane",
    "Bo Otter",
    "Cy Heron",
    "Di Marten",
    "Ed Lynx",
    "Flo Ibis",
    "Gus Vole",
    "Hal Wren",
    "Ivy Stoat",
    "Jo Egret",
]


@dataclass
class Lesson:
    classroom_id: int
    lobby_id: int
    teacher: object
    nasty: Player
    tamil: Player


def cookies_of(client, url: str) -> list[dict]:
    """Carry a test client's cookies into a browser context: same person, no login form."""
    return [
        {"name": cookie.key, "value": cookie.value, "url": url}
        for cookie in client._cookies.values()
    ]


def as_person(new_page, live_server, client, viewport):
    page = new_page(viewport)
    page.context.add_cookies(cookies_of(client, live_server))
    return page


@pytest.fixture
def lesson(app):
    """A running round with players, simulated citizens, acts, fines, complaints and the
    nastiest texts; and a second class waiting in its lobby with a crowd of arrivals."""
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app, name="Civics 9B " + "Ｗ" * 60)
    base = f"/classes/{classroom_id}"
    instructor_post(teacher, base, f"{base}/display", show_names="y", show_blacklist="y")
    players = [join(app, code, name) for name in NAMES]
    nasty = join(app, code, WIDE_NAME)
    tamil = join(app, code, TAMIL_NAME)
    instructor_post(teacher, base, f"{base}/status", command="start")
    for number, player in enumerate(players + [nasty, tamil]):
        player.share() if number % 2 else player.buy()
        player.complain(text=COMPLAINT if player is nasty else "Clean the river " * 10)
    monitor = teacher.get(f"{base}/monitor").get_data(as_text=True)
    for citizen_id in _citizen_ids(monitor)[-4:]:
        response = instructor_post(
            teacher,
            f"{base}/monitor",
            f"{base}/citizens/{citizen_id}/adjust",
            track="score",
            delta="-200",
            **_fine(monitor),
        )
        assert response.status_code == 303, response.get_data(as_text=True)
    # simulated citizens: the debriefs then show how each temperament fared
    assert instructor_post(teacher, base, f"{base}/simulated", count="12").status_code == 303
    instructor_post(teacher, base, f"{base}/debrief/open")
    nasty.take_check("after")
    nasty.submit("/debrief/guess", None, choice="nothing", text=COMPLAINT)

    lobby_id, lobby_code = make_classroom(app, name="Waiting room")
    for number in range(30):
        join(app, lobby_code, f"Newcomer {number:02d} Heron", check=False)
    join(app, lobby_code, WIDE_NAME, check=False)
    return Lesson(classroom_id, lobby_id, teacher, nasty, tamil)


def _fine(monitor: str) -> dict[str, str]:
    """A fine with the longest unbroken text the monitor's form takes: a listed reason and a
    note, or a reason of the instructor's own words."""
    listed = re.search(r'<optgroup label="Fines"><option[^>]*>([^<]+)<', monitor)
    if listed:
        return {"reason": html.unescape(listed[1]), "note": "W" * 60}
    return {"reason": FINE[5:]}


def _citizen_ids(html: str) -> list[int]:
    return [int(found) for found in re.findall(r"/citizens/(\d+)/adjust", html)]


CUT_WITHOUT_TITLE = """() => [...document.querySelectorAll('body *')].filter(e =>
    getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
  .filter(e => { const titled = e.closest('[title]');
    return !(titled && titled.title.trim() && e.textContent.includes(titled.title.trim())); })
  .map(e => e.textContent.trim().slice(0, 40))"""
OVERFLOW = """() => [document.scrollingElement.scrollWidth, innerWidth,
  document.scrollingElement.scrollHeight, innerHeight]"""
OUTSIDE = """() => [...document.querySelectorAll('.projector-head, main section')].map(e => {
  const r = e.getBoundingClientRect();
  return r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight
    ? `${e.className || e.tagName}: ${JSON.stringify(r)}` : null; }).filter(Boolean)"""
TICKER = """() => { const box = document.querySelector('.ticker').getBoundingClientRect();
  const items = [...document.querySelectorAll('.ticker li')].map(li => li.getBoundingClientRect());
  return [items.filter(r => r.top >= box.top && r.bottom <= box.bottom + 0.5).length,
          items.filter(r => r.top < box.bottom - 0.5 && r.bottom > box.bottom + 0.5).length,
          parseFloat(getComputedStyle(document.querySelector('.ticker li')).fontSize)]; }"""


def test_the_projector_shows_everything_at_once_on_each_screen(lesson, new_page, live_server):
    for screen in SCREENS:
        page = as_person(new_page, live_server, lesson.teacher, screen)
        page.goto(f"/classes/{lesson.classroom_id}/projector")
        screenshot(page, f"projector-fits-{screen['height']}")
        assert page.evaluate(OUTSIDE) == [], screen
        width, inner_width, height, inner_height = page.evaluate(OVERFLOW)
        assert width <= inner_width and height <= inner_height, screen
        whole, cut, size = page.evaluate(TICKER)
        assert whole >= 5 and cut == 0, (screen, whole, cut)  # whole entries, none cut in half
        assert size >= screen["height"] / 50, size  # large enough for the back of a room
        page.goto(f"/classes/{lesson.lobby_id}/projector")
        screenshot(page, f"projector-lobby-fits-{screen['height']}")
        assert page.evaluate(OUTSIDE) == [], screen
        width, inner_width, height, inner_height = page.evaluate(OVERFLOW)
        assert width <= inner_width and height <= inner_height, screen
        assert page.locator(".arrivals li").first.is_visible()


def test_on_a_phone_the_header_is_small_and_every_target_large(lesson, new_page, live_server):
    phone = as_person(new_page, live_server, lesson.nasty.client, PHONE)
    phone.context.set_extra_http_headers({})
    for url in ["/", "/feed", "/shop", "/life", "/complain", "/history"]:
        phone.goto(url)
        bottom = phone.evaluate("document.querySelector('.status').getBoundingClientRect().bottom")
        assert bottom <= 120, (url, bottom)
        heights = phone.locator("form.action button").evaluate_all(
            "buttons => buttons.map(b => b.getBoundingClientRect().height)"
        )
        assert all(height >= 44 for height in heights), (url, heights)
    screenshot(phone, "phone-menu-closed")
    menu = phone.get_by_role("navigation", name="Main")
    assert menu.locator("summary").bounding_box()["height"] >= 44
    menu.locator("summary").click()
    targets = menu.locator("a, button")
    assert targets.count() >= 8
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box and box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"], box
    screenshot(phone, "phone-menu-open")
    menu.get_by_role("link", name="History").click()
    assert phone.locator("h1").inner_text() == "Your history"
    base = f"/classes/{lesson.classroom_id}"
    instructor_post(lesson.teacher, base, f"{base}/status", command="pause")
    phone.goto("/")
    bottom = phone.evaluate("document.querySelector('.status').getBoundingClientRect().bottom")
    assert bottom <= 120  # the round's state shows at the foot of the screen instead
    assert phone.locator(".round-state").is_visible()
    screenshot(phone, "phone-paused")


def test_the_menu_opens_without_javascript(lesson, new_page, live_server):
    phone = new_page(PHONE, javascript=False)
    phone.context.add_cookies(cookies_of(lesson.nasty.client, live_server))
    phone.goto("/")
    link = phone.get_by_role("navigation", name="Main").get_by_role("link", name="Shop")
    assert not link.is_visible()
    phone.get_by_role("navigation", name="Main").locator("summary").click()
    link.click()
    assert "shop" in phone.locator("h1").inner_text()


def test_check_statements_wrap_inside_their_boxes(lesson, new_page, live_server):
    phone = as_person(new_page, live_server, lesson.tamil.client, PHONE)
    phone.goto("/check/after")
    outside = phone.locator("fieldset.statement").evaluate_all(
        """sets => sets.filter(f => { const box = f.getBoundingClientRect();
             const text = f.querySelector('legend').getBoundingClientRect();
             return text.top < box.top || text.bottom > box.bottom || text.right > box.right; })
           .map(f => f.querySelector('legend').textContent)"""
    )
    assert phone.locator("fieldset.statement").count() >= 5
    assert outside == []
    screenshot(phone, "check-statements")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_long_names_and_texts_never_widen_a_page(lesson, new_page, live_server, viewport):
    base = f"/classes/{lesson.classroom_id}"
    pages = [
        (lesson.teacher, f"{base}/monitor"),
        (lesson.teacher, f"{base}/projector"),
        (lesson.teacher, f"{base}/debrief"),
        (lesson.teacher, f"{base}/rounds/1"),
        (lesson.teacher, base),
        (lesson.teacher, f"/classes/{lesson.lobby_id}/projector"),
        (lesson.nasty.client, "/"),
        (lesson.nasty.client, "/history"),
        (lesson.nasty.client, "/debrief"),
        (lesson.nasty.client, "/citizens"),
    ]
    teacher = as_person(new_page, live_server, lesson.teacher, viewport)
    player = as_person(new_page, live_server, lesson.nasty.client, viewport)
    too_wide = []
    for client, url in pages:
        page = teacher if client is lesson.teacher else player
        page.goto(url)
        width, inner_width, _, _ = page.evaluate(OVERFLOW)
        if width > inner_width:
            too_wide.append((url, width))
        too_wide += [(url, text) for text in page.evaluate(CUT_WITHOUT_TITLE)]  # text cut, lost
        name = url.strip("/").replace("/", "-") or "dashboard"
        screenshot(page, f"long-text-{name}")
        if url.endswith("debrief"):  # the table of temperaments fits as well
            assert page.locator(".fared-table th[scope=row]").count() == 7, url
    assert too_wide == [], repr(too_wide)


LOOKS = """buttons => buttons.filter(b => b.offsetParent).map(b => { const c = getComputedStyle(b);
  return [b.textContent.trim(),
          [c.backgroundColor, c.color, c.borderTopColor, c.fontSize, c.boxShadow].join(' ')]; })"""


def test_the_primary_action_of_the_lobby_has_a_look_of_its_own(lesson, new_page, live_server):
    page = as_person(new_page, live_server, lesson.teacher, WIDE)
    page.goto(f"/classes/{lesson.lobby_id}")
    looks = page.locator("main button, main .button").evaluate_all(LOOKS)
    start = [look for text, look in looks if text == "Start the round"]
    others = {look for text, look in looks if text != "Start the round"}
    assert len(start) == 1 and len(others) >= 2
    assert start[0] not in others  # and the rest share the secondary look


def test_a_phone_hides_only_the_time_column_of_a_table(lesson, new_page, live_server):
    teacher = as_person(new_page, live_server, lesson.teacher, PHONE)
    teacher.goto(f"/classes/{lesson.classroom_id}/rounds/1")
    assert teacher.get_by_role("cell", name="Ada Crane").first.is_visible()  # a pseudonym
    assert not teacher.locator("td.when").first.is_visible()
    player = as_person(new_page, live_server, lesson.nasty.client, PHONE)
    player.goto("/history")
    assert not player.locator("td.when").first.is_visible()
    assert player.get_by_text("Bought Starlight Academy").is_visible()
