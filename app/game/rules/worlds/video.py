"""The viral video (2015): one Citizen Score that politics, shopping and friends move, with
tiers that slow the internet and bar travel. What it claims, played as if it were true."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.game.rules.acts import Attempt, Effect, History, Situation
from app.game.rules.tracks import DEBT, FILE, SCORE, TIERS, WELLBEING, Track, tier_for
from app.game.rules.worlds import NOT_PAYING, PAYING, World

ORIGIN_PENALTY = {"Japan": -30, "USA": -15, "South Korea": -15}
DEFAULT_ORIGIN_PENALTY = -10
CHANNEL_PENALTY = {"online": -10, "petition": -15, "protest": -25}
SCORE_DELTAS = {"report": 10, "bill-on-time": 3, "bill-late": -5, "debt-pay": 5, "debt-skip": -10}
FRIENDS_PULL = 0.1
FRIENDS_PULL_MAX = 15


def share_points(points: int, times_shared: int) -> int:
    """Halve an article's points for every earlier share of it by the same citizen."""
    return points >> min(times_shared, 31)


def media_penalty(origin: str) -> int:
    """Return what buying media from an origin costs; Japanese media cost most."""
    return ORIGIN_PENALTY.get(origin, DEFAULT_ORIGIN_PENALTY)


def friends_pull(score: int, friends_mean: float | None) -> int:
    """Return how far friends' scores pull a score toward their mean, never past it."""
    if friends_mean is None:
        return 0
    gap = friends_mean - score
    return max(-FRIENDS_PULL_MAX, min(FRIENDS_PULL_MAX, int(gap * FRIENDS_PULL)))


@dataclass(frozen=True)
class Video(World):
    def effects(
        self, attempt: Attempt, history: History, standings: Mapping[str, int], reason: str,
        situation: Situation,
    ) -> list[Effect]:  # fmt: skip
        action, harsher = attempt.action, 1 + situation.crackdown
        if action == "share":
            return [Effect("score", share_points(attempt.points, history.item_count), reason)]
        if action == "buy":
            return [Effect("score", media_penalty(attempt.origin) * harsher, reason)]
        if action == "complain":
            return [Effect("score", CHANNEL_PENALTY[attempt.channel] * harsher, reason)]
        delta = SCORE_DELTAS.get(action, 0)
        if not delta:
            return []
        return [Effect("score", delta * harsher if delta < 0 else delta, reason)]

    def after(self, values: Mapping[str, int], situation: Situation) -> list[Effect]:
        """Friends' scores pull yours toward theirs after every act."""
        pull = friends_pull(values["score"], situation.friends_mean)
        return [Effect("score", pull, "Your friends' scores pulled yours")] if pull else []

    def consequences(self, standings: Mapping[str, int]) -> tuple[str, ...]:
        return tier_for(standings["score"]).consequences

    def consequences_met(self, series: Callable[[Track], list[int]]) -> tuple[str, ...]:
        found = [key for value in series(SCORE) for key in tier_for(value).consequences]
        return tuple(dict.fromkeys(found))

    def banned(self, standings: Mapping[str, int]) -> bool:
        return "travel-ban" in tier_for(standings["score"]).consequences

    def part_key(self, name: str, standings: Mapping[str, int]) -> str:
        """The tier parts of the dashboard show the tier, its neighbours and what they bring."""
        return tier_for(standings["score"]).key

    def cooldown_factor(self, standings: Mapping[str, int]) -> int:
        """Only the viral video claims a low score slows the internet."""
        return tier_for(standings["score"]).cooldown_factor


VIDEO = Video(
    "video",
    "The viral video (2015)",
    (SCORE, WELLBEING, DEBT, FILE),
    "score",
    rewarded=PAYING | {"share", "report"},
    punished=NOT_PAYING | {"buy", "complain"},
    cards=("score", "tiers", "friends", "tencent-alibaba", "local-pilots"),
    tiers=TIERS,
    scores_public=True,
    status_label="Tier",
    friends_matter=True,
)
