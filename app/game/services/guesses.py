"""The debrief's guess: what a player thinks their hidden file says, made once."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.game.ledger import Refused, write_transaction
from app.models import Guess, utcnow

GUESSES = {
    "nothing": "Nothing much: I kept my head down",
    "loyal": "Mostly loyalty",
    "flagged": "Mostly warnings about me",
    "both": "Both loyalty and warnings",
}


def save_guess(citizen_id: int, choice: str, text: str | None) -> None:
    if choice not in GUESSES:
        raise Refused("Choose one of the answers.", 400)
    try:
        with write_transaction() as session:
            if session.scalar(select(Guess.id).where(Guess.citizen_id == citizen_id)):
                raise Refused("You already made your guess.", 409)
            session.add(Guess(citizen_id=citizen_id, choice=choice, text=text, created_at=utcnow()))
    except IntegrityError:
        raise Refused("You already made your guess.", 409) from None


def guess_of(citizen_id: int) -> Guess | None:
    return db.session.scalar(select(Guess).where(Guess.citizen_id == citizen_id))
