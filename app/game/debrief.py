"""The debrief: the true-or-myth check, the guess, the hidden file revealed, the class's view."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.game import rules
from app.game.catalogue import Tagged, catalogue
from app.game.queries import series
from app.game.services import Refused, write_transaction
from app.models import CheckAnswer, Citizen, Event, Guess, Round, Standing, utcnow

GUESSES = {
    "nothing": "Nothing much: I kept my head down",
    "loyal": "Mostly loyalty",
    "flagged": "Mostly warnings about me",
    "both": "Both loyalty and warnings",
}


# What every player meets at the end: the claim about 2020, what came instead, Chinese
# respondents' views, and scores at home.
CLOSING_CARDS = ("mandatory-2020", "law-2020", "surveys", "classroom-points")


@dataclass(frozen=True)
class CheckScore:
    true_right: int
    true_total: int
    myth_right: int
    myth_total: int


def has_answered(citizen_id: int, phase: str) -> bool:
    return (
        db.session.scalar(
            select(CheckAnswer.id)
            .where(CheckAnswer.citizen_id == citizen_id, CheckAnswer.phase == phase)
            .limit(1)
        )
        is not None
    )


def save_check(citizen_id: int, phase: str, answers: dict[str, bool]) -> CheckScore:
    """Record one answer per statement, once per phase."""
    statements = catalogue().statements
    if set(answers) != set(statements):
        raise Refused("Answer every statement.", 400)
    try:
        with write_transaction() as session:
            if has_answered(citizen_id, phase):
                raise Refused("You already answered this check.", 409)
            for key, answer in answers.items():
                session.add(
                    CheckAnswer(
                        citizen_id=citizen_id,
                        phase=phase,
                        statement=key,
                        answer=answer,
                        correct=answer == statements[key].true,
                    )
                )
    except IntegrityError:
        raise Refused("You already answered this check.", 409) from None
    return check_score(citizen_id, phase)


def check_score(citizen_id: int, phase: str) -> CheckScore | None:
    """Score one player's check, true statements and myths apart."""
    rows = db.session.execute(
        select(CheckAnswer.statement, CheckAnswer.correct).where(
            CheckAnswer.citizen_id == citizen_id, CheckAnswer.phase == phase
        )
    ).all()
    return _score(rows) if rows else None


def _score(rows) -> CheckScore:
    statements = catalogue().statements
    true_rows = [ok for key, ok in rows if statements[key].true]
    myth_rows = [ok for key, ok in rows if not statements[key].true]
    return CheckScore(sum(true_rows), len(true_rows), sum(myth_rows), len(myth_rows))


def class_checks(round_id: int) -> dict[str, CheckScore | None]:
    """Score a whole round's checks, before and after, pooled over players."""
    rows = db.session.execute(
        select(CheckAnswer.phase, CheckAnswer.statement, CheckAnswer.correct)
        .join(Citizen, Citizen.id == CheckAnswer.citizen_id)
        .where(Citizen.round_id == round_id)
    ).all()
    return {
        phase: _score([(s, ok) for p, s, ok in rows if p == phase])
        if any(p == phase for p, _, _ in rows)
        else None
        for phase in ("before", "after")
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


def hidden_file(citizen_id: int) -> list[Event]:
    """Return every line written into a citizen's hidden file, oldest first."""
    return list(
        db.session.scalars(
            select(Event)
            .where(Event.citizen_id == citizen_id, Event.track == rules.FILE.key)
            .order_by(Event.id)
        )
    )


def outcome(file: list[Event]) -> str:
    loyalty = sum(1 for e in file if e.delta > 0)
    flags = sum(-e.delta for e in file if e.delta < 0)
    return rules.promotion(loyalty, flags)


def cards_met(citizen_id: int, world: rules.World) -> list[Tagged]:
    """Return the myth-or-record cards of every mechanic the player met."""
    actions = db.session.scalars(
        select(Event.action).where(Event.citizen_id == citizen_id).distinct()
    ).all()
    keys = world.cards_for(actions) + CLOSING_CARDS  # the file has its card beside the file
    mechanics = catalogue().mechanics
    return [mechanics[k] for k in dict.fromkeys(keys)]


def debrief_open(round_: Round) -> bool:
    return round_.debrief_open or round_.status == "ended"


def round_summary(round_: Round) -> dict:
    """Summarise one round for the class debrief: means, conformity, checks."""
    world = rules.world_for(round_.world)
    means = db.session.execute(
        select(func.count(), func.avg(_track(world.primary)), func.avg(_track("wellbeing")))
        .select_from(Citizen)
        .where(Citizen.round_id == round_.id, Citizen.kicked_at.is_(None))
    ).one()
    acts = db.session.execute(
        select(Event.citizen_id, Event.created_at, Event.action)
        .where(Event.round_id == round_.id, Event.actor == "system")
        .distinct()
    ).all()
    return {
        "round": round_,
        "world": world,
        "players": means[0],
        "mean_score": round(means[1] or 0),
        "mean_wellbeing": round(means[2] or 0),
        "conformity": rules.conformity(world, [action for _, _, action in acts]),
        "checks": class_checks(round_.id),
    }


def _track(track: str):
    return (
        select(Standing.value)
        .where(Standing.citizen_id == Citizen.id, Standing.track == track)
        .scalar_subquery()
    )


def consequences_met(citizen_id: int, world: rules.World) -> list[Tagged]:
    """Return the rewards and penalties the player lived under at some point of the round."""
    values = series(citizen_id, world.track(world.primary))
    keys: list[str] = []
    if world.key == "video":
        for value in values:
            keys += rules.tier_for(value).consequences
    else:
        listed = series(citizen_id, rules.BLACKLIST)
        keys += ["court-blacklist"] if max(listed) else []
        keys += ["sesame-dating"] if max(values) >= 650 else []
        keys += ["sesame-visa"] if max(values) >= 750 else []
    found = catalogue().consequences
    return [found[key] for key in dict.fromkeys(keys)]


def checks_by_citizen(round_id: int) -> dict[int, dict[str, CheckScore]]:
    """Score every player's checks in a round, in one query."""
    rows = db.session.execute(
        select(
            CheckAnswer.citizen_id, CheckAnswer.phase, CheckAnswer.statement, CheckAnswer.correct
        )
        .join(Citizen, Citizen.id == CheckAnswer.citizen_id)
        .where(Citizen.round_id == round_id)
    ).all()
    grouped: dict[int, dict[str, list]] = {}
    for citizen_id, phase, statement, correct in rows:
        grouped.setdefault(citizen_id, {}).setdefault(phase, []).append((statement, correct))
    return {
        cid: {phase: _score(r) for phase, r in phases.items()} for cid, phases in grouped.items()
    }
