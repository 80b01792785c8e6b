"""The instructor's awards and fines: ledger events like any other, on the instructor's word."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.game import ledger, rules
from app.game.ledger import Refused, write_transaction
from app.game.rules import meters
from app.game.services.acts import Applied, already_applied
from app.models import Citizen, Round, Standing, event_key, utcnow


def adjust(citizen_id: int, track: str, delta: int, reason: str, key: str) -> Applied:
    """Award or fine a citizen on the instructor's word: a ledger event like any other."""
    try:
        with write_transaction() as session:
            citizen = session.get(Citizen, citizen_id)
            round_ = session.get(Round, citizen.round_id)
            world = rules.world_for(round_.world)
            if citizen.kicked_at is not None:
                raise Refused(f"{citizen.display_name} was removed from the round.")
            if track not in (world.primary, rules.WELLBEING.key):
                raise Refused(
                    f"In {world.name}, award or fine only the "
                    f"{world.track(world.primary).label} or wellbeing.",
                    400,
                )
            if already_applied(citizen_id, key):
                return Applied(effects=(), replayed=True)
            value = session.scalars(
                select(Standing.value)
                .where(Standing.citizen_id == citizen_id, Standing.track == track)
                .with_for_update()
            ).one()
            now = utcnow()
            effect = rules.Effect(track, world.track(track).clamp_delta(value, delta), reason)
            ledger.write_events(
                session,
                citizen.id,
                citizen.round_id,
                [(effect, event_key(citizen_id, key))],
                action="award" if delta >= 0 else "fine",
                now=now,
                actor="instructor",
            )
            if delta < 0:
                ledger.apply_effects(
                    session, round_, now, lambda _values: [meters.shaming_effect()]
                )
        return Applied(effects=(effect,))
    except IntegrityError:
        if already_applied(citizen_id, key):
            return Applied(effects=(), replayed=True)
        raise
