"""/teach: lesson plans, objectives, notes, fact sheet, answer key and exit ticket."""

from dataclasses import dataclass
from itertools import groupby

from flask import render_template

from app.game.content.catalogue import Source, Statement, catalogue
from app.game.content.kit import kit
from app.game.rules import meters
from app.teach import bp


@dataclass(frozen=True)
class Answer:
    form: str
    text: str
    true: bool
    sources: tuple[Source, ...]
    explanation: str
    transfer: bool


def answer(statement: Statement) -> Answer:
    """Read a statement for the key; the form, explanation and transfer flag are optional."""
    return Answer(
        form=str(getattr(statement, "form", "") or ""),
        text=statement.text,
        true=statement.true,
        sources=statement.sources,
        explanation=getattr(statement, "explanation", "") or "",
        transfer=bool(getattr(statement, "transfer", False)),
    )


def answer_key(statements: list[Statement]) -> list[tuple[str, list[Answer]]]:
    """Group the check's statements by form ("Form A", "Form B"), or as one group without."""
    ordered = sorted((answer(s) for s in statements), key=lambda a: a.form)
    return [
        (f"Form {name}" if name else "The check", list(group))
        for name, group in groupby(ordered, key=lambda a: a.form)
    ]


@bp.get("/teach")
def teach():
    content = catalogue()
    return render_template(
        "teach/index.html",
        content=content,
        kit=kit(),
        key=answer_key(list(content.statements.values())),
        growth=meters.GROWTH_LEVELS,
    )
