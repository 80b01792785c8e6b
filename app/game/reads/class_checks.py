"""The class's true-or-myth figures: before and after on the same students, by round and world.

A figure compares like with like: only students who answered both checks count, each once, and
a student removed from a round counts in none of that round's figures (as in every other figure
of the debrief).
"""

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.game.reads import checks
from app.game.rules import detection
from app.models import CheckAnswer, Citizen, Round


@dataclass(frozen=True)
class Paired:
    """Before and after for the students who answered both, and how many answered each."""

    before: detection.Figures
    after: detection.Figures
    before_area: float | None  # area under the class ROC, from the pooled confidence ratings
    after_area: float | None
    answered_before: int
    answered_after: int

    @property
    def students(self) -> int:
        return self.before.players


@dataclass(frozen=True)
class Pair:
    citizen_id: int
    user_id: int
    round_number: int
    world: str
    before: list[detection.Answer]
    after: list[detection.Answer]


def _area(answers: list[detection.Answer]) -> float | None:
    points = detection.roc(answers)
    return detection.area(points) if points else None


def paired(pairs: list[Pair]) -> Paired:
    """Compute before and after figures on the students with both checks."""
    both = [p for p in pairs if p.before and p.after]
    return Paired(
        before=detection.group([detection.sheet(p.before) for p in both]),
        after=detection.group([detection.sheet(p.after) for p in both]),
        before_area=_area([a for p in both for a in p.before]),
        after_area=_area([a for p in both for a in p.after]),
        answered_before=sum(bool(p.before) for p in pairs),
        answered_after=sum(bool(p.after) for p in pairs),
    )


def pairs_of(classroom_id: int, rounds: list[Round], removed: bool = False) -> list[Pair]:
    """Return each student's answers before play (in the class) and after each round; students
    removed from a round only when asked for."""
    ids = {r.id: r for r in rounds}
    query = select(Citizen.id, Citizen.user_id, Citizen.round_id).where(Citizen.round_id.in_(ids))
    present = db.session.execute(
        query if removed else query.where(Citizen.kicked_at.is_(None))
    ).all()
    after: dict[int, list] = {}
    rows = db.session.execute(
        select(
            CheckAnswer.citizen_id,
            CheckAnswer.statement,
            CheckAnswer.answer,
            CheckAnswer.confidence,
        )
        .join(Citizen, Citizen.id == CheckAnswer.citizen_id)
        .where(Citizen.round_id.in_(ids), CheckAnswer.phase == "after")
    )
    for citizen_id, *answer in rows:
        found = checks.as_answer(*answer)
        if found:
            after.setdefault(citizen_id, []).append(found)
    before = checks.class_before(classroom_id)
    return [
        Pair(
            citizen_id,
            user_id,
            ids[round_id].number,
            ids[round_id].world,
            before.get(user_id, []),
            after.get(citizen_id, []),
        )
        for citizen_id, user_id, round_id in present
    ]


def round_checks(round_: Round) -> Paired:
    return paired(pairs_of(round_.classroom_id, [round_]))


def latest_per_student(pairs: list[Pair]) -> list[Pair]:
    """Keep each student's latest round, so that a student counts once."""
    latest: dict[int, Pair] = {}
    for pair in sorted(pairs, key=lambda p: p.round_number):
        if pair.after or pair.user_id not in latest:
            latest[pair.user_id] = pair
    return list(latest.values())


def world_checks(rounds: list[Round]) -> dict[str, Paired]:
    """Return before and after by world, and over the whole class ("all"): the rounds may come
    from both halves of a split class, each half with its own check before play."""
    halves = dict.fromkeys(r.classroom_id for r in rounds)
    pairs = [
        pair
        for classroom_id in halves
        for pair in pairs_of(classroom_id, [r for r in rounds if r.classroom_id == classroom_id])
    ]
    worlds = dict.fromkeys(r.world for r in rounds)
    found = {
        world: paired(latest_per_student([p for p in pairs if p.world == world]))
        for world in worlds
    }
    return found | {"all": paired(latest_per_student(pairs))}
