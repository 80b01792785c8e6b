"""The simulated society from the instructor's side: add simulated citizens, open a demo class."""

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from app.classroom import bp
from app.classroom.access import own_classroom
from app.classroom.forms import SimulatedForm
from app.game.reads.lookups import current_round
from app.game.rules.society import MAX_SIMULATED
from app.game.services import demo, society
from app.game.services.rounds import state_sentence
from app.web.access import instructor_required
from app.web.refusals import Refused

bp.add_app_template_global(demo.CITIZENS, "demo_citizens")
bp.add_app_template_global(MAX_SIMULATED, "max_simulated")


@bp.post("/<int:classroom_id>/simulated")
@instructor_required
def add_simulated(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = SimulatedForm()
    if not form.validate_on_submit():
        abort(400, f"Add from 1 to {MAX_SIMULATED} simulated citizens, as a whole number.")
    round_ = current_round(classroom.id)
    if round_.status == "ended":
        raise Refused(f"{state_sentence(round_)}; start a new round to add simulated citizens.")
    total = society.add_simulated(round_.id, form.count.data)
    flash(f"{round_.name} now has {total} simulated citizens.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.post("/demo")
@instructor_required
def open_demo():
    if not FlaskForm().validate_on_submit():
        abort(400, "The form was not understood.")
    classroom = demo.open_demo(current_user)
    flash(
        f"{classroom.name} is open: {demo.CITIZENS} simulated citizens live in its first round. "
        "Open the projector to watch them.",
        "success",
    )
    return redirect(url_for(".show", classroom_id=classroom.id), 303)
