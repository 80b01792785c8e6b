"""Writes to the class meters: one ledger of meter events, cached per round like standings."""

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.game.rules import Effect, meters
from app.game.transactions import write_transaction
from app.models import MeterEvent, Round, RoundMeter, utcnow


def add_meters(session: Session, round_id: int) -> None:
    """Give a new round every class meter at its baseline."""
    for meter in meters.METERS.values():
        track = meter.track
        session.add(
            RoundMeter(
                round_id=round_id, meter=track.key, baseline=track.baseline, value=track.baseline
            )
        )


def values(session: Session, round_id: int) -> dict[str, int]:
    """Return a round's meters (baselines where a meter is missing)."""
    found = dict(
        session.execute(
            select(RoundMeter.meter, RoundMeter.value).where(RoundMeter.round_id == round_id)
        ).all()
    )
    return {key: found.get(key, m.track.baseline) for key, m in meters.METERS.items()}


def apply_effects(
    session: Session,
    round_: Round,
    now: datetime,
    make: Callable[[Mapping[str, int]], list[Effect]],
    actor: str = "system",
) -> None:
    """Settle economic growth, then apply the effects made from the current meter values."""
    settle_growth(session, round_, now)
    current = values(session, round_.id)
    for effect in make(current):
        _write(session, round_.id, current, effect, now, actor)


def growth_due(round_: Round, now: datetime) -> bool:
    """Say whether a whole minute of growth waits to be written."""
    return (
        round_.status == "running"
        and round_.growth_at is not None
        and now - round_.growth_at >= timedelta(minutes=1)
    )


def settle(round_id: int) -> None:
    """Write the growth a running round is owed, in a transaction of its own."""
    with write_transaction() as session:
        settle_growth(session, session.get(Round, round_id), utcnow())


def settle_growth(session: Session, round_: Round, now: datetime) -> None:
    """Write the calm that growth brought for every whole minute the round ran unsettled."""
    if round_.status != "running" or round_.growth_at is None:
        return
    minutes = int((now - round_.growth_at).total_seconds() // 60)
    if minutes < 1:
        return
    moved = session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.growth_at == round_.growth_at)
        .values(growth_at=round_.growth_at + timedelta(minutes=minutes))
    )
    session.refresh(round_, ["growth_at"])
    if moved.rowcount != 1:
        return  # another request settled it first
    current = values(session, round_.id)
    effect = meters.growth_effect(current, minutes)
    if effect is not None:
        _write(session, round_.id, current, effect, now, "system")


def _write(session, round_id: int, current: dict[str, int], effect: Effect, now, actor) -> None:
    delta = meters.clamp(effect.track, current[effect.track], effect.delta)
    if delta == 0:
        return
    before, after = current[effect.track], current[effect.track] + delta
    session.add(
        MeterEvent(
            round_id=round_id,
            meter=effect.track,
            delta=delta,
            actor=actor,
            reason=effect.reason,
            created_at=now,
            headline=meters.headline(effect.track, before, after),
        )
    )
    session.execute(
        update(RoundMeter)
        .where(RoundMeter.round_id == round_id, RoundMeter.meter == effect.track)
        .values(value=RoundMeter.value + delta)
    )
    current[effect.track] = after
