"""Pure game rules: tracks, tiers, deltas, cooldowns and worlds. No Flask, no database."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil


@dataclass(frozen=True)
class Track:
    key: str
    label: str
    baseline: int
    low: int
    high: int

    def clamp_delta(self, value: int, delta: int) -> int:
        """Return the part of delta that keeps value within the track's range."""
        return min(max(value + delta, self.low), self.high) - value


SCORE = Track("score", "Citizen Score", 600, 350, 950)
WELLBEING = Track("wellbeing", "Wellbeing", 50, 0, 100)


@dataclass(frozen=True)
class Tier:
    key: str
    name: str
    low: int
    high: int
    cooldown_factor: int
    locks: frozenset[str]
    consequences: tuple[str, ...]


TIERS: tuple[Tier, ...] = (
    Tier(
        "untrustworthy",
        "Untrustworthy",
        350,
        549,
        3,
        frozenset({"visit"}),
        ("slowed-internet-3", "travel-ban", "civil-service-closed", "public-blacklist"),
    ),
    Tier("watched", "Watched", 550, 599, 2, frozenset(), ("slowed-internet-2", "loan-deposit")),
    Tier("ordinary", "Ordinary", 600, 649, 1, frozenset(), ()),
    Tier("trusted", "Trusted", 650, 699, 1, frozenset(), ("deposit-free-rentals", "dating-badge")),
    Tier(
        "model", "Model citizen", 700, 950, 1, frozenset(), ("visa-fast-track", "priority-services")
    ),
)


def tier_for(score: int) -> Tier:
    """Return the tier a citizen score falls in."""
    for tier in TIERS:
        if tier.low <= score <= tier.high:
            return tier
    raise ValueError(f"score {score} is outside {SCORE.low}–{SCORE.high}")


def neighbours(tier: Tier) -> tuple[Tier | None, Tier | None]:
    """Return the tiers just below and just above."""
    index = TIERS.index(tier)
    below = TIERS[index - 1] if index > 0 else None
    above = TIERS[index + 1] if index + 1 < len(TIERS) else None
    return below, above


@dataclass(frozen=True)
class ActionKind:
    key: str
    label: str
    cooldown: int  # seconds, at normal internet speed


ACTIONS: dict[str, ActionKind] = {
    "share": ActionKind("share", "Share a Party article", 10),
    "buy": ActionKind("buy", "Buy foreign media", 15),
    "complain": ActionKind("complain", "Complain", 20),
    "visit": ActionKind("visit", "Visit family", 30),
}

ORIGIN_PENALTY = {"Japan": -30, "USA": -15, "Korea": -15}
DEFAULT_ORIGIN_PENALTY = -10
CHANNEL_PENALTY = {"online": -10, "petition": -15, "protest": -25}
WELLBEING_EFFECT = {"share": -2, "buy": 6, "complain": 5, "visit": 8}


def cooldown_for(action: str, tier: Tier) -> int:
    """Return the seconds between two actions of a kind: the slower, the lower the tier."""
    return ACTIONS[action].cooldown * tier.cooldown_factor


def share_points(points: int, times_shared: int) -> int:
    """Halve an article's points for every earlier share of it by the same citizen."""
    return points >> min(times_shared, 31)


def media_penalty(origin: str) -> int:
    """Return what buying media from an origin costs; Japanese media cost most."""
    return ORIGIN_PENALTY.get(origin, DEFAULT_ORIGIN_PENALTY)


@dataclass(frozen=True)
class Attempt:
    """What a citizen tries to do, with the facts of the item the rules need."""

    action: str
    title: str = ""
    points: int = 0
    origin: str = ""
    channel: str = ""


@dataclass(frozen=True)
class History:
    """What the ledger says about this citizen and this action."""

    last_done: datetime | None = None
    item_count: int = 0


@dataclass(frozen=True)
class Effect:
    track: str
    delta: int
    reason: str


@dataclass(frozen=True)
class Outcome:
    effects: tuple[Effect, ...] = ()
    refusal: str | None = None  # "locked" or "cooldown"
    message: str = ""
    retry_after: int = 0


@dataclass(frozen=True)
class World:
    key: str
    name: str
    tracks: tuple[Track, ...]

    def track(self, key: str) -> Track:
        """Return one of this world's tracks."""
        return next(track for track in self.tracks if track.key == key)


VIDEO = World("video", "The viral video (2015)", (SCORE, WELLBEING))
WORLDS: dict[str, World] = {"video": VIDEO}


def world_for(key: str) -> World:
    """Return a world by key; an unknown key is an error, not a default."""
    try:
        return WORLDS[key]
    except KeyError:
        raise KeyError(f"unknown world {key!r}; known: {', '.join(WORLDS)}") from None


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def seconds_left(last_done: datetime | None, cooldown: int, now: datetime) -> int:
    """Return the whole seconds until an action may be done again (0 when ready)."""
    if last_done is None:
        return 0
    remaining = (last_done + timedelta(seconds=cooldown) - now).total_seconds()
    return max(0, ceil(remaining))


def raw_effects(attempt: Attempt, history: History) -> list[Effect]:
    """Return the unclamped effects of an attempt in the viral-video world."""
    wellbeing = WELLBEING_EFFECT[attempt.action]
    if attempt.action == "share":
        points = share_points(attempt.points, history.item_count)
        reason = f"Shared “{attempt.title}”"
        if history.item_count:
            reason += f" for the {ordinal(history.item_count + 1)} time: repeats earn less"
        return [Effect("score", points, reason), Effect("wellbeing", wellbeing, reason)]
    if attempt.action == "buy":
        reason = f"Bought {attempt.title} (from {attempt.origin})"
        delta = media_penalty(attempt.origin)
        return [Effect("score", delta, reason), Effect("wellbeing", wellbeing, reason)]
    if attempt.action == "complain":
        reason = f"Complained about {attempt.title} ({attempt.channel})"
        delta = CHANNEL_PENALTY[attempt.channel]
        return [Effect("score", delta, reason), Effect("wellbeing", wellbeing, reason)]
    if attempt.action == "visit":
        return [Effect("wellbeing", wellbeing, "Visited family")]
    raise KeyError(f"unknown action {attempt.action!r}")


def apply(
    world: World,
    attempt: Attempt,
    standings: Mapping[str, int],
    history: History,
    now: datetime,
) -> Outcome:
    """Decide what an attempt does: refused (locked, cooling down) or its clamped effects."""
    tier = tier_for(standings["score"])
    action = ACTIONS[attempt.action]
    if attempt.action in tier.locks:
        return Outcome(
            refusal="locked",
            message=f"{action.label} is locked: {tier.name} citizens are banned from travel.",
        )
    wait = seconds_left(history.last_done, cooldown_for(attempt.action, tier), now)
    if wait:
        return Outcome(
            refusal="cooldown",
            retry_after=wait,
            message=f"Your internet is slow. Try again in {wait} s.",
        )
    effects = tuple(
        Effect(e.track, world.track(e.track).clamp_delta(standings[e.track], e.delta), e.reason)
        for e in raw_effects(attempt, history)
    )
    return Outcome(effects=effects)
