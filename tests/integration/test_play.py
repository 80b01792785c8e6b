"""The three actions, visiting family, cooldowns, locks, replays and bad input."""

from datetime import UTC, datetime

import pytest
import time_machine

from app.game import ledger, rules
from tests.helpers import Player, count_events, hidden_fields, ledger_mismatches, standing


@pytest.fixture
def clock():
    """Stop time now (a session cookie from the future would be refused), to move it by hand."""
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


def score(app, username="alice") -> int:
    with app.app_context():
        return standing(username)


def wellbeing(app, username="alice") -> int:
    with app.app_context():
        return standing(username, "wellbeing")


def test_sharing_raises_the_score_and_shows_why(app, player, clock):
    response = player.share("grain-quota")
    assert response.status_code == 303 and response.location.startswith("/feed?done=")
    assert (score(app), wellbeing(app)) == (612, 48)
    html = player.client.get(response.location).get_data(as_text=True)
    assert 'id="status-score">612<' in html
    assert "Shared “Village cooperative beats its grain quota" in html
    assert "Shared “Village" not in player.client.get("/feed").get_data(as_text=True)


def test_an_acts_message_is_read_from_the_players_own_ledger(app, player, clock):
    shared = player.share("grain-quota").location
    other = Player.register(app.test_client(), "bob")
    for url in (shared, "/feed?done=" + "x" * 22, "/feed?done=%00bad", "/feed?done=" + "y" * 500):
        response = other.client.get(url)
        assert response.status_code == (400 if "%00" in url else 200)  # no control characters
        assert "Shared “Village" not in response.get_data(as_text=True)
    assert "Shared “Village" in player.client.get(shared).get_data(as_text=True)


def test_an_act_that_fails_half_way_writes_nothing(app, player, clock, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the class meters are unreachable")

    monkeypatch.setattr(ledger, "apply_effects", broken)  # after the events are written
    with app.app_context():
        before = (count_events(), score(app), wellbeing(app))
    assert player.complain().status_code == 500
    with app.app_context():
        assert (count_events(), score(app), wellbeing(app)) == before


def test_sharing_the_same_article_again_earns_less(app, player, clock):
    gains = []
    for _ in range(4):
        before = score(app)
        player.share("five-year-plan")
        gains.append(score(app) - before)
        clock.shift(rules.ACTS["share"].cooldown)
    assert gains == [15, 7, 3, 1]
    assert "for the 2nd time: repeats earn less" in player.client.get("/history").get_data(
        as_text=True
    )


def test_buying_media_lowers_the_score_japanese_most(app, player, clock):
    player.buy("skyfall-protocol")
    american = 600 - score(app)
    clock.shift(rules.cooldown_for("buy", rules.tier_for(score(app)).cooldown_factor))
    before = score(app)
    player.buy("starlight-academy")
    japanese = before - score(app)
    assert japanese > american > 0
    assert wellbeing(app) > 50


def test_complaining_lowers_the_score_and_keeps_the_words(app, player, clock):
    response = player.complain("food-safety", "petition", "The market sells spoiled milk.")
    assert response.status_code == 303
    assert score(app) == 600 + rules.CHANNEL_PENALTY["petition"]
    assert wellbeing(app) > 50
    html = player.client.get("/history").get_data(as_text=True)
    assert "The market sells spoiled milk." in html


def test_complaint_text_is_escaped(app, player, clock):
    player.complain(text="<script>alert(1)</script>")
    html = player.client.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_action_during_its_cooldown_is_refused_with_the_seconds_left(app, player, clock):
    player.share()
    clock.shift(4)
    response = player.share("solar-farm")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "6"
    assert "Try again in 6 s" in response.get_data(as_text=True)
    assert score(app) == 612
    clock.shift(6)
    assert player.share("solar-farm").status_code == 303


def test_a_low_score_slows_the_internet_and_the_trip_home(app, player, clock):
    while score(app) >= 550:
        player.complain(channel="protest")
        clock.shift(rules.cooldown_for("complain", rules.tier_for(score(app)).cooldown_factor))
    html = player.client.get("/").get_data(as_text=True)
    assert "Untrustworthy" in html and "Travel ban" in html and "Slowed:" in html
    assert "Internet slowed to a third" in html
    assert "Visit family the slow way" in player.client.get("/life").get_data(as_text=True)

    before = wellbeing(app)
    assert player.visit().status_code == 303
    assert 0 < wellbeing(app) - before < 8  # the slow way does less good than the usual 8
    clock.shift(rules.cooldown_for("visit", 3))  # slow internet alone is not enough
    again = player.visit()
    assert again.status_code == 429 and "slow way home" in again.get_data(as_text=True)

    player.share()
    clock.shift(rules.ACTS["share"].cooldown * 2)
    assert player.share("solar-farm").status_code == 429  # ×3 at this tier


def test_visiting_family_raises_wellbeing(app, player, clock):
    assert player.visit().status_code == 303
    assert (score(app), wellbeing(app)) == (600, 58)


def test_a_replayed_form_is_applied_once(app, player, clock):
    html = player.client.get("/feed").get_data(as_text=True)
    fields = hidden_fields(html, "/feed/grain-quota/share")
    first = player.client.post("/feed/grain-quota/share", data=fields)
    clock.shift(60)
    second = player.client.post("/feed/grain-quota/share", data=fields)
    assert first.status_code == second.status_code == 303
    assert score(app) == 612
    page = player.client.get(second.headers["Location"]).get_data(as_text=True)
    assert "already applied; it was not counted twice" in page
    assert "already applied" not in player.client.get(first.headers["Location"]).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "url, data, status, message",
    [
        ("/feed/no-such-article/share", {}, 404, "no such article"),
        ("/shop/no-such-thing/buy", {}, 404, "no such item"),
        ("/feed/grain-quota/share", {"key": ""}, 400, "one-time key is missing"),
        ("/feed/grain-quota/share", {"key": "short"}, 400, "one-time key is malformed"),
        ("/feed/grain-quota/share", {"key": "x" * 2_000}, 400, "one-time key is malformed"),
        ("/shop/starlight-academy/buy", {"key": "<b>bad key</b>!!!!!"}, 400, "malformed"),
    ],
)
def test_bad_action_posts_change_nothing(app, player, clock, url, data, status, message):
    html = player.client.get("/feed").get_data(as_text=True)
    fields = hidden_fields(html, "/feed/grain-quota/share") | data
    response = player.client.post(url, data=fields)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert count_events() == 0


