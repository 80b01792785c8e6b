"""Audits an operator can run: every standing must equal its baseline plus its events."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Event, MeterEvent, RoundMeter, Standing


def ledger_mismatches() -> list[tuple[int, str, int, int]]:
    """Return every standing whose value is not its baseline plus the sum of its events."""
    sums = (
        select(Event.citizen_id, Event.track, func.sum(Event.delta).label("total"))
        .group_by(Event.citizen_id, Event.track)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Standing.citizen_id,
            Standing.track,
            Standing.value,
            Standing.baseline + func.coalesce(sums.c.total, 0),
        ).outerjoin(
            sums, (sums.c.citizen_id == Standing.citizen_id) & (sums.c.track == Standing.track)
        )
    ).all()
    return [tuple(row) for row in rows if row[2] != row[3]]


def meter_mismatches() -> list[tuple[int, str, int, int]]:
    """Return every class meter whose value is not its baseline plus the sum of its events."""
    sums = (
        select(MeterEvent.round_id, MeterEvent.meter, func.sum(MeterEvent.delta).label("total"))
        .group_by(MeterEvent.round_id, MeterEvent.meter)
        .subquery()
    )
    rows = db.session.execute(
        select(
            RoundMeter.round_id,
            RoundMeter.meter,
            RoundMeter.value,
            RoundMeter.baseline + func.coalesce(sums.c.total, 0),
        ).outerjoin(
            sums, (sums.c.round_id == RoundMeter.round_id) & (sums.c.meter == RoundMeter.meter)
        )
    ).all()
    return [tuple(row) for row in rows if row[2] != row[3]]
