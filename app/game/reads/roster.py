"""What the instructor's monitor and the projector show: a round's citizens, in few queries."""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, case, func, or_, select

from app.extensions import db
from app.game import ledger, rules
from app.game.prepared import Prepared
from app.game.reads import queries
from app.models import Citizen, Event, MeterEvent, Round, Standing

ACTIVE_FOR = timedelta(minutes=2)
BIN = 50


@dataclass(frozen=True)
class Row:
    citizen_id: int
    name: str
    score: int
    wellbeing: int
    tier: rules.Tier | None
    blacklisted: bool
    last_reason: str | None
    last_at: datetime | None
    kicked: bool

    def active(self, now: datetime) -> bool:
        return self.last_at is not None and now - self.last_at <= ACTIVE_FOR


@dataclass(frozen=True)
class Bar:
    low: int
    high: int
    count: int


@dataclass(frozen=True)
class Snapshot:
    citizens: int  # in the round, removed ones not counted
    rows: list[Row]  # each of them, when asked for (the monitor, the lobby); else empty
    bars: list[Bar]
    tiers: list[tuple[rules.Tier, int]]
    ticker: list[tuple[str, queries.Entry]]
    blacklist: list[str]
    meters: dict[str, int]
    headlines: list[str]
    removed: list[Row] = field(default_factory=list)  # the monitor offers to readmit them

    @property
    def tallest(self) -> int:
        return max([bar.count for bar in self.bars] + [1])


def _roster_statement(last_acts: bool):
    """Every citizen of a round with three standings (and the last visible act), highest score
    first: built once, with the round and the world's tracks as parameters."""
    citizens, events = Citizen.__table__, Event.__table__
    score, well, listed = (Standing.__table__.alias(name) for name in ("score", "well", "listed"))
    query = (
        select(
            citizens.c.id,
            citizens.c.display_name,
            score.c.value,
            well.c.value,
            listed.c.value,
            citizens.c.kicked_at,
        )
        .select_from(citizens)
        .join(
            score, and_(score.c.citizen_id == citizens.c.id, score.c.track == bindparam("primary"))
        )
        .join(well, and_(well.c.citizen_id == citizens.c.id, well.c.track == rules.WELLBEING.key))
        .outerjoin(
            listed,
            and_(listed.c.citizen_id == citizens.c.id, listed.c.track == bindparam("listed")),
        )
        .where(citizens.c.round_id == bindparam("round"))
        .order_by(score.c.value.desc(), citizens.c.display_name)
    )
    if last_acts:  # the monitor's column; it reads the whole round's ledger
        last_event = events.alias("last_event")
        last = (
            select(events.c.citizen_id, func.max(events.c.id).label("last_id"))
            .where(
                events.c.round_id == bindparam("round"),
                *(events.c.track != hidden for hidden in queries.HIDDEN),
            )
            .group_by(events.c.citizen_id)
            .subquery()
        )
        query = (
            query.add_columns(last_event.c.reason, last_event.c.created_at)
            .outerjoin(last, last.c.citizen_id == citizens.c.id)
            .outerjoin(last_event, last_event.c.id == last.c.last_id)
        )
    return Prepared(query)


ROSTER = {last_acts: _roster_statement(last_acts) for last_acts in (False, True)}


def listed_track(world: rules.World) -> str:
    """The track that puts a citizen on the court's blacklist, or a name no standing has."""
    return rules.BLACKLIST.key if world.has(rules.BLACKLIST.key) else "none"


def roster(round_: Round, last_acts: bool = True) -> list[Row]:
    """Return every citizen of a round with standings (and last act), highest score first."""
    world = rules.world_for(round_.world)
    blacklist = listed_track(world)
    found = ROSTER[last_acts].rows(
        db.session(), {"round": round_.id, "primary": world.primary, "listed": blacklist}
    )
    return [
        Row(
            row[0],
            row[1],
            row[2],
            row[3],
            world.tier_of(row[2]),
            bool(row[4]),
            row[6] if last_acts else None,
            row[7] if last_acts else None,
            row[5] is not None,
        )
        for row in found
    ]


def ticker(round_id: int, limit: int = 8) -> list[tuple[str, queries.Entry]]:
    """Return the round's newest acts with the pseudonym of who did them."""
    rows = db.session.execute(
        select(Event, Citizen.display_name)
        .join(Citizen, Citizen.id == Event.citizen_id)
        .where(Event.round_id == round_id, Event.track.notin_(queries.HIDDEN))
        .order_by(Event.id.desc())
        .limit(limit * 3)
    ).all()
    names = {event.citizen_id: name for event, name in rows}
    # the projector names who acted, never whom they reported, befriended or unfriended
    unnamed = {
        (event.citizen_id, event.created_at, event.reason): rules.ACTS[event.action].projected
        for event, _ in rows
        if event.action in rules.ACTS and rules.ACTS[event.action].aimed
    }
    found = []
    for entry in queries.entries([event for event, _ in rows], limit):
        key = (entry.citizen_id, entry.created_at, entry.reason)
        reason = unnamed.get(key, entry.reason)
        found.append((names[entry.citizen_id], replace(entry, reason=reason)))
    return found


