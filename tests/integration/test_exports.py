"""CSV exports read back the way a spreadsheet reads them: numbers sum, text never runs."""

import csv
import io
import re
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.classroom.export import cell
from app.extensions import db
from app.game.services import awards
from app.models import Citizen
from tests.helpers import instructor_post, join, make_classroom, make_instructor

# A spreadsheet importing CSV types a cell as a number when the whole cell is one, and runs a
# cell that starts with one of these as a formula (LibreOffice and Excel alike).
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet(text: str) -> list[dict]:
    """Read CSV text into rows of typed cells, as a spreadsheet's import would."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = []
    for raw in reader:
        typed = {}
        for name, value in zip(header, raw, strict=True):
            if NUMBER.fullmatch(value):
                typed[name] = float(value)
            else:
                assert not value.startswith(FORMULA), f"{name}={value!r} would run as a formula"
                typed[name] = value
        rows.append(typed)
    return rows


@pytest.fixture
def lesson(app):
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app)
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/status", command="start")
    ada, bo = join(app, code, "Ada Crane"), join(app, code, "Bo Otter")
    ada.share()
    ada.complain(text='=HYPERLINK("http://evil")')
    bo.buy()
    bo.complain(text="-1 for the canteen", channel="protest")
    with app.app_context():
        ids = dict(db.session.execute(select(Citizen.display_name, Citizen.id)).all())
        awards.adjust(ids["Ada Crane"], "score", -30, "-30 for talking", "fine-key-0000000001")
        awards.adjust(ids["Bo Otter"], "score", 25, "+ok", "award-key-000000001")
    return teacher, classroom_id


def test_the_ledger_sums_to_each_students_score(lesson):
    teacher, classroom_id = lesson
    base = f"/classes/{classroom_id}/rounds/1"
    ledger = spreadsheet(teacher.get(f"{base}/ledger.csv").get_data(as_text=True))
    standings = spreadsheet(teacher.get(f"{base}/standings.csv").get_data(as_text=True))
    sums = defaultdict(float)
    for row in ledger:
        assert isinstance(row["delta"], float) and isinstance(row["event"], float)
        if row["track"] == "score":
            sums[row["pseudonym"]] += row["delta"]
    assert any(row["delta"] < 0 for row in ledger)
    assert {row["pseudonym"] for row in standings} == {"Ada Crane", "Bo Otter"}
    for row in standings:
        assert isinstance(row["score"], float) and isinstance(row["wellbeing"], float)
        assert sums[row["pseudonym"]] == row["score"] - 600
    assert sums["Ada Crane"] == 612 - 10 - 30 - 600


def test_the_ledger_gives_each_time_in_the_class_time_zone_too(app, lesson):
    teacher, classroom_id = lesson
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/zone", time_zone="Asia/Kolkata")
    text = teacher.get(f"{page}/rounds/1/ledger.csv").get_data(as_text=True)
    header, first = list(csv.reader(io.StringIO(text)))[:2]
    assert header[1:3] == ["time_utc", "time_Asia/Kolkata"]
    utc = datetime.fromisoformat(first[1]).replace(tzinfo=UTC)
    assert first[2] == f"{utc.astimezone(ZoneInfo('Asia/Kolkata')):%Y-%m-%d %H:%M:%S}"


def test_text_that_would_run_as_a_formula_is_neutralised(lesson):
    teacher, classroom_id = lesson
    text = teacher.get(f"/classes/{classroom_id}/rounds/1/ledger.csv").get_data(as_text=True)
    rows = spreadsheet(text)
    notes = {row["note"] for row in rows if row["note"]}
    assert notes == {'\'=HYPERLINK("http://evil")', "'-1 for the canteen"}
    reasons = {row["reason"] for row in rows}
    assert {"'-30 for talking", "'+ok"} <= reasons


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-30, -30),
        (0, 0),
        (2.5, 2.5),
        ("-30", "'-30"),
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (None, ""),
        (True, "True"),
    ],
)
def test_a_cell_keeps_numbers_and_neutralises_formula_text(value, expected):
    assert cell(value) == expected
