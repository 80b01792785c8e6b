"""Every page the browser tests opened is valid HTML, by the Nu HTML Checker (vnu)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import PAGES

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / ".venv" / "vnu" / "node_modules/vnu-jar/build/dist/vnu.jar")
)


def checker() -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.skip("HTML check skipped: no Java runtime (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.skip(f"HTML check skipped: no Nu HTML Checker at {VNU_JAR} (make test installs it)")
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def test_every_page_the_browser_opened_is_valid_html():
    command = checker()
    pages = sorted(PAGES.glob("*.html"))
    if not pages:
        pytest.skip("HTML check skipped: no saved pages (it checks what the browser tests open)")
    # One run of the checker for every page: one JVM start.
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    except ValueError:
        pytest.fail(f"the HTML checker did not run:\n{result.stderr[-2000:]}")
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, f"{len(errors)} HTML errors in {len(pages)} pages:\n" + "\n".join(errors)