def snapshot(round_: Round, last_acts: bool = False, rows: bool = True) -> Snapshot:
    """Summarise a round for the live pages: histogram, tiers, ticker, blacklist, meters, and
    (unless rows is false) every citizen. Without rows, the counts come from the database
    already tallied by score: a projector of a large class reads a few hundred rows, not one
    for each citizen."""
    world = rules.world_for(round_.world)
    if rows:
        everyone = roster(round_, last_acts)
        present = [row for row in everyone if not row.kicked]
        scores = Counter(row.score for row in present)
        listed = sorted(
            row.name for row in present if on_blacklist(world, row.score, row.blacklisted)
        )
        removed = sorted((row for row in everyone if row.kicked), key=lambda row: row.name)
    else:
        present, removed = [], []
        scores, listed = tally(round_, world)
    return Snapshot(
        sum(scores.values()),
        present,
        bars(world, scores),
        tiers(world, scores),
        ticker(round_.id),
        listed,
        ledger.values(db.session, round_.id),
        headlines(round_.id),
        removed,
    )


def on_blacklist(world: rules.World, score: int, listed: bool) -> bool:
    """Say whether a citizen is on the public blacklist: listed, or in a tier that names them."""
    tier = world.tier_of(score)
    return listed or (tier is not None and "public-blacklist" in tier.consequences)


def bars(world: rules.World, scores: Counter) -> list[Bar]:
    """Count the citizens' primary scores in bands of BIN points (the last takes the top)."""
    primary = world.track(world.primary)
    lows = list(range(primary.low, primary.high, BIN))
    counts = [0] * len(lows)
    for score, count in scores.items():
        counts[max(0, min((score - primary.low) // BIN, len(lows) - 1))] += count
    last = len(lows) - 1
    return [
        Bar(low, low + BIN - 1 if i < last else primary.high, counts[i])
        for i, low in enumerate(lows)
    ]


def tiers(world: rules.World, scores: Counter) -> list[tuple[rules.Tier, int]]:
    """Count the citizens in each of the world's tiers (none for a world without tiers)."""
    found: Counter = Counter()
    for score, count in scores.items():
        found[world.tier_of(score)] += count
    return [(tier, found[tier]) for tier in world.tiers]


def _tally_statement() -> Prepared:
    """How many of a round's present citizens have each score; those who may be on the
    blacklist (listed, or scored within the tiers that name them) are counted by name."""
    citizens = Citizen.__table__
    score, listed = (Standing.__table__.alias(name) for name in ("score", "listed"))
    flag = func.coalesce(listed.c.value, 0)
    joined = citizens.join(
        score, and_(score.c.citizen_id == citizens.c.id, score.c.track == bindparam("primary"))
    ).outerjoin(
        listed,
        and_(listed.c.citizen_id == citizens.c.id, listed.c.track == bindparam("listed")),
    )
    candidate = or_(flag != 0, score.c.value.between(bindparam("low"), bindparam("high")))
    name = case((candidate, citizens.c.display_name), else_=None)
    return Prepared(
        select(score.c.value, flag, name, func.count())
        .select_from(joined)
        .where(citizens.c.round_id == bindparam("round"), citizens.c.kicked_at.is_(None))
        .group_by(score.c.value, flag, name)
    )


TALLY = _tally_statement()


def tally(round_: Round, world: rules.World) -> tuple[Counter, list[str]]:
    """Return how many present citizens have each primary score, and the blacklist's names,
    from one statement: the names and the counts are always of the same moment."""
    naming = [t for t in world.tiers if "public-blacklist" in t.consequences]
    params = {
        "round": round_.id,
        "primary": world.primary,
        "listed": listed_track(world),
        "low": min((t.low for t in naming), default=1),
        "high": max((t.high for t in naming), default=0),  # an empty range where no tier names
    }
    scores: Counter = Counter()
    named = []
    for score, flag, name, count in TALLY.rows(db.session(), params):
        scores[score] += count
        if name is not None and on_blacklist(world, score, bool(flag)):
            named += [name] * count
    return scores, sorted(named)


def headlines(round_id: int, limit: int = 3) -> list[str]:
    """Return the newest headlines of thresholds the class meters crossed."""
    return list(
        db.session.scalars(
            select(MeterEvent.headline)
            .where(MeterEvent.round_id == round_id, MeterEvent.headline.is_not(None))
            .order_by(MeterEvent.id.desc())
            .limit(limit)
        )
    )


def live_tag(round_: Round) -> str:
    """Return an ETag for a round's live pages: it changes with any event or round change."""
    last, meters_last = db.session.execute(
        select(
            select(func.max(Event.id)).where(Event.round_id == round_.id).scalar_subquery(),
            select(func.max(MeterEvent.id))
            .where(MeterEvent.round_id == round_.id)
            .scalar_subquery(),
        )
    ).one()
    return f"{round_.id}.{round_.revision}.{round_.status}.{last or 0}.{meters_last or 0}"
