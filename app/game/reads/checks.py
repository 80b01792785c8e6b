"""The true-or-myth check: which form a player answers when, their answers, and their scores.

A student answers one form before play, once per class (solo players once, in solo play), and
the other form when each round's debrief opens, before any myth-or-record card. Which form
comes first alternates with the parity of the account's id, so half a class starts with A.
"""

import hashlib

from sqlalchemy import and_, bindparam, select

from app.extensions import db
from app.game.content.catalogue import Statement, catalogue
from app.game.rules import detection
from app.models import CheckAnswer, CheckSkip, Citizen, Round

PHASES = ("before", "after")
FORMS = ("A", "B")


def form_for(user_id: int, phase: str) -> str:
    """Return the form a player answers in a phase: odd accounts start with A, even with B."""
    first = FORMS[(user_id + 1) % 2]
    return first if phase == "before" else FORMS[1 - FORMS.index(first)]


def statements_for(user_id: int, phase: str) -> list[Statement]:
    """Return a player's form in a fixed order that mixes true statements and myths (the file
    lists the true ones first, which would give the answers away)."""
    form = form_for(user_id, phase)
    mine = [s for s in catalogue().statements.values() if s.form == form]
    return sorted(mine, key=lambda s: hashlib.sha256(s.id.encode()).hexdigest())


def _citizen(citizen_id: int) -> tuple[int, int]:
    """Return a citizen's account and classroom."""
    return db.session.execute(
        select(Citizen.user_id, Round.classroom_id)
        .join(Round, Round.id == Citizen.round_id)
        .where(Citizen.id == citizen_id)
    ).one()


def _before_rows(classroom_id: int, user_id: int | None = None):
    """Select the before-play answers given in a classroom: (user, citizen, statement, answer,
    confidence), for one account or all."""
    query = (
        select(
            Citizen.user_id,
            Citizen.id,
            CheckAnswer.statement,
            CheckAnswer.answer,
            CheckAnswer.confidence,
        )
        .join(Citizen, Citizen.id == CheckAnswer.citizen_id)
        .join(Round, Round.id == Citizen.round_id)
        .where(Round.classroom_id == classroom_id, CheckAnswer.phase == "before")
        .order_by(Citizen.id)
    )
    return query.where(Citizen.user_id == user_id) if user_id is not None else query


# Every player page asks whether the check before play is done: one statement, built once.
_ANSWERS, _CITIZENS, _ROUNDS = CheckAnswer.__table__, Citizen.__table__, Round.__table__
_ME, _MY_ROUND = _CITIZENS.alias("me"), _ROUNDS.alias("my_round")
ANSWERED_BEFORE = (
    select(_ANSWERS.c.id)
    .join(_CITIZENS, _CITIZENS.c.id == _ANSWERS.c.citizen_id)
    .join(_ROUNDS, _ROUNDS.c.id == _CITIZENS.c.round_id)
    .join(_ME, _ME.c.user_id == _CITIZENS.c.user_id)
    .join(
        _MY_ROUND,
        and_(_MY_ROUND.c.id == _ME.c.round_id, _MY_ROUND.c.classroom_id == _ROUNDS.c.classroom_id),
    )
    .where(_ME.c.id == bindparam("citizen"), _ANSWERS.c.phase == "before")
    .limit(1)
)
ANSWERED = (
    select(_ANSWERS.c.id)
    .where(_ANSWERS.c.citizen_id == bindparam("citizen"), _ANSWERS.c.phase == bindparam("phase"))
    .limit(1)
)


def has_answered(citizen_id: int, phase: str) -> bool:
    """Say whether the check of a phase is done: before play, in any round of the class."""
    if phase == "before":
        found = db.session.connection().execute(ANSWERED_BEFORE, {"citizen": citizen_id})
    else:
        found = db.session.connection().execute(ANSWERED, {"citizen": citizen_id, "phase": phase})
    return found.first() is not None


def skipped(citizen_id: int) -> bool:
    return (
        db.session.scalar(select(CheckSkip.id).where(CheckSkip.citizen_id == citizen_id))
        is not None
    )


def after_settled(citizen_id: int) -> bool:
    """Say whether the check after play is answered or skipped: the cards may show."""
    return has_answered(citizen_id, "after") or skipped(citizen_id)


def as_answer(statement_id: str, said_true: bool, confidence: int) -> detection.Answer | None:
    """Return an answer for scoring, or None for a statement no longer in the check."""
    statement = catalogue().statements.get(statement_id)
    return detection.Answer(statement.true, said_true, confidence) if statement else None


def _answers(rows) -> list[detection.Answer]:
    found = (as_answer(*row) for row in rows)
    return [a for a in found if a is not None]


def player_answers(citizen_id: int) -> dict[str, list[detection.Answer]]:
    """Return a player's answers before play (in the class) and after this round's play."""
    user_id, classroom_id = _citizen(citizen_id)
    before = db.session.execute(_before_rows(classroom_id, user_id)).all()
    first = [r[2:] for r in before if r[1] == before[0][1]] if before else []
    after = db.session.execute(
        select(CheckAnswer.statement, CheckAnswer.answer, CheckAnswer.confidence).where(
            CheckAnswer.citizen_id == citizen_id, CheckAnswer.phase == "after"
        )
    ).all()
    return {"before": _answers(first), "after": _answers(after)}


def player_sheets(citizen_id: int) -> dict[str, detection.Sheet | None]:
    """Return a player's counts before and after, None for a check not taken."""
    return {
        phase: detection.sheet(answers) if answers else None
        for phase, answers in player_answers(citizen_id).items()
    }


def class_before(classroom_id: int) -> dict[int, list[detection.Answer]]:
    """Return every student's answers before play in a class, by account (their first sheet)."""
    first: dict[int, int] = {}
    found: dict[int, list] = {}
    for user_id, citizen_id, *answer in db.session.execute(_before_rows(classroom_id)):
        if first.setdefault(user_id, citizen_id) == citizen_id:
            found.setdefault(user_id, []).append(answer)
    return {user_id: _answers(rows) for user_id, rows in found.items()}
