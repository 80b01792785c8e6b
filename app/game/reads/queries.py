"""Read-only views of the ledger: a citizen's life, cooldowns, history and series."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from itertools import accumulate

from sqlalchemy import bindparam, func, select

from app.extensions import db
from app.game import rules
from app.game.content.catalogue import Tagged, catalogue
from app.game.prepared import Prepared
from app.game.reads.lookups import CitizenRow, RoundRow, citizen_row
from app.models import Citizen, Classroom, Event, Friendship, Round, Standing, event_key, utcnow

HIDDEN = [track.key for track in rules.TRACKS.values() if track.hidden]


@dataclass(frozen=True)
class Life:
    """What a citizen's pages show: standings and what follows from them."""

    citizen: CitizenRow
    round: RoundRow
    world: rules.World
    standings: dict[str, int]
    tier: rules.Tier | None
    slowed: dict[str, str]  # acts a ban slows down, with the reason
    platform_active: bool
    zone: str = "UTC"  # the class's time zone, for the times on its pages

    @property
    def primary(self) -> rules.Track:
        return self.world.track(self.world.primary)

    @property
    def score(self) -> int:
        return self.standings[self.world.primary]

    @property
    def wellbeing(self) -> int:
        return self.standings[rules.WELLBEING.key]

    @property
    def below(self) -> rules.Tier | None:
        return rules.neighbours(self.tier)[0] if self.tier else None

    @property
    def above(self) -> rules.Tier | None:
        return rules.neighbours(self.tier)[1] if self.tier else None

    def consequences(self, tier: rules.Tier | None = None) -> list[Tagged]:
        """Return the rewards and penalties in force (or those of another tier)."""
        found = catalogue().consequences
        keys = tier.consequences if tier else self.world.consequences(self.standings)
        return [found[key] for key in keys]


# The reads every player page makes, built once on the tables with parameters: building and
# ORM-processing a statement costs more than running it (see the README).
_EVENTS, _STANDINGS = Event.__table__, Standing.__table__
STANDINGS = select(_STANDINGS.c.track, _STANDINGS.c.value).where(
    _STANDINGS.c.citizen_id == bindparam("citizen")
)
SERIES = (
    select(_EVENTS.c.delta)
    .where(_EVENTS.c.citizen_id == bindparam("citizen"), _EVENTS.c.track == bindparam("track"))
    .order_by(_EVENTS.c.id)
)


def _rows(statement, **parameters) -> list:
    """Run one of the reads above, prepared once (see app/game/prepared.py), on the session."""
    return _prepared(statement).rows(db.session(), parameters)


_prepared = cache(Prepared)


def standings_of(citizen_id: int, session=None) -> dict[str, int]:
    """Return a citizen's standings, on the session given (a write's) or the request's."""
    connection = (session or db.session).connection()
    return dict(connection.execute(STANDINGS, {"citizen": citizen_id}).all())


# A citizen's round, its class's time zone and the citizen's standings, in one statement: a
# row per standing, each with the round (every player page reads this first).
_ROUNDS, _CLASSES = Round.__table__, Classroom.__table__
LIFE = (
    select(
        *(_ROUNDS.c[field] for field in RoundRow._fields),
        _CLASSES.c.time_zone,
        _STANDINGS.c.track,
        _STANDINGS.c.value,
    )
    .select_from(
        _ROUNDS.join(_CLASSES, _CLASSES.c.id == _ROUNDS.c.classroom_id).outerjoin(
            _STANDINGS, _STANDINGS.c.citizen_id == bindparam("citizen")
        )
    )
    .where(_ROUNDS.c.id == bindparam("round"))
)
_ROUND_COLUMNS = len(RoundRow._fields)


def life_of(citizen: CitizenRow) -> Life:
    """Load a citizen's standings and what they put in force."""
    rows = _rows(LIFE, round=citizen.round_id, citizen=citizen.id)
    round_, zone = RoundRow(*rows[0][:_ROUND_COLUMNS]), rows[0][_ROUND_COLUMNS]
    world = rules.world_for(round_.world)
    standings = {row.track: row.value for row in rows if row.track is not None}
    active = rules.platform_active(round_.started_at, utcnow())
    slowed = world.slowed(standings)
    tier = world.tier(standings)
    return Life(citizen, round_, world, standings, tier, slowed, active, zone or "UTC")


MAX_PARTS = 16  # more events than one act ever writes


# an act's events by their keys: a fixed number of parameters, so the statement is built once
ACT_EFFECTS = (
    select(_EVENTS.c.track, _EVENTS.c.delta, _EVENTS.c.reason)
    .where(
        _EVENTS.c.citizen_id == bindparam("citizen"),
        _EVENTS.c.idempotency_key.in_([bindparam(f"key_{part}") for part in range(MAX_PARTS)]),
    )
    .order_by(_EVENTS.c.id)
)


