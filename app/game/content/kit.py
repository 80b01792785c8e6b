"""The teacher's kit: objectives, lesson plans, discussion questions, exit ticket, and the
reasons an instructor may give for an award or a fine. Loaded once from content/kit.toml."""

import tomllib
from dataclasses import dataclass
from functools import cache

from app.game.content.catalogue import CONTENT, ContentError

LESSON_MINUTES = 45
KINDS = ("fine", "award", "either")


@dataclass(frozen=True)
class Step:
    start: int  # minutes from the start of the lesson
    minutes: int
    what: str
    detail: str

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Lesson:
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    summary: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Question:
    id: str
    about: str
    text: str


@dataclass(frozen=True)
class Reason:
    text: str
    kind: str  # "fine", "award" or "either"

    def fits(self, delta: int) -> bool:
        """Say whether the reason suits a change of this sign (0 counts as an award)."""
        return self.kind == "either" or self.kind == ("fine" if delta < 0 else "award")


@dataclass(frozen=True)
class Kit:
    objectives: tuple[str, ...]
    plans: tuple[Plan, ...]
    questions: tuple[Question, ...]
    exit_ticket: tuple[str, ...]
    reasons: tuple[Reason, ...]


def _lesson(row: dict) -> Lesson:
    steps, start = [], 0
    for step in row["step"]:
        steps.append(Step(start, step["minutes"], step["what"], step["detail"]))
        start += step["minutes"]
    if start != LESSON_MINUTES:
        raise ContentError(f"{row['title']}: the steps take {start} min, not {LESSON_MINUTES}")
    return Lesson(row["title"], tuple(steps))


def _reason(row: dict) -> Reason:
    if row["kind"] not in KINDS:
        raise ContentError(f"reason {row['text']!r}: unknown kind {row['kind']!r}")
    return Reason(row["text"], row["kind"])


@cache
def kit() -> Kit:
    """Return the teacher's kit, loaded and checked once per process."""
    with (CONTENT / "kit.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    questions = tuple(Question(q["id"], q["about"], q["text"]) for q in raw["question"])
    if len({q.id for q in questions}) != len(questions):
        raise ContentError("kit: duplicate question ids")
    return Kit(
        objectives=tuple(raw["objectives"]),
        plans=tuple(
            Plan(p["id"], p["title"], p["summary"], tuple(_lesson(x) for x in p["lesson"]))
            for p in raw["plan"]
        ),
        questions=questions,
        exit_ticket=tuple(raw["exit_ticket"]),
        reasons=tuple(_reason(r) for r in raw["reason"]),
    )


def questions() -> tuple[Question, ...]:
    """Return the discussion questions, in the order a class meets them."""
    return kit().questions


def reason(text: str) -> Reason | None:
    """Return the listed reason with this text, or None when it is not on the list."""
    return next((r for r in kit().reasons if r.text == text), None)
