"""Browser fixtures: the real app served on loopback, driven by the system Chromium."""

import gzip
import itertools
import os
import re
import shutil
import threading
from pathlib import Path

import brotli
import pytest
from werkzeug.serving import make_server

from tests.helpers import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PAGES = SHOTS.parent / "pages"
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser test skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session", autouse=True)
def fresh_pages():
    """Start each run with no saved pages: the HTML check reads only this run's."""
    shutil.rmtree(PAGES, ignore_errors=True)


def pytest_collection_modifyitems(items):
    """Run the HTML check after every browser test has saved its pages."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/test_valid_html.py"))


DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}


class SavePages:
    """Save every HTML page the browser opens, as the server sent it, for the HTML check."""

    def __init__(self, app, test_name: str):
        self.app = app
        self.prefix = re.sub(r"\W+", "-", test_name).strip("-")
        self.numbers = itertools.count(1)

    def __call__(self, environ, start_response):
        if environ.get("HTTP_SEC_FETCH_DEST") != "document":
            return self.app(environ, start_response)
        sent = {}

        def start(status, headers, exc_info=None):
            sent.update(headers)
            return start_response(status, headers, exc_info)

        iterable = self.app(environ, start)
        try:
            body = b"".join(iterable)
        finally:
            getattr(iterable, "close", lambda: None)()
        if sent.get("Content-Type", "").startswith("text/html"):
            self.save(environ.get("PATH_INFO", ""), body, sent.get("Content-Encoding"))
        return [body]

    def save(self, path: str, body: bytes, encoding: str | None) -> None:
        slug = re.sub(r"\W+", "-", path).strip("-") or "home"
        PAGES.mkdir(parents=True, exist_ok=True)
        html = DECODE[encoding](body) if encoding else body
        (PAGES / f"{self.prefix}-{next(self.numbers):02d}-{slug}.html").write_bytes(html)


@pytest.fixture
def live_server(app, request):
    server = make_server("127.0.0.1", 0, SavePages(app, request.node.name), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (separate people) at a given viewport."""
    contexts = []

    def open_page(viewport=PHONE, javascript=True):
        context = browser.new_context(
            base_url=live_server, viewport=viewport, java_script_enabled=javascript
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def take_check(page) -> None:
    """Answer the true-or-myth check (every statement "True", "I think so") and save it."""
    for radio in page.locator("input[type=radio][value=true]").all():
        radio.check()
    for radio in page.locator("fieldset.confidence input[type=radio][value='2']").all():
        radio.check()
    page.get_by_role("button", name="Save my answers").click()


def log_in(page, username: str) -> None:
    """Log in through the real form."""
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def join_in_browser(page, code: str, name: str) -> None:
    """Join a class by typing its code and a pseudonym; the resume code is shown."""
    page.goto("/join")
    page.get_by_label("Join code").fill(code.lower())
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your name in the game").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    assert page.locator("#resume-code").inner_text()
