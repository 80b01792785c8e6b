"""Both worlds' rules: the documented record against the viral video. No app."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.game import rules
from app.game.rules import meters
from app.game.rules.worlds import video

NOW = datetime(2026, 1, 1, 12, 0, 0)
ALL_ACTIONS = sorted(rules.ACTS)


def base(world: rules.World, **values) -> dict[str, int]:
    return {track.key: track.baseline for track in world.tracks} | values


def attempt_for(action: str, channel: str = "online", price: int = 50) -> rules.Attempt:
    return rules.Attempt(
        action, "something", points=12, origin="Japan", channel=channel, price=price
    )


def deltas(world, attempt, standings, situation=rules.ALONE) -> dict[str, int]:
    outcome = rules.apply(world, attempt, standings, rules.History(), NOW, situation)
    assert outcome.refusal is None, outcome.message
    found: dict[str, int] = {}
    for effect in outcome.effects:
        found[effect.track] = found.get(effect.track, 0) + effect.delta
    return found


record_standings = st.fixed_dictionaries(
    {
        "private": st.integers(350, 950),
        "platform": st.integers(300, 850),
        "blacklist": st.just(0),
        "wellbeing": st.integers(0, 100),
        "debt": st.integers(1, 5),
        "file": st.integers(-100, 100),
    }
)


@given(
    record_standings,
    st.sampled_from(["share", "complain", "report"]),
    st.sampled_from(sorted(rules.CHANNEL_PENALTY)),
    st.integers(0, 2),
)
def test_the_private_score_never_moves_on_a_political_act(standings, action, channel, crack):
    found = deltas(
        rules.RECORD, attempt_for(action, channel), standings, rules.Situation(crackdown=crack)
    )
    assert found.get("private", 0) == 0 and found.get("platform", 0) == 0
    assert "file" in found  # but the hidden file notes it


@pytest.mark.parametrize("world", [rules.VIDEO, rules.RECORD], ids=["video", "record"])
def test_the_hidden_file_notes_every_political_act_in_both_worlds(world):
    assert deltas(world, attempt_for("share"), base(world))["file"] == 1
    assert deltas(world, attempt_for("report"), base(world))["file"] == 1
    assert deltas(world, attempt_for("complain"), base(world))["file"] == -1
    assert "file" not in deltas(world, attempt_for("buy"), base(world))


def test_money_and_gaming_move_the_private_score():
    assert deltas(rules.RECORD, attempt_for("bill-on-time"), base(rules.RECORD))["private"] > 0
    assert deltas(rules.RECORD, attempt_for("bill-late"), base(rules.RECORD))["private"] < 0
    assert deltas(rules.RECORD, attempt_for("gaming"), base(rules.RECORD))["private"] < 0
    assert deltas(rules.VIDEO, attempt_for("gaming"), base(rules.VIDEO)).get("score", 0) == 0


def test_the_court_blacklist_slows_travel_locks_luxury_and_paying_releases_it():
    standings = base(rules.RECORD)
    skipped = deltas(rules.RECORD, attempt_for("debt-skip"), standings)
    assert skipped["blacklist"] == 1
    # from July 2015 the court's list fed the private score: listing costs more than skipping
    again = deltas(rules.RECORD, attempt_for("debt-skip"), base(rules.RECORD, blacklist=1))
    assert skipped["private"] < again["private"] < 0
    listed = base(rules.RECORD, blacklist=1)
    visit = rules.apply(rules.RECORD, attempt_for("visit"), listed, rules.History(), NOW)
    free = rules.apply(rules.RECORD, attempt_for("visit"), standings, rules.History(), NOW)
    assert visit.refusal is None and visit.effects[0].delta < free.effects[0].delta
    assert "flights" in rules.RECORD.slowed(listed)["visit"]
    luxury = rules.apply(rules.RECORD, attempt_for("buy", price=120), listed, rules.History(), NOW)
    assert luxury.refusal == "locked" and "Luxury" in luxury.message
    assert deltas(rules.RECORD, attempt_for("buy", price=45), listed)["wellbeing"] > 0
    paid = deltas(rules.RECORD, attempt_for("debt-pay"), listed)
    assert paid["blacklist"] == -1 and paid["debt"] == -1
    assert rules.RECORD.slowed(base(rules.RECORD)) == {}


@pytest.mark.parametrize("world", [rules.VIDEO, rules.RECORD], ids=["video", "record"])
@pytest.mark.parametrize("action", ["debt-pay", "debt-skip"])
def test_a_debt_you_do_not_have_cannot_be_paid_or_skipped(world, action):
    outcome = rules.apply(world, attempt_for(action), base(world, debt=0), rules.History(), NOW)
    assert outcome.refusal == "impossible" and outcome.effects == ()


def test_the_platform_score_is_withdrawn_after_launch_and_then_never_moves():
    start = NOW - rules.PLATFORM_LIFETIME
    assert rules.platform_active(start + timedelta(seconds=1), NOW)
    assert not rules.platform_active(start, NOW)
    gone = rules.Situation(platform_active=False)
    assert "platform" not in deltas(
        rules.RECORD, attempt_for("bill-late"), base(rules.RECORD), gone
    )


@given(st.integers(350, 950), st.floats(350, 950, allow_nan=False), st.sampled_from(ALL_ACTIONS))
def test_friends_pull_toward_their_mean_and_never_past_it(score, mean, action):
    pull = video.friends_pull(score, mean)
    assert abs(pull) <= video.FRIENDS_PULL_MAX
    assert min(score, mean) <= score + pull <= max(score, mean)


def test_friends_pull_only_in_the_viral_video():
    low_friends = rules.Situation(friends_mean=400.0)
    video = deltas(rules.VIDEO, attempt_for("bill-on-time"), base(rules.VIDEO), low_friends)
    assert video["score"] < 3  # the bill's +3, dragged down by friends
    record = deltas(rules.RECORD, attempt_for("befriend"), base(rules.RECORD), low_friends)
    assert set(record) == {"wellbeing"}


@given(st.sampled_from(ALL_ACTIONS), st.integers(350, 950), st.integers(0, 2))
def test_every_action_keeps_every_track_in_range(action, score, crack):
    for world in (rules.VIDEO, rules.RECORD):
        standings = base(world, **{world.primary: score})
        outcome = rules.apply(
            world,
            attempt_for(action),
            standings,
            rules.History(),
            NOW,
            rules.Situation(crackdown=crack, friends_mean=500.0),
        )
        for effect in outcome.effects:
            standings[effect.track] += effect.delta
            track = world.track(effect.track)
            assert track.low <= standings[effect.track] <= track.high


def test_a_crackdown_makes_video_penalties_harsher():
    calm = deltas(rules.VIDEO, attempt_for("complain", "protest"), base(rules.VIDEO))
    harsh = deltas(
        rules.VIDEO,
        attempt_for("complain", "protest"),
        base(rules.VIDEO),
        rules.Situation(crackdown=1),
    )
    assert harsh["score"] == 2 * calm["score"] < 0


def test_complaints_raise_unrest_faster_when_control_is_visible():
    quiet = rules.VIDEO.meter_effects(
        rules.Attempt("complain", channel="protest"), {"visibility": 10}
    )[0].delta
    seen = rules.VIDEO.meter_effects(
        rules.Attempt("complain", channel="protest"), {"visibility": 60}
    )[0].delta
    assert seen > quiet > 0


def test_growth_calms_unrest_every_minute_and_thresholds_make_headlines():
    calm = meters.growth_effect({"growth": 60, "unrest": 40}, minutes=3)
    assert calm.track == "unrest" and calm.delta == -6
    assert meters.growth_effect({"growth": 60, "unrest": 0}, minutes=3) is None
    assert meters.headline("unrest", 55, 61) == "A protest gathers in the square"
    assert meters.headline("unrest", 61, 70) is None
    assert meters.headline("trust", 52, 49) == "Neighbours grow wary of each other"


@pytest.mark.parametrize(
    "loyalty, flags, result",
    [
        (0, 0, "unchanged"),
        (2, 0, "promoted"),
        (3, 1, "unchanged"),
        (1, 1, "passed over"),
    ],
)
def test_the_file_decides_promotion(loyalty, flags, result):
    assert rules.promotion(loyalty, flags) == result


def test_conformity_counts_what_each_world_rewards():
    acts = ["share", "buy", "visit", "gaming", "bill-late", "bill-on-time"]
    assert rules.VIDEO.conformity(acts) == 0.5  # share, on time / buy, late
    assert rules.RECORD.conformity(acts) == 0.5  # on time / late: sharing is not judged
    assert rules.RECORD.conformity(["share", "report", "buy"]) is None
    assert rules.VIDEO.conformity(["visit"]) is None


def test_each_world_shows_its_own_cards_and_those_its_acts_touched():
    assert rules.VIDEO.cards_for([])[:2] == ("score", "tiers")
    record = rules.RECORD.cards_for(["debt-skip", "share"])
    assert {"private", "pboc-licence", "debt", "court-sesame", "share"} <= set(record)
    assert "court-sesame" not in rules.VIDEO.cards_for(["debt-skip"])
