"""What the instructor's monitor and the projector show: a round's citizens, in few queries."""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.game import ledger, rules
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
    rows: list[Row]
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


def roster(round_: Round, last_acts: bool = True) -> list[Row]:
    """Return every citizen of a round with standings (and last act), highest score first."""
    world = rules.world_for(round_.world)
    score, well, listed = aliased(Standing), aliased(Standing), aliased(Standing)
    blacklist = rules.BLACKLIST.key if world.has(rules.BLACKLIST.key) else "none"
    columns = [
        Citizen.id,
        Citizen.display_name,
        score.value,
        well.value,
        listed.value,
        Citizen.kicked_at,
    ]
    query = (
        select(*columns)
        .join(score, and_(score.citizen_id == Citizen.id, score.track == world.primary))
        .join(well, and_(well.citizen_id == Citizen.id, well.track == rules.WELLBEING.key))
        .outerjoin(listed, and_(listed.citizen_id == Citizen.id, listed.track == blacklist))
        .where(Citizen.round_id == round_.id)
        .order_by(score.value.desc(), Citizen.display_name)
    )
    if last_acts:  # the monitor's column; it reads the whole round's ledger
        last_event = aliased(Event)
        last = (
            select(Event.citizen_id, func.max(Event.id).label("last_id"))
            .where(Event.round_id == round_.id, Event.track.notin_(queries.HIDDEN))
            .group_by(Event.citizen_id)
            .subquery()
        )
        query = (
            query.add_columns(last_event.reason, last_event.created_at)
            .outerjoin(last, last.c.citizen_id == Citizen.id)
            .outerjoin(last_event, last_event.id == last.c.last_id)
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
        for row in db.session.execute(query)
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


def snapshot(round_: Round, last_acts: bool = False) -> Snapshot:
    """Summarise a round for the projector: histogram, tiers, ticker, blacklist, meters."""
    everyone = roster(round_, last_acts)
    rows = [row for row in everyone if not row.kicked]
    world = rules.world_for(round_.world)
    primary = world.track(world.primary)
    lows = list(range(primary.low, primary.high, BIN))
    counts = [0] * len(lows)
    for row in rows:
        counts[max(0, min((row.score - primary.low) // BIN, len(lows) - 1))] += 1
    last = len(lows) - 1
    bars = [
        Bar(low, low + BIN - 1 if i < last else primary.high, counts[i])
        for i, low in enumerate(lows)
    ]
    tiers = [(tier, sum(1 for row in rows if row.tier == tier)) for tier in world.tiers]
    listed = sorted(
        row.name
        for row in rows
        if row.blacklisted or (row.tier and "public-blacklist" in row.tier.consequences)
    )
    return Snapshot(
        rows,
        bars,
        tiers,
        ticker(round_.id),
        listed,
        ledger.values(db.session, round_.id),
        headlines(round_.id),
        sorted((row for row in everyone if row.kicked), key=lambda row: row.name),
    )


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
