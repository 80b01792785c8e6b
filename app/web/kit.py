"""The teacher's kit where any page shows it: the questions, the reasons, a mechanic's card."""

from flask import Flask

from app.game.content.catalogue import Tagged, catalogue
from app.game.content.kit import Reason, kit, questions


def fine_reasons() -> tuple[Reason, ...]:
    """Return the reasons an instructor may give for an award or a fine."""
    return kit().reasons


def mechanic_card(card_id: str) -> Tagged:
    """Return a myth-or-record card, for pages that tag something with it (the class meters)."""
    return catalogue().mechanics[card_id]


def register(app: Flask) -> None:
    # the class debrief and every player's debrief show the same questions as /teach
    app.add_template_global(questions, "discussion_questions")
    app.add_template_global(fine_reasons)
    app.add_template_global(mechanic_card)
