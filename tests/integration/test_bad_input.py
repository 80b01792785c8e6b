"""Malformed input on every POST route: a 4xx with a message, never a 500, nothing changed."""

import hashlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from werkzeug.datastructures import MultiDict

from app.auth.forms import USERNAME_PATTERN
from app.extensions import db
from app.models import Base
from tests.helpers import instructor_post, join, make_classroom, make_instructor


def longer_than(limit: int):
    """Strings just past a limit, built by repeating a short random piece."""
    return st.tuples(st.text(min_size=1, max_size=8), st.integers(1, 50)).map(
        lambda pair: pair[0] * ((limit + pair[1]) // len(pair[0]) + 1)
    )


huge = longer_than(10_000)
odd = st.sampled_from(["", " ", "\u202e", "\ufeff", "null", "0", "-1", "١٢٣", "𝕏" * 30, "\x00"])


def too_long(limit: int):
    return st.one_of(st.just(""), longer_than(limit), huge)


def not_one_of(*valid: str):
    return st.one_of(odd, st.text(max_size=30), huge).filter(lambda v: v not in valid)


bad_key = st.one_of(
    st.just(""),
    st.text(max_size=15),
    st.text(min_size=65, max_size=200),
    huge,
    st.text(min_size=16, max_size=64).filter(lambda v: not re.fullmatch(r"[A-Za-z0-9_-]+", v)),
)
bad_username = st.one_of(odd, st.text(max_size=40), huge).filter(
    lambda v: not re.fullmatch(USERNAME_PATTERN, v)
)
bad_int = st.one_of(
    st.text(max_size=12).filter(lambda v: not re.fullmatch(r"-?\d+", v.strip())),
    st.integers(201, 10**12).map(str),
    st.integers(max_value=-201).map(str),
)
junk = st.one_of(odd, st.text(max_size=50), huge)

PLAYER = {
    "/feed/grain-quota/share": {"key": bad_key},
    "/shop/starlight-academy/buy": {"key": bad_key},
    "/complain": {
        "key": bad_key,
        "topic": not_one_of(
            "pollution", "food-safety", "corruption", "local-official", "school-fees"
        ),
        "channel": not_one_of("online", "petition", "protest"),
        "text": st.text(min_size=281, max_size=400),
    },
    "/life/gaming": {"key": bad_key},
    "/citizens/2/befriend": {"key": bad_key},
    "/check/before": {
        "s_one_score": not_one_of("true", "myth"),
        "s_posts": not_one_of("true", "myth"),
    },
}
ANONYMOUS = {
    "/register": {"username": bad_username, "password": st.text(max_size=7), "confirm": junk},
    "/login": {"username": junk, "password": junk},
    "/join": {"code": junk},
    "/resume": {"code": junk},
}
INSTRUCTOR = {
    "/classes/": {"name": too_long(80), "world": not_one_of("video", "record")},
    "/classes/1/rename": {"name": too_long(80)},
    "/classes/1/words": {"words": longer_than(2000)},
    "/classes/1/status": {"command": not_one_of("start", "pause", "resume", "end")},
    "/classes/1/reset": {"round_id": junk, "world": not_one_of("video", "record")},
    "/classes/1/crackdown": {"change": not_one_of("up", "down")},
    "/classes/1/citizens/1/rename": {
        "name": st.one_of(st.just(""), huge, st.text(alphabet="abcXYZ", max_size=1))
    },
    "/classes/1/citizens/1/adjust": {
        "key": bad_key,
        "track": not_one_of("score", "wellbeing"),
        "delta": bad_int,
        "reason": not_one_of("role-play: spreading rumours", "role-play: a model neighbour"),
        "note": longer_than(60),
    },
    "/classes/1/growth": {"level": not_one_of("boom", "steady", "slowdown")},
    "/classes/1/rounds/1/delete": {"typed": junk.filter(lambda v: v.strip() != "Round 1")},
}
ROUTES = (
    [("player", u, f) for u, f in PLAYER.items()]
    + [("anonymous", u, f) for u, f in ANONYMOUS.items()]
    + [("instructor", u, f) for u, f in INSTRUCTOR.items()]
)


def fingerprint() -> str:
    """Hash every row of every table: any change to the database changes it."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(text(f'SELECT * FROM "{table.name}" ORDER BY 1')).all()
            digest.update(repr(rows).encode())
    return digest.hexdigest()


@pytest.fixture
def clients(app):
    """A running class with two players, its instructor, and a stranger, each with a token."""
    teacher = make_instructor(app)
    classroom_id, code = make_classroom(app)
    instructor_post(
        teacher, f"/classes/{classroom_id}", f"/classes/{classroom_id}/status", command="start"
    )
    player = join(app, code, "Ada Crane")
    join(app, code, "Bob Otter")
    anonymous = app.test_client()
    tokens = {}
    for role, client, page in [
        ("player", player.client, "/check/before"),
        ("anonymous", anonymous, "/login"),
        ("instructor", teacher, "/classes/"),
    ]:
        tokens[role] = re.search(
            r'name="csrf_token"[^>]*value="([^"]+)"', client.get(page).get_data(as_text=True)
        ).group(1)
    return {"player": player.client, "anonymous": anonymous, "instructor": teacher}, tokens


@pytest.mark.parametrize("role, url, fields", ROUTES, ids=[u for _, u, _ in ROUTES])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_malformed_posts_get_a_4xx_and_change_nothing(app, clients, role, url, fields, data):
    clients_by_role, tokens = clients
    chosen = data.draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, unique=True))
    form = MultiDict([("csrf_token", tokens[role])])
    for name in chosen:
        for _ in range(data.draw(st.integers(1, 2))):  # sometimes the field twice
            form.add(name, data.draw(fields[name]))
    if data.draw(st.booleans()):
        form.add(data.draw(st.text(min_size=1, max_size=10)), data.draw(junk))
    with app.app_context():
        before = fingerprint()
    response = clients_by_role[role].post(url, data=form)
    body = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, (url, response.status_code, body[:500])
    assert re.search(r'class="(error|alert|lead)"', body), (url, body[:500])
    with app.app_context():
        assert fingerprint() == before, url
