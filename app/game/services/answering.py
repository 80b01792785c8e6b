"""The answers to the true-or-myth check: given once per phase, or the second one skipped."""

from sqlalchemy.exc import IntegrityError

from app.game.ledger import Refused, write_transaction
from app.game.reads.checks import _citizen, has_answered, skipped, statements_for
from app.game.rules import detection
from app.models import CheckAnswer, CheckSkip


def skip_after(citizen_id: int) -> None:
    """Skip the check after play, for good: once the cards are seen it would measure them."""
    try:
        with write_transaction() as session:
            if has_answered(citizen_id, "after"):
                raise Refused("You already answered the check.", 409)
            if not skipped(citizen_id):
                session.add(CheckSkip(citizen_id=citizen_id))
    except IntegrityError:
        pass  # skipped twice at once: skipped all the same


def save_check(citizen_id: int, phase: str, answers: dict[str, tuple[bool, int]]) -> None:
    """Record one answer and its confidence per statement of the player's form, once."""
    user_id, _ = _citizen(citizen_id)
    statements = {s.id: s for s in statements_for(user_id, phase)}
    if set(answers) != set(statements):
        raise Refused("Answer every statement.", 400)
    if any(level not in detection.CONFIDENCE for _, level in answers.values()):
        raise Refused("Say how sure you are of every answer.", 400)
    try:
        with write_transaction() as session:
            if has_answered(citizen_id, phase) or (phase == "after" and skipped(citizen_id)):
                raise Refused("You already answered this check.", 409)
            session.add_all(
                CheckAnswer(
                    citizen_id=citizen_id,
                    phase=phase,
                    statement=key,
                    answer=said,
                    correct=said == statements[key].true,
                    confidence=level,
                )
                for key, (said, level) in answers.items()
            )
    except IntegrityError:
        raise Refused("You already answered this check.", 409) from None
