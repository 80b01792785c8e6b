"""Malformed path segments on every route: ids out of range, text where a number goes, control
characters and junk answer 4xx, never 500, and change nothing."""

import re
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration import test_bad_input as bad_input

clients = bad_input.clients  # the fixture: a running class, its players, its instructor
fingerprint = bad_input.fingerprint

NASTY = [
    "99999999999999999999",  # an OverflowError on SQLite, "integer out of range" on PostgreSQL
    "2147483648",
    "9223372036854775808",
    "-1",
    "0",
    "1e3",
    "١٢",
    "𝟙",
    "\x00",
    "1\x00",
    "\n",
    "..",
    "%",
    "x" * 300,
    "<script>",
    "' OR 1=1--",
]
# Plausible values for the other arguments of a route, so that only one segment is bad.
PLAUSIBLE = {"phase": "before", "action": "befriend", "article_id": "grain-quota"}


def fill(rule, bad_name: str, bad_value: str, join_code: str) -> str:
    """Return the URL of a rule with one argument malformed and the others plausible."""

    def value(name: str) -> str:
        if name == bad_name:
            return quote(bad_value, safe="")
        if name == "code":
            return join_code
        return PLAUSIBLE.get(name, "x" if name in ("token", "media_id") else "1")

    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m[1]), rule.rule)


def segments(app):
    """Every (rule, argument) of the app's routes, for the roles that reach them."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        role = "instructor" if rule.rule.startswith("/classes/") else "player"
        for name in sorted(rule.arguments):
            yield rule, name, role


def send(client, token: str, rule, url: str):
    """GET and POST (with the client's CSRF token) a URL; return every status."""
    statuses = []
    if "GET" in rule.methods:
        statuses.append(client.get(url).status_code)
    if "POST" in rule.methods:
        statuses.append(client.post(url, data={"csrf_token": token}).status_code)
    return statuses


def join_code(app) -> str:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Classroom

    with app.app_context():
        return db.session.scalar(select(Classroom.join_code).where(Classroom.is_open.is_(False)))


def test_every_path_segment_refuses_nasty_values(app, clients):
    by_role, tokens = clients
    code = join_code(app)
    pairs = list(segments(app))
    assert len(pairs) > 20
    with app.app_context():
        before = fingerprint()
    for rule, name, role in pairs:
        for nasty in NASTY:
            url = fill(rule, name, nasty, code)
            for status in send(by_role[role], tokens[role], rule, url):
                assert status < 500, (rule.rule, name, repr(nasty), status)
            with app.app_context():
                assert fingerprint() == before, (rule.rule, name, repr(nasty))
    with app.app_context():
        assert fingerprint() == before


def test_ids_out_of_range_answer_404(app, clients):
    by_role, _ = clients
    for url in [
        "/classes/99999999999999999999",
        "/classes/2147483648/monitor",
        "/classes/1/rounds/99999999999999999999",
    ]:
        assert by_role["instructor"].get(url).status_code == 404, url


segment_values = st.one_of(
    st.integers(min_value=2**31).map(str),
    st.integers(max_value=-1).map(str),
    st.text(max_size=40),
    st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_path_segments_never_answer_500(app, clients, data):
    by_role, tokens = clients
    code = join_code(app)
    for rule, name, role in segments(app):
        value = data.draw(segment_values, label=f"{rule.rule} {name}")
        for status in send(by_role[role], tokens[role], rule, fill(rule, name, value, code)):
            assert status < 500, (rule.rule, name, repr(value), status)


def test_a_player_befriending_a_huge_id_gets_404(clients):
    by_role, tokens = clients
    url = "/citizens/99999999999999999999/befriend"
    response = by_role["player"].post(url, data={"csrf_token": tokens["player"]})
    assert response.status_code == 404
