"""The teacher's kit: a printable page open to anyone, and the discussion questions."""

from flask import Blueprint

from app.game.catalogue import Tagged, catalogue
from app.game.kit import Reason, kit, questions

bp = Blueprint("teach", __name__)
# the class debrief and every player's debrief show the same questions as /teach
bp.add_app_template_global(questions, "discussion_questions")


@bp.app_template_global()
def fine_reasons() -> tuple[Reason, ...]:
    """Return the reasons an instructor may give for an award or a fine."""
    return kit().reasons


@bp.app_template_global()
def mechanic_card(card_id: str) -> Tagged:
    """Return a myth-or-record card, for pages that tag something with it (the class meters)."""
    return catalogue().mechanics[card_id]


from app.teach import views  # noqa: E402, F401
