"""The express lane: an ordinary act is answered there, exactly as its view answers it; anything
unusual goes on to Flask untouched."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Event
from app.web.express import ExpressActs
from tests.helpers import Player, hidden_fields, join

SHARE = "/feed/grain-quota/share"


@pytest.fixture
def clock():
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def lane(app, monkeypatch):
    """The app's express lane, counting the posts it leaves to Flask."""
    found = app.wsgi_app
    while not isinstance(found, ExpressActs):
        found = found.app
    flask = found.flask
    found.left = []

    def counted(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            found.left.append(environ["PATH_INFO"])
        return flask(environ, start_response)

    monkeypatch.setattr(found, "flask", counted)
    return found


def written(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(Event.citizen_id, Event.track, Event.action, Event.item, Event.delta)
            .where(Event.action != "joined")
            .order_by(Event.id)
        )
        return [tuple(row) for row in rows]


def form(player: Player, page: str = "/feed", action: str = SHARE) -> dict:
    return hidden_fields(player.client.get(page).get_data(as_text=True), action)


def test_an_ordinary_act_is_answered_in_the_lane_as_its_view_answers(app, player, lane, clock):
    fast = player.client.post(SHARE, data=form(player))
    assert lane.left == [] and fast.status_code == 303
    assert fast.headers["Vary"] == "Cookie" and "Content-Security-Policy" in fast.headers
    lane.answer = lambda environ: None  # the view alone, for the same act with another key
    clock.shift(3600)
    slow = player.client.post(SHARE, data=form(player))
    assert lane.left == [SHARE] and slow.status_code == 303
    for response in (fast, slow):
        path, _, key = response.location.partition("?done=")
        assert path == "/feed" and len(key) >= 16
    rows = written(app)
    first, second = rows[: len(rows) // 2], rows[len(rows) // 2 :]
    assert first and [row[1:4] for row in first] == [row[1:4] for row in second]
    page = player.client.get(fast.location).get_data(as_text=True)
    assert "Shared “Village cooperative beats its grain quota" in page


def test_a_replayed_form_is_applied_once_in_the_lane(app, player, lane, clock):
    fields = form(player)
    first = player.client.post(SHARE, data=fields)
    once = written(app)
    clock.shift(60)
    again = player.client.post(SHARE, data=fields)
    assert lane.left == []
    assert again.location == first.location + "&again=1"
    assert once and written(app) == once


@pytest.mark.parametrize(
    "change, status",
    [
        ({"csrf_token": ""}, 400),
        ({"csrf_token": "not-a-signed-token"}, 400),
        ({"key": "short"}, 400),
        ({"key": "x" * 70}, 400),
        ({"extra": "field"}, 303),  # Flask's form ignores it; the lane asks Flask
    ],
)
def test_an_unusual_form_goes_to_flask(app, player, lane, clock, change, status):
    response = player.client.post(SHARE, data=form(player) | change)
    assert lane.left == [SHARE] and response.status_code == status
    assert bool(written(app)) == (status == 303)


def test_a_token_of_another_session_goes_to_flask_and_is_refused(app, player, lane, clock):
    other = Player.register(app.test_client(), "bob")
    lane.left.clear()
    response = player.client.post(
        SHARE, data=form(player) | {"csrf_token": form(other)["csrf_token"]}
    )
    assert lane.left == [SHARE] and response.status_code == 400
    assert written(app) == []


def test_a_tampered_or_missing_session_goes_to_flask(app, player, lane, clock):
    fields = form(player)
    cookie = player.client.get_cookie("session")
    player.client.set_cookie(
        "session", cookie.value[:-5] + ("A" if cookie.value[-5] != "A" else "B") + cookie.value[-4:]
    )
    # Flask sees no session, so no token to match: 400, as for any forged post
    assert player.client.post(SHARE, data=fields).status_code == 400
    player.client.delete_cookie("session")
    player.client.delete_cookie("remember_token")
    assert player.client.post(SHARE, data=fields).status_code == 400
    assert lane.left == [SHARE, SHARE] and written(app) == []


def test_an_old_session_goes_to_flask(app, player, lane, clock):
    fields = form(player)
    clock.shift(app.permanent_session_lifetime.total_seconds() + 1)
    player.client.delete_cookie("remember_token")
    assert player.client.post(SHARE, data=fields).status_code == 400
    assert lane.left == [SHARE] and written(app) == []


def test_refusals_and_unknown_items_are_shown_by_the_view(app, player, lane, clock):
    player.client.post(SHARE, data=form(player))
    refused = player.client.post(SHARE, data=form(player))  # within the cooldown
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    missing = player.client.post("/feed/no-such-article/share", data=form(player))
    assert missing.status_code == 404
    assert lane.left == [SHARE, "/feed/no-such-article/share"]
    assert {row[1] for row in written(app)} == {"score", "wellbeing", "file"}


def test_a_query_string_or_https_without_a_referrer_goes_to_flask(app, player, lane, clock):
    assert player.client.post(SHARE + "?x=1", data=form(player)).status_code == 303
    clock.shift(3600)
    secure = player.client.post(SHARE, data=form(player), base_url="https://localhost")
    assert secure.status_code == 400  # Flask-WTF: the referrer header is missing
    clock.shift(3600)
    referred = player.client.post(
        SHARE,
        data=form(player),
        base_url="https://localhost",
        headers={"Referer": "https://localhost/feed"},
    )
    assert referred.status_code == 303
    assert lane.left == [SHARE, SHARE]


def test_a_player_to_send_elsewhere_goes_to_flask(app, teacher, running, lane, clock):
    classroom_id, code = running
    unchecked = join(app, code, "Mei", check=False)
    token = hidden_fields(unchecked.client.get("/check/before").get_data(as_text=True), None)
    sent = {"csrf_token": token["csrf_token"], "key": "k" * 22}
    lane.left.clear()
    response = unchecked.client.post(SHARE, data=sent)
    assert response.status_code == 303 and "/check/before" in response.location
    page = f"/classes/{classroom_id}"
    token = hidden_fields(teacher.get(page).get_data(as_text=True), f"{page}/status")
    response = teacher.post(SHARE, data={"csrf_token": token["csrf_token"], "key": "k" * 22})
    assert response.status_code == 302 and response.location == "/classes/"
    assert lane.left == [SHARE, SHARE] and written(app) == []


def test_an_untrusted_host_or_a_padded_token_goes_to_flask(make_app, clock):
    app = make_app(TRUSTED_HOSTS=["localhost"])
    player = Player.register(app.test_client(), "carol")
    found = app.wsgi_app
    while not isinstance(found, ExpressActs):
        found = found.app
    left, flask = [], found.flask

    def counted(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            left.append(environ["HTTP_HOST"])
        return flask(environ, start_response)

    found.flask = counted
    fields = form(player)
    cookie = player.client.get_cookie("session")
    player.client.set_cookie("session", cookie.value, domain="elsewhere.example")
    other = player.client.post(SHARE, data=fields, base_url="http://elsewhere.example")
    assert other.status_code == 400
    token = fields["csrf_token"]  # its signature still verifies: the decoder skips the \x01s
    padded = token[:-3] + "\x01" * 4 + token[-3:]
    refused = player.client.post(SHARE, data=fields | {"csrf_token": padded})
    assert refused.status_code == 400 and "control character" in refused.get_data(as_text=True)
    assert left == ["elsewhere.example", "localhost"]
    assert written(app) == []


def test_a_later_route_that_flask_prefers_to_an_act_s_goes_to_its_own_view(make_app, clock):
    app = make_app()
    # a static path outranks the act's /feed/<article_id>/share in Flask's matching
    app.add_url_rule(SHARE, "special", lambda: "special", methods=["POST"])
    player = Player.register(app.test_client(), "dora")
    response = player.client.post(SHARE, data=form(player))
    assert response.status_code == 200 and response.get_data(as_text=True) == "special"
    assert written(app) == []


def test_an_act_written_before_an_error_in_the_lane_is_answered_as_done(app, player, lane):
    fields = form(player)
    failures = []

    def fails_once(_):
        if not failures:
            failures.append(1)
            raise RuntimeError("the request's session could not be closed")

    app.teardown_appcontext_funcs.insert(0, fails_once)  # runs as the lane's context closes
    try:
        response = player.client.post(SHARE, data=fields)
    finally:
        app.teardown_appcontext_funcs.remove(fails_once)
    assert failures and lane.left == []  # not tried again by the view, which would say "again"
    assert response.status_code == 303 and "again" not in response.location
    assert response.location.startswith("/feed?done=")
    rows = written(app)  # one act: each of its tracks moved once
    assert rows and {row[2:4] for row in rows} == {("share", "grain-quota")}
    assert len({row[1] for row in rows}) == len(rows)


def test_an_error_in_the_lane_before_the_write_leaves_the_act_to_the_view(
    app, player, lane, monkeypatch
):
    from app.game.services import acts

    perform, failures = acts.perform_action, []

    def fails_once(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise RuntimeError("the database went away")
        return perform(*args, **kwargs)

    monkeypatch.setattr(acts, "perform_action", fails_once)
    response = player.client.post(SHARE, data=form(player))
    assert failures and lane.left == [SHARE]  # nothing written: the view did the act
    assert response.status_code == 303 and "again" not in response.location
    rows = written(app)  # one act: each of its tracks moved once
    assert rows and len({row[1] for row in rows}) == len(rows)
