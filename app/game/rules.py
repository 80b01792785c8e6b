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
    hidden: bool = False  # never shown to the player before the debrief

    def clamp_delta(self, value: int, delta: int) -> int:
        """Return the part of delta that keeps value within the track's range."""
        return min(max(value + delta, self.low), self.high) - value


SCORE = Track("score", "Citizen Score", 600, 350, 950)
WELLBEING = Track("wellbeing", "Wellbeing", 50, 0, 100)
PRIVATE = Track("private", "Private credit score", 600, 350, 950)
PLATFORM = Track("platform", "Platform credit score", 600, 300, 850)
BLACKLIST = Track("blacklist", "Court blacklist", 0, 0, 1)
DEBT = Track("debt", "Court-ordered debts", 1, 0, 5)
FILE = Track("file", "Personnel file", 0, -100, 100, hidden=True)
PLATFORM_LIFETIME = timedelta(minutes=5)
LUXURY_PRICE = 100
TRAVEL_BAN = "no flights or fast trains: the trip home takes the slow way, and costs you more."
SLOW_TRAVEL = 3  # a travel ban makes a visit take three times as long


@dataclass(frozen=True)
class Tier:
    key: str
    name: str
    low: int
    high: int
    cooldown_factor: int
    consequences: tuple[str, ...]


