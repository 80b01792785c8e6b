"""The pure rules, tested without an app."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.game import rules

NOW = datetime(2026, 1, 1, 12, 0, 0)


def base(world: rules.World) -> dict[str, int]:
    """Every track of a world at its baseline."""
    return {track.key: track.baseline for track in world.tracks}


scores = st.integers(rules.SCORE.low, rules.SCORE.high)
wellbeing = st.integers(rules.WELLBEING.low, rules.WELLBEING.high)
attempts = st.one_of(
    st.builds(rules.Attempt, st.just("share"), st.just("A headline"), points=st.integers(0, 40)),
    st.builds(
        rules.Attempt,
        st.just("buy"),
        st.just("A film"),
        origin=st.sampled_from(["Japan", "USA", "South Korea", "UK", "Sweden"]),
    ),
    st.builds(
        rules.Attempt,
        st.just("complain"),
        st.just("pollution"),
        channel=st.sampled_from(sorted(rules.CHANNEL_PENALTY)),
    ),
    st.just(rules.Attempt("visit")),
)


def test_tiers_partition_the_score_range():
    covered = [score for tier in rules.TIERS for score in range(tier.low, tier.high + 1)]
    assert covered == list(range(rules.SCORE.low, rules.SCORE.high + 1))


@given(scores)
def test_every_score_has_exactly_one_tier(score):
    matching = [tier for tier in rules.TIERS if tier.low <= score <= tier.high]
    assert matching == [rules.tier_for(score)]


@pytest.mark.parametrize("score", [rules.SCORE.low - 1, rules.SCORE.high + 1])
def test_a_score_outside_the_range_has_no_tier(score):
    with pytest.raises(ValueError):
        rules.tier_for(score)


def test_the_tier_table_matches_the_game():
    table = [(t.name, t.low, t.high, t.cooldown_factor) for t in rules.TIERS]
    assert table == [
        ("Untrustworthy", 350, 549, 3),
        ("Watched", 550, 599, 2),
        ("Ordinary", 600, 649, 1),
        ("Trusted", 650, 699, 1),
        ("Model citizen", 700, 950, 1),
    ]


@given(st.sampled_from(sorted(rules.ACTS)), scores)
def test_cooldowns_are_positive_and_slower_in_low_tiers(action, score):
    tier = rules.tier_for(score)
    assert rules.cooldown_for(action, tier.cooldown_factor) >= rules.ACTS[action].cooldown > 0


@given(st.integers(0, 100), st.integers(0, 64))
def test_repeats_of_an_article_earn_less(points, times):
    assert rules.share_points(points, 0) == points
    assert 0 <= rules.share_points(points, times + 1) <= rules.share_points(points, times)
    if rules.share_points(points, times) > 1:
        assert rules.share_points(points, times + 1) < rules.share_points(points, times)


def test_japanese_media_cost_most():
    others = [rules.media_penalty(o) for o in ("USA", "South Korea", "UK", "anywhere")]
    assert all(rules.media_penalty("Japan") < other < 0 for other in others)


@given(attempts, scores, wellbeing, st.integers(0, 10))
def test_standings_stay_within_their_tracks(attempt, score, well, times):
    standings = base(rules.VIDEO) | {"score": score, "wellbeing": well}
    outcome = rules.apply(rules.VIDEO, attempt, standings, rules.History(None, times), NOW)
    for effect in outcome.effects:
        track = rules.VIDEO.track(effect.track)
        standings[effect.track] += effect.delta
        assert track.low <= standings[effect.track] <= track.high


@given(attempts, scores)
def test_an_action_within_its_cooldown_is_refused_with_the_seconds_left(attempt, score):
    standings = base(rules.VIDEO) | {"score": score}
    cooldown = rules.cooldown_for(attempt.action, rules.VIDEO.act_factor(standings, attempt.action))
    history = rules.History(last_done=NOW - timedelta(seconds=cooldown - 1))
    outcome = rules.apply(rules.VIDEO, attempt, base(rules.VIDEO) | {"score": score}, history, NOW)
    assert (outcome.refusal, outcome.retry_after, outcome.effects) == ("cooldown", 1, ())
    later = rules.History(last_done=NOW - timedelta(seconds=cooldown))
    assert rules.apply(
        rules.VIDEO, attempt, base(rules.VIDEO) | {"score": score}, later, NOW
    ).effects


def test_the_travel_ban_makes_visiting_family_slow_and_costly_not_impossible():
    attempt = rules.Attempt("visit")
    banned = base(rules.VIDEO) | {"score": 549}
    low = rules.apply(rules.VIDEO, attempt, banned, rules.History(), NOW)
    ok = rules.apply(rules.VIDEO, attempt, base(rules.VIDEO), rules.History(), NOW)
    assert low.refusal is None and ok.refusal is None
    assert 0 < low.effects[0].delta < ok.effects[0].delta
    assert "slow way" in low.effects[0].reason
    assert rules.VIDEO.act_factor(banned, "visit") == 3 * 3  # slow internet, slow trains
    assert rules.VIDEO.act_factor(banned, "share") == 3
    just_visited = rules.History(last_done=NOW - timedelta(seconds=31))
    again = rules.apply(rules.VIDEO, attempt, banned, just_visited, NOW)
    assert again.refusal == "cooldown" and "slow way home" in again.message


def test_sharing_raises_the_score_and_buying_and_complaining_lower_it():
    standings = base(rules.VIDEO)

    def score_delta(attempt):
        outcome = rules.apply(rules.VIDEO, attempt, standings, rules.History(), NOW)
        return {e.track: e.delta for e in outcome.effects}

    assert score_delta(rules.Attempt("share", "x", points=12)) == {
        "score": 12,
        "wellbeing": -2,
        "file": 1,
    }
    assert score_delta(rules.Attempt("buy", "x", origin="Japan"))["score"] < 0
    assert score_delta(rules.Attempt("buy", "x", origin="Japan"))["wellbeing"] > 0
    assert score_delta(rules.Attempt("complain", "x", channel="protest"))["score"] < 0


def test_the_reason_says_when_a_repeat_earns_less():
    outcome = rules.apply(
        rules.VIDEO,
        rules.Attempt("share", "Headline", points=12),
        base(rules.VIDEO),
        rules.History(None, 2),
        NOW,
    )
    assert outcome.effects[0].delta == 3
    assert "3rd time" in outcome.effects[0].reason


def test_an_unknown_world_fails_loudly():
    with pytest.raises(KeyError, match="unknown world"):
        rules.world_for("utopia")


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
    ],
)
def test_ordinal(n, text):
    assert rules.ordinal(n) == text
