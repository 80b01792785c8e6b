"""Simulated citizens: what a temperament does at one moment of a round. Pure.

The round runs in ticks of a few seconds. At each tick each simulated citizen acts or not, and
chooses what to do, by a generator seeded from the round's seed, the citizen and the tick: the
same round seed gives the same society, whatever else runs. Its acts then go through the same
rules as a player's, and the rules may refuse them (a cooldown, a debt already paid).
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass

from app.game.rules.names import ADJECTIVES, ANIMALS

TICK = 5  # seconds of the round between two moments at which the society may act
MAX_TICKS = 12  # a catch-up writes at most this many ticks at once; the next request goes on
MAX_BACKLOG = 60  # ticks older than this when a catch-up comes are slept through: nobody looked
MAX_SIMULATED = 200  # simulated citizens in one round, at most
CONDITIONS = ("crackdown", "control", "unrest", "slowdown", "low", "high", "friends_lower")


@dataclass(frozen=True)
class Temperament:
    id: str
    name: str
    summary: str
    rhythm: int  # seconds between two acts, on average
    weights: tuple[tuple[str, float], ...]
    when: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()  # condition → multipliers


@dataclass(frozen=True)
class Moment:
    """What a simulated citizen notices at a tick."""

    crackdown: int
    meters: Mapping[str, int]
    score: int  # the world's primary score
    baseline: int
    friends_mean: float | None = None


def conditions(moment: Moment) -> frozenset[str]:
    """Return the conditions that hold at a moment."""
    found = set()
    if moment.crackdown:
        found.add("crackdown")
    if moment.meters.get("visibility", 0) >= 50:
        found.add("control")
    if moment.meters.get("unrest", 0) >= 50:
        found.add("unrest")
    if moment.meters.get("growth", 100) < 30:
        found.add("slowdown")
    if moment.score < moment.baseline:
        found.add("low")
    if moment.score >= 650:
        found.add("high")
    if moment.friends_mean is not None and moment.friends_mean < moment.score:
        found.add("friends_lower")
    return frozenset(found)


def generator(seed: int, who: str, tick: int) -> random.Random:
    """Return the generator of one citizen at one tick (a string seed hashes the same in every
    process)."""
    return random.Random(f"{seed}:{who}:{tick}")


def choose(
    temperament: Temperament, rng: random.Random, moment: Moment, known: set[str], pace: float
) -> str | None:
    """Return the act a citizen of this temperament tries at a tick, or None for none."""
    if not acts_now(temperament, rng, pace):
        return None
    return choose_act(temperament, rng, moment, known)


def acts_now(temperament: Temperament, rng: random.Random, pace: float) -> bool:
    """Say whether a citizen acts at a tick: about once per rhythm (the generator's first draw).
    Only then does the moment matter, so a caller may read it after asking."""
    return rng.random() < TICK / (temperament.rhythm * max(pace, 0.1))


def choose_act(
    temperament: Temperament, rng: random.Random, moment: Moment, known: set[str]
) -> str | None:
    """Return the act of a citizen who acts at this tick (after `acts_now` said so)."""
    weights = dict(temperament.weights)
    for condition, multipliers in temperament.when:
        if condition in conditions(moment):
            for act, factor in multipliers:
                weights[act] = weights.get(act, 0) * factor
    offered = [(act, weight) for act, weight in sorted(weights.items()) if act in known and weight]
    total = sum(weight for _, weight in offered)
    if not offered or total <= 0:
        return None
    pick = rng.random() * total
    for act, weight in offered:
        pick -= weight
        if pick < 0:
            return act
    return offered[-1][0]


def pick(rng: random.Random, options: list):
    """Return one of the options, by the citizen's generator (None when there is none)."""
    return options[rng.randrange(len(options))] if options else None


MARK = " (simulated)"  # every simulated citizen's name says so, wherever it is shown


def simulated_people(
    seed: int, taken: set[str], count: int, temperaments: list[str], start: int = 0
) -> list[tuple[None, str, str]]:
    """Return (no account, name, temperament) for new simulated citizens: names the same for
    the same seed and names taken, temperaments in turn from the start-th."""
    if not temperaments:
        raise ValueError("no temperaments to give simulated citizens")
    found: list[str] = []
    for number in range(10_000):
        rng = generator(seed, "name", number)
        name = f"{pick(rng, ADJECTIVES)} {pick(rng, ANIMALS)}{MARK}"
        if name not in taken and name not in found:
            found.append(name)
        if len(found) == count:
            break
    if len(found) < count:
        raise ValueError("there are no more names for simulated citizens in this round")
    return [
        (None, name, temperaments[(start + i) % len(temperaments)]) for i, name in enumerate(found)
    ]


def temperament_from(row: dict) -> Temperament:
    """Build a temperament from its TOML table; an unknown condition is an error."""
    when = row.get("when", {})
    unknown = set(when) - set(CONDITIONS)
    if unknown:
        raise ValueError(f"temperament {row['id']}: unknown conditions {sorted(unknown)}")
    return Temperament(
        row["id"],
        row["name"],
        row["summary"],
        int(row["rhythm"]),
        tuple(sorted((act, float(w)) for act, w in row["weights"].items())),
        tuple(
            (condition, tuple(sorted((a, float(f)) for a, f in factors.items())))
            for condition, factors in sorted(when.items())
        ),
    )