TIERS: tuple[Tier, ...] = (
    Tier(
        "untrustworthy",
        "Untrustworthy",
        350,
        549,
        3,
        ("slowed-internet-3", "travel-ban", "civil-service-closed", "public-blacklist"),
    ),
    Tier("watched", "Watched", 550, 599, 2, ("slowed-internet-2", "loan-deposit")),
    Tier("ordinary", "Ordinary", 600, 649, 1, ()),
    Tier("trusted", "Trusted", 650, 699, 1, ("deposit-free-rentals", "dating-badge")),
    Tier("model", "Model citizen", 700, 950, 1, ("visa-fast-track", "priority-services")),
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
    group: str = ""  # actions of one group share a cooldown
    political: bool = False  # written into the hidden file
    mechanic: str = ""  # the myth-or-record card that explains it (default: the key)

    @property
    def card(self) -> str:
        return self.mechanic or self.key


ACTIONS: dict[str, ActionKind] = {
    a.key: a
    for a in (
        ActionKind("share", "Share a Party article", 10, political=True),
        ActionKind("buy", "Buy foreign media", 15),
        ActionKind("complain", "Complain", 20, political=True),
        ActionKind("visit", "Visit family", 30),
        ActionKind("befriend", "Befriend a citizen", 10, group="friends", mechanic="friends"),
        ActionKind("unfriend", "Unfriend a citizen", 10, group="friends", mechanic="friends"),
        ActionKind("bill-on-time", "Pay a bill on time", 30, "bill", mechanic="bill"),
        ActionKind("bill-late", "Pay a bill late", 30, "bill", mechanic="bill"),
        ActionKind("debt-pay", "Pay the court-ordered debt", 30, "debt", mechanic="debt"),
        ActionKind("debt-skip", "Skip the court-ordered debt", 30, "debt", mechanic="debt"),
        ActionKind("report", "Report a neighbour", 30, political=True),
        ActionKind("gaming", "Spend an evening gaming", 20),
    )
}


def cooldown_group(action: str) -> tuple[str, ...]:
    """Return the actions that share a cooldown with this one."""
    group = ACTIONS[action].group
    if not group:
        return (action,)
    return tuple(key for key, kind in ACTIONS.items() if kind.group == group)


ORIGIN_PENALTY = {"Japan": -30, "USA": -15, "South Korea": -15}
DEFAULT_ORIGIN_PENALTY = -10
CHANNEL_PENALTY = {"online": -10, "petition": -15, "protest": -25}


def cooldown_for(action: str, factor: float = 1) -> int:
    """Return the seconds between two actions of a kind: slower when the internet is slowed."""
    return ceil(ACTIONS[action].cooldown * factor)


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
    price: int = 0


@dataclass(frozen=True)
class History:
    """What the ledger says about this citizen and this action."""

    last_done: datetime | None = None
    item_count: int = 0


@dataclass(frozen=True)
class Situation:
    """What else the rules weigh: friends, the instructor's crackdown, the platform score."""

    friends_mean: float | None = None
    crackdown: int = 0
    platform_active: bool = True
    pace: float = 1.0  # scales every cooldown (the game's PACE setting)


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
    primary: str
    rewarded: frozenset[str] = frozenset()  # acts this world's scores reward
    punished: frozenset[str] = frozenset()  # acts they punish
    cards: tuple[str, ...] = ()  # myth-or-record cards every player of the world meets
    act_cards: tuple[tuple[str, str], ...] = ()  # (act, card): more cards an act brings

    def cards_for(self, actions) -> tuple[str, ...]:
        """Return the cards a player meets: the world's own, then those of their acts."""
        found = list(self.cards)
        for action in sorted(actions):
            if action in ACTIONS:
                found.append(ACTIONS[action].card)
            found += [card for act, card in self.act_cards if act == action]
        return tuple(dict.fromkeys(found))

    def track(self, key: str) -> Track:
        """Return one of this world's tracks."""
        return next(track for track in self.tracks if track.key == key)

    def has(self, key: str) -> bool:
        return any(track.key == key for track in self.tracks)


PAYING = frozenset({"bill-on-time", "debt-pay"})
NOT_PAYING = frozenset({"bill-late", "debt-skip"})
VIDEO = World(
    "video",
    "The viral video (2015)",
    (SCORE, WELLBEING, DEBT, FILE),
    "score",
    rewarded=PAYING | {"share", "report"},
    punished=NOT_PAYING | {"buy", "complain"},
    cards=("score", "tiers", "friends", "tencent-alibaba", "local-pilots"),
)
RECORD = World(
    "record",
    "On the record",
    (PRIVATE, PLATFORM, BLACKLIST, WELLBEING, DEBT, FILE),
    "private",
    rewarded=PAYING,  # what the record documents: the private score weighs paying
    punished=NOT_PAYING,
    cards=("private", "platform", "pboc-licence", "tencent-alibaba"),
    act_cards=(("debt-skip", "court-sesame"),),
)
WORLDS: dict[str, World] = {"video": VIDEO, "record": RECORD}


def world_for(key: str) -> World:
    """Return a world by key; an unknown key is an error, not a default."""
    try:
        return WORLDS[key]
    except KeyError:
        raise KeyError(f"unknown world {key!r}; known: {', '.join(WORLDS)}") from None


def platform_active(started_at: datetime | None, now: datetime) -> bool:
    """Say whether the platform score still exists: it is withdrawn soon after launch."""
    return started_at is None or now < started_at + PLATFORM_LIFETIME


def consequences_for(world: World, standings: Mapping[str, int]) -> tuple[str, ...]:
    """Return the rewards and penalties in force, as consequence ids."""
    if world.key == "video":
        return tier_for(standings["score"]).consequences
    found: tuple[str, ...] = ()
    if standings["blacklist"]:
        found += ("court-blacklist",)
    if standings["private"] >= 750:
        found += ("sesame-visa", "sesame-dating")
    elif standings["private"] >= 650:
        found += ("sesame-dating",)
    return found


def slowed_for(world: World, standings: Mapping[str, int]) -> dict[str, str]:
    """Return the acts a travel ban slows down, with the reason: a ban forbids no visit outright."""
    if world.key == "video":
        banned = "travel-ban" in tier_for(standings["score"]).consequences
    else:
        banned = bool(standings["blacklist"])
    return {"visit": TRAVEL_BAN} if banned else {}


def act_factor(world: World, standings: Mapping[str, int], action: str) -> int:
    """Return how much longer than usual an act takes: slow internet, and the slow way home."""
    factor = cooldown_factor(world, standings)
    return factor * SLOW_TRAVEL if action in slowed_for(world, standings) else factor


def cooldown_factor(world: World, standings: Mapping[str, int]) -> int:
    """Return how much the citizen's internet is slowed (only the viral video claims this)."""
    if world.key == "video":
        return tier_for(standings["score"]).cooldown_factor
    return 1


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


def promotion(loyalty: int, flags: int) -> str:
    """Decide the promotion the hidden file brings: flags weigh double."""
    standing = loyalty - 2 * flags
    if standing >= 2:
        return "promoted"
    if standing < 0:
        return "passed over"
    return "unchanged"


def conformity(world: World, actions: list[str]) -> float | None:
    """Return the share of acts that did what this world's scores reward, among those judged."""
    judged = [a in world.rewarded for a in actions if a in world.rewarded | world.punished]
    return sum(judged) / len(judged) if judged else None


TRACKS: dict[str, Track] = {t.key: t for world in WORLDS.values() for t in world.tracks}
