"""Worlds: each carries its tracks and its behaviour behind one interface. Pure.

A world says what each act does to its scores, which rewards and penalties follow from the
standings, what slows a citizen down or locks them out, what the class meters feel, and which
cards and page parts its players meet. Nothing outside the worlds asks which world it is.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from app.game.rules import meters
from app.game.rules.acts import ACTS, Attempt, Effect, History, Situation
from app.game.rules.tracks import FILE, WELLBEING, Tier, Track

TRAVEL_BAN = "no flights or fast trains: the trip home takes the slow way, and costs you more."
SLOW_TRAVEL = 3  # a travel ban makes a visit take three times as long
PAYING = frozenset({"bill-on-time", "debt-pay"})
NOT_PAYING = frozenset({"bill-late", "debt-skip"})


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
    tiers: tuple[Tier, ...] = ()  # the tiers of the primary score, where the world has them
    scores_public: bool = False  # anyone can see anyone's primary score
    status_label: str = "Status"  # the instructor's monitor: the column beside the score
    friends_matter: bool = False  # friends' scores move yours (the act reads them only then)
    meter_acts: frozenset[str] = frozenset({"complain"})  # acts that move the class meters

    # What the world does: each world overrides what differs from these defaults.

    def effects(
        self, attempt: Attempt, history: History, standings: Mapping[str, int], reason: str,
        situation: Situation,
    ) -> list[Effect]:  # fmt: skip
        """Return what an act does to this world's scores (wellbeing and the file aside)."""
        return []

    def after(self, values: Mapping[str, int], situation: Situation) -> list[Effect]:
        """Return what follows any act, once its effects are in (friends' pull, say)."""
        return []

    def consequences(self, standings: Mapping[str, int]) -> tuple[str, ...]:
        """Return the rewards and penalties in force, as consequence ids."""
        return ()

    def consequences_met(self, series: Callable[[Track], list[int]]) -> tuple[str, ...]:
        """Return those in force at some point of a round, given each track's values over it."""
        return self.consequences({t.key: max(series(t)) for t in self.tracks})

    def banned(self, standings: Mapping[str, int]) -> bool:
        """Say whether a travel ban is in force."""
        return False

    def cooldown_factor(self, standings: Mapping[str, int]) -> int:
        """Return how much the citizen's internet is slowed."""
        return 1

    def locked(self, attempt: Attempt, standings: Mapping[str, int]) -> str | None:
        """Return why an attempt is forbidden outright, or None."""
        return None

    def meter_effects(self, attempt: Attempt, meters_now: Mapping[str, int]) -> list[Effect]:
        """Return what one citizen's act does to the class meters: complaints stir unrest."""
        if attempt.action != "complain":
            return []
        return [meters.complaint_effect(attempt.channel, meters_now)]

    # What follows from the above, the same in every world.

    def tier(self, standings: Mapping[str, int]) -> Tier | None:
        return self.tier_of(standings[self.primary])

    def tier_of(self, score: int) -> Tier | None:
        """Return the tier a primary score falls in (None where the world has no tiers)."""
        return next((t for t in self.tiers if t.low <= score <= t.high), None)

    def slowed(self, standings: Mapping[str, int]) -> dict[str, str]:
        """Return the acts a travel ban slows down, with the reason: it forbids no visit."""
        if not self.banned(standings):
            return {}
        return {key: TRAVEL_BAN for key, act in ACTS.items() if act.slow_wellbeing is not None}

    def act_factor(self, standings: Mapping[str, int], action: str) -> int:
        """Return how much longer than usual an act takes: slow internet, and the slow way."""
        factor = self.cooldown_factor(standings)
        return factor * SLOW_TRAVEL if action in self.slowed(standings) else factor

    def touches_meters(self, action: str) -> bool:
        return action in self.meter_acts

    def cards_for(self, actions: Iterable[str]) -> tuple[str, ...]:
        """Return the cards a player meets: the world's own, then those of their acts."""
        found = list(self.cards)
        for action in sorted(actions):
            if action in ACTS:
                found.append(ACTS[action].mechanic)
            found += [card for act, card in self.act_cards if act == action]
        return tuple(dict.fromkeys(found))

    def conformity(self, actions: list[str]) -> float | None:
        """Return the share of acts that did what this world's scores reward, among those
        judged."""
        judged = [a in self.rewarded for a in actions if a in self.rewarded | self.punished]
        return sum(judged) / len(judged) if judged else None

    @cached_property
    def by_key(self) -> dict[str, Track]:
        """This world's tracks by key (a page showing many changes looks each up here)."""
        return {track.key: track for track in self.tracks}

    def track(self, key: str) -> Track:
        """Return one of this world's tracks."""
        return self.by_key[key]

    def has(self, key: str) -> bool:
        return key in self.by_key

    def part_key(self, name: str, standings: Mapping[str, int]) -> Hashable | None:
        """Return what a page part depends on besides the content, when that is all it
        depends on (it is then rendered once per value); None when it depends on more."""
        return None

    def part(self, name: str) -> list[str]:
        """Return the templates of a page part: this world's own, else the shared one."""
        return [f"worlds/{self.key}/{name}.html", f"worlds/{name}.html"]


WORLDS: dict[str, World] = {}
TRACKS: dict[str, Track] = {}  # every world's tracks by key


def register(world: World) -> None:
    """Add a world to the game; a track key means the same track in every world, and every
    world has wellbeing and the hidden file, which acts move in every world."""
    if world.key in WORLDS:
        raise ValueError(f"world {world.key!r} is registered twice")
    if not (world.has(WELLBEING.key) and world.has(FILE.key) and world.has(world.primary)):
        raise ValueError(f"world {world.key!r}: needs its primary track, wellbeing and the file")
    for track in world.tracks:
        if TRACKS.get(track.key, track) != track:
            raise ValueError(f"world {world.key!r}: track {track.key!r} differs from another's")
    WORLDS[world.key] = world
    TRACKS.update((track.key, track) for track in world.tracks)


def withdraw(key: str) -> None:
    """Remove a world (a test's own, once it is done); tracks no other world has go too."""
    world = WORLDS.pop(key)
    kept = {track.key for other in WORLDS.values() for track in other.tracks}
    for track in world.tracks:
        if track.key not in kept:
            del TRACKS[track.key]


def world_for(key: str) -> World:
    """Return a world by key; an unknown key is an error, not a default."""
    try:
        return WORLDS[key]
    except KeyError:
        raise KeyError(f"unknown world {key!r}; known: {', '.join(WORLDS)}") from None