def act_effects(citizen_id: int, key: str) -> list[rules.Effect]:
    """Return what one act of a citizen wrote to the ledger, found by its one-time key."""
    keys = {f"key_{part}": event_key(citizen_id, key, part) for part in range(MAX_PARTS)}
    rows = _rows(ACT_EFFECTS, citizen=citizen_id, **keys)
    return [rules.Effect(track, delta, reason) for track, delta, reason in rows]


def share_counts(citizen_id: int) -> dict[str, int]:
    """Return how often the citizen has shared each article."""
    rows = db.session.execute(
        select(Event.item, func.count())
        .where(
            Event.citizen_id == citizen_id,
            Event.action == "share",
            Event.track == rules.WELLBEING.key,  # every share writes one, in both worlds
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


def entries(events, limit: int | None = None) -> list[Entry]:
    """Group consecutive events of one act (same citizen, time, reason, actor) into entries;
    with a limit, only the first that many are built (a page shows a few of the rows read)."""
    groups: list[list] = []
    last = None
    for event in events:
        act = (event.citizen_id, event.created_at, event.reason, event.actor)
        if act == last:
            groups[-1].append(event)
        elif limit is not None and len(groups) == limit:
            break
        else:
            groups.append([event])
            last = act
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


ENTRY_COLUMNS = (
    Event.citizen_id,
    Event.created_at,
    Event.reason,
    Event.note,
    Event.actor,
    Event.track,
    Event.delta,
)


RECENT = (
    select(*(_EVENTS.c[column.key] for column in ENTRY_COLUMNS))
    .where(
        _EVENTS.c.citizen_id == bindparam("citizen"),
        *(_EVENTS.c.track != hidden for hidden in HIDDEN),
    )
    .order_by(_EVENTS.c.id.desc())
    .limit(bindparam("rows"))
)


def recent_entries(citizen_id: int, limit: int) -> list[Entry]:
    """Return the citizen's newest acts, newest first (read as rows: no objects to track)."""
    return entries(_rows(RECENT, citizen=citizen_id, rows=limit * 3), limit)


def history_page(citizen_id: int, page: int, size: int) -> tuple[list[Event], int]:
    """Return one page of the ledger, newest first, and the number of pages."""
    visible = (Event.citizen_id == citizen_id, Event.track.notin_(HIDDEN))
    total = db.session.scalar(select(func.count()).where(*visible))
    events = db.session.scalars(
        select(Event)
        .where(*visible)
        .order_by(Event.id.desc())
        .offset((page - 1) * size)
        .limit(size)
    )
    return list(events), max(1, -(-total // size))


def series(citizen_id: int, track: rules.Track) -> list[int]:
    """Return a track's value after each of its events, from the baseline on."""
    deltas = [delta for (delta,) in _rows(SERIES, citizen=citizen_id, track=track.key)]
    return running_sum(track.baseline, deltas)


def running_sum(start: int, deltas) -> list[int]:
    """Return start and the value after each delta."""
    return list(accumulate(deltas, initial=start))


def citizens_around(citizen: CitizenRow, primary: str) -> list[tuple[int, str, int, bool]]:
    """Return the other citizens of the round: id, name, primary score, and whether a friend."""
    friend = (
        select(Friendship.id)
        .where(Friendship.citizen_id == citizen.id, Friendship.friend_id == Citizen.id)
        .exists()
    )
    rows = db.session.execute(
        select(Citizen.id, Citizen.display_name, Standing.value, friend)
        .join(Standing, (Standing.citizen_id == Citizen.id) & (Standing.track == primary))
        .where(
            Citizen.round_id == citizen.round_id,
            Citizen.id != citizen.id,
            Citizen.kicked_at.is_(None),
        )
        .order_by(Citizen.display_name)
    ).all()
    return [tuple(row) for row in rows]


def past_rounds(citizen: CitizenRow) -> list[tuple[Round, CitizenRow]]:
    """Return the player's earlier rounds of the same class, newest first, with their citizen
    in each: the rounds whose debriefs stay theirs to read."""
    current = db.session.get(Round, citizen.round_id)
    return [
        (round_, citizen_row(past))
        for round_, past in db.session.execute(
            select(Round, Citizen)
            .join(Citizen, Citizen.round_id == Round.id)
            .where(
                Citizen.user_id == citizen.user_id,
                Round.classroom_id == current.classroom_id,
                Round.number < current.number,
                Round.purged_at.is_(None),
            )
            .order_by(Round.number.desc())
        ).tuples()
    ]
