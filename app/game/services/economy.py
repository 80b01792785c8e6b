"""The economy lever and the history of the class meters over a round."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.game import ledger
from app.game.ledger import Refused, write_transaction
from app.game.rules import meters
from app.game.services.rounds import state_sentence
from app.models import MeterEvent, Round, utcnow


def set_growth(round_id: int, level: str) -> Round:
    """Move the economy to a boom, steady growth or a slowdown, during a running round."""
    if level not in meters.GROWTH_LEVELS:
        raise Refused("Choose a boom, steady growth or a slowdown.", 400)
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        if round_.status not in ("running", "paused"):
            raise Refused(f"{state_sentence(round_)}; move the economy while it runs.")
        if meters.growth_change(ledger.values(session, round_.id), level) is None:
            raise Refused("Nothing to change: the economy is already there.")
        ledger.apply_effects(session, round_, utcnow(), _change_to(level), "instructor")
        round_.revision += 1
    return round_


def _change_to(level: str):
    def make(values) -> list:
        effect = meters.growth_change(values, level)
        return [effect] if effect else []

    return make


@dataclass(frozen=True)
class Point:
    at: datetime
    value: int


def history(round_: Round) -> dict[str, list[Point]]:
    """Return each class meter's value after each of its changes, from its baseline."""
    start = round_.started_at or round_.created_at
    found = {key: [Point(start, m.track.baseline)] for key, m in meters.METERS.items()}
    rows = db.session.execute(
        select(MeterEvent.meter, MeterEvent.delta, MeterEvent.created_at)
        .where(MeterEvent.round_id == round_.id)
        .order_by(MeterEvent.id)
    )
    for meter, delta, at in rows:
        if meter in found:
            found[meter].append(Point(at, found[meter][-1].value + delta))
    return found
