"""Daily life and the other citizens of the round: each offers the acts declared for it."""

from flask import abort, g

from app.game import rules
from app.game.reads import queries
from app.play import bp
from app.play.common import current_life
from app.play.pages import Act, names_act, player_page


@player_page("/life", "play/life.html")
def life() -> dict:
    return {}


@bp.post("/life/<action>")
@names_act(life)
def daily(action: str) -> Act:
    if action not in rules.on_page("life"):
        abort(404, "There is no such thing to do.")
    return Act(rules.Attempt(action))


@player_page("/citizens", "play/citizens.html")
def citizens() -> dict:
    return {"others": queries.citizens_around(g.citizen, current_life().world.primary)}


@bp.post("/citizens/<int:target_id>/<action>")
@names_act(citizens)
def social(target_id: int, action: str) -> Act:
    if action not in rules.on_page("citizens"):
        abort(404, "There is no such thing to do.")
    return Act(rules.Attempt(action), str(target_id), target_id)
