"""Audits an operator can run: every standing must equal its baseline plus its events."""

from sqlalchemy import and_, func, select

from app.extensions import db
from app.models import Event, MeterEvent, RoundMeter, Standing


def _mismatches(cached, ledger, keys: tuple[str, str]) -> list[tuple]:
    """Return the cached rows whose value is not their baseline plus the sum of their ledger."""
    sums = (
        select(*(getattr(ledger, k) for k in keys), func.sum(ledger.delta).label("total"))
        .group_by(*(getattr(ledger, k) for k in keys))
        .subquery()
    )
    joined = and_(*(getattr(sums.c, k) == getattr(cached, k) for k in keys))
    rows = db.session.execute(
        select(
            *(getattr(cached, k) for k in keys),
            cached.value,
            cached.baseline + func.coalesce(sums.c.total, 0),
        ).outerjoin(sums, joined)
    ).all()
    return [tuple(row) for row in rows if row[2] != row[3]]


def ledger_mismatches() -> list[tuple]:
    """Return every standing whose value is not its baseline plus the sum of its events."""
    return _mismatches(Standing, Event, ("citizen_id", "track"))


def meter_mismatches() -> list[tuple]:
    """Return every class meter whose value is not its baseline plus the sum of its events."""
    return _mismatches(RoundMeter, MeterEvent, ("round_id", "meter"))
