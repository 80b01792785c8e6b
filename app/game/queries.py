"""Read-only views of the ledger: a citizen's life, cooldowns, history and series."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.game import rules
from app.game.catalogue import Tagged, catalogue
from app.models import Citizen, Event, Round, Standing


@dataclass(frozen=True)
class Life:
    """What a citizen's pages show: standings, tier and what follows from it."""

    citizen: Citizen
    round: Round
    world: rules.World
    standings: dict[str, int]
    tier: rules.Tier
    below: rules.Tier | None
    above: rules.Tier | None

    @property
    def score(self) -> int:
        return self.standings[rules.SCORE.key]

    @property
    def wellbeing(self) -> int:
        return self.standings[rules.WELLBEING.key]

    def consequences(self, tier: rules.Tier | None = None) -> list[Tagged]:
        """Return the rewards and penalties of a tier (this citizen's by default)."""
        found = catalogue().consequences
        return [found[key] for key in (tier or self.tier).consequences]


def life_of(citizen: Citizen) -> Life:
    """Load a citizen's standings and the tier they put them in."""
    round_ = db.session.get(Round, citizen.round_id)
    rows = db.session.execute(
        select(Standing.track, Standing.value).where(Standing.citizen_id == citizen.id)
    ).all()
    standings = {track: value for track, value in rows}
    tier = rules.tier_for(standings[rules.SCORE.key])
    below, above = rules.neighbours(tier)
    return Life(citizen, round_, rules.world_for(round_.world), standings, tier, below, above)


def cooldowns(citizen_id: int, tier: rules.Tier, now: datetime) -> dict[str, int]:
    """Return the seconds left before each action may be done again."""
    rows = db.session.execute(
        select(Event.action, func.max(Event.created_at))
        .where(Event.citizen_id == citizen_id)
        .group_by(Event.action)
    ).all()
    last = dict(rows)
    return {
        action: rules.seconds_left(last.get(action), rules.cooldown_for(action, tier), now)
        for action in rules.ACTIONS
    }


def share_counts(citizen_id: int) -> dict[str, int]:
    """Return how often the citizen has shared each article."""
    rows = db.session.execute(
        select(Event.item, func.count())
        .where(
            Event.citizen_id == citizen_id,
            Event.action == "share",
            Event.track == rules.SCORE.key,
        )
        .group_by(Event.item)
    ).all()
    return dict(rows)


@dataclass(frozen=True)
class Entry:
    """One act as the ledger recorded it: its events on every track, read together."""

    citizen_id: int
    created_at: datetime
    reason: str
    note: str | None
    actor: str
    changes: tuple[tuple[str, int], ...]


def entries(events: list[Event]) -> list[Entry]:
    """Group consecutive events of one act (same citizen, time, reason, actor) into entries."""
    groups: list[list[Event]] = []
    for event in events:
        head = groups[-1][0] if groups else None
        same = head and (head.created_at, head.reason, head.actor) == (
            event.created_at,
            event.reason,
            event.actor,
        )
        if same:
            groups[-1].append(event)
        else:
            groups.append([event])
    return [
        Entry(
            group[0].citizen_id,
            group[0].created_at,
            group[0].reason,
            group[0].note,
            group[0].actor,
            tuple(sorted((e.track, e.delta) for e in group)),
        )
        for group in groups
    ]


def recent_entries(citizen_id: int, limit: int) -> list[Entry]:
    """Return the citizen's newest acts, newest first."""
    events = db.session.scalars(
        select(Event)
        .where(Event.citizen_id == citizen_id)
        .order_by(Event.id.desc())
        .limit(limit * 3)
    )
    return entries(list(events))[:limit]


def history_page(citizen_id: int, page: int, size: int) -> tuple[list[Event], int]:
    """Return one page of the ledger, newest first, and the number of pages."""
    total = db.session.scalar(select(func.count()).where(Event.citizen_id == citizen_id))
    events = db.session.scalars(
        select(Event)
        .where(Event.citizen_id == citizen_id)
        .order_by(Event.id.desc())
        .offset((page - 1) * size)
        .limit(size)
    )
    return list(events), max(1, -(-total // size))


def series(citizen_id: int, track: rules.Track) -> list[int]:
    """Return a track's value after each of its events, from the baseline on."""
    deltas = db.session.scalars(
        select(Event.delta)
        .where(Event.citizen_id == citizen_id, Event.track == track.key)
        .order_by(Event.id)
    )
    values = [track.baseline]
    for delta in deltas:
        values.append(values[-1] + delta)
    return values