@pytest.mark.parametrize(
    "data, message",
    [
        ({"topic": "aliens"}, "Not a valid choice"),
        ({"channel": "riot"}, "Not a valid choice"),
        ({"topic": ""}, "Choose what your complaint is about"),
        ({"text": "x" * 281}, "Keep it to 280 characters"),
        ({"text": "x" * 5_000}, "Keep it to 280 characters"),
    ],
)
def test_bad_complaints_change_nothing(app, player, clock, data, message):
    fields = {"topic": "pollution", "channel": "online"} | data
    response = player.submit("/complain", None, **fields)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert count_events() == 0


def test_a_complaint_of_exactly_280_characters_is_taken(app, player, clock):
    assert player.complain(text="y" * 280).status_code == 303


def test_the_ledger_adds_up_after_a_burst_of_actions(app, player, clock):
    for i in range(30):
        player.share(["grain-quota", "solar-farm", "clean-air"][i % 3])
        player.buy(["starlight-academy", "neon-pulse"][i % 2])
        player.complain(channel=["online", "petition", "protest"][i % 3])
        player.visit()
        clock.shift(61)
    with app.app_context():
        assert count_events() > 100
        assert ledger_mismatches() == []
        assert rules.SCORE.low <= standing("alice") <= rules.SCORE.high


def test_history_is_paged_newest_first(app, player, clock):
    app.config["HISTORY_PAGE_SIZE"] = 5
    for article in ["grain-quota", "solar-farm", "clean-air", "free-clinic"]:
        player.share(article)
        clock.shift(10)
    first = player.client.get("/history").get_data(as_text=True)
    assert "Page 1 of 2" in first
    assert first.index("free clinic") < first.index("City air quality")
    second = player.client.get("/history?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and "Village cooperative" in second
    assert player.client.get("/history?page=3").status_code == 404
    assert player.client.get("/history?page=abc").status_code == 400
    assert player.client.get("/history?page=0").status_code == 400


def test_the_dashboard_shows_tiers_around_and_the_chart(app, player, clock):
    player.share()
    html = player.client.get("/").get_data(as_text=True)
    assert "Above you" in html and "Trusted" in html
    assert "Below you" in html and "Watched" in html
    assert "<polyline" in html and "now 612" in html
    assert "documented" in html and "invented for the game" in html


def test_methods_and_missing_pages_answer_cleanly(client, player):
    assert player.client.get("/life/visit").status_code == 405
    assert player.client.get("/nowhere").status_code == 404


def test_pace_scales_every_cooldown(app, player, clock):
    app.config["PACE"] = 0.5
    player.share()
    clock.shift(5)
    assert player.share("solar-farm").status_code == 303  # 10 s at pace 1, 5 s at 0.5


@pytest.mark.parametrize("pace", ["-1", "11", "fast"])
def test_a_bad_pace_stops_the_start(database_uri, pace):
    from app import create_app

    with pytest.raises(ValueError):
        create_app({"SQLALCHEMY_DATABASE_URI": database_uri, "SECRET_KEY": "x", "PACE": pace})


def test_the_health_check_needs_no_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_data(as_text=True) == "ok\n"


def test_an_act_reads_its_context_through_indexes_only(app, player):
    """The act's reads must not scan the citizen's events: a long round stays as fast."""
    from sqlalchemy import inspect

    from app.extensions import db
    from app.game.services import acts

    for _ in range(3):
        player.share()
    with app.app_context():
        indexes = {i["name"]: i["column_names"] for i in inspect(db.engine).get_indexes("event")}
        assert indexes["ix_event_citizen_item"] == ["citizen_id", "action", "item", "track"]
        if db.engine.dialect.name != "sqlite":
            return  # PostgreSQL plans by table size; the index above is what it needs
        compiled = acts.act_context().statement.compile(db.engine)
        params = compiled.construct_params(
            {"citizen": 1, "key": "k", "action": "share", "item": "grain-quota"}
            | acts._cooldown_group("share")
        )
        plan = db.session.connection().exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}", tuple(params[k] for k in compiled.positiontup)
        )
        details = [row[3] for row in plan]
    assert not [d for d in details if d.startswith("SCAN event")], details
    assert any("ix_event_citizen_item" in d for d in details), details
