"""Daily life (bills, the court debt, gaming, family) and the other citizens of the round."""

from flask import abort, g

from app.game import queries, rules
from app.play import bp
from app.play.common import act, page, player_page
from app.play.forms import ActionForm

DAILY = ("bill-on-time", "bill-late", "debt-pay", "debt-skip", "gaming", "visit")
SOCIAL = ("befriend", "unfriend", "report")


@bp.get("/life")
@player_page
def life():
    return life_page()


def life_page(status: int = 200, alert: str | None = None):
    return page("play/life.html", status, alert)


@bp.post("/life/<action>")
@player_page
def daily(action: str):
    if action not in DAILY:
        abort(404, "There is no such thing to do.")
    return act(ActionForm(), lambda: rules.Attempt(action), None, life_page, ".life")


@bp.get("/citizens")
@player_page
def citizens():
    return citizens_page()


def citizens_page(status: int = 200, alert: str | None = None):
    life = queries.life_of(g.citizen)
    others = queries.citizens_around(g.citizen, life.world.primary)
    return page("play/citizens.html", status, alert, others=others)


@bp.post("/citizens/<int:target_id>/<action>")
@player_page
def social(target_id: int, action: str):
    if action not in SOCIAL:
        abort(404, "There is no such thing to do.")
    return act(
        ActionForm(),
        lambda: rules.Attempt(action),
        str(target_id),
        citizens_page,
        ".citizens",
        target_id=target_id,
    )
