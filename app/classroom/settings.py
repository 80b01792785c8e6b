"""A class's settings: whether it takes new players, and the time zone its times are shown in."""

from flask import abort, flash, redirect, url_for

from app.classroom import bp
from app.classroom.access import own_classroom
from app.classroom.forms import JoiningForm, ZoneForm
from app.game.services import rounds
from app.web.access import instructor_required


@bp.post("/<int:classroom_id>/joining")
@instructor_required
def joining(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = JoiningForm()
    if not form.validate_on_submit():
        abort(400, "Say whether joining opens or closes.")
    opened = form.open.data == "yes"
    rounds.set_joining(classroom.id, opened)
    flash(
        "Joining is open: students join with the code."
        if opened
        else "Joining is closed: no one new can join; students in the class carry on.",
        "success",
    )
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.post("/<int:classroom_id>/zone")
@instructor_required
def zone(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = ZoneForm()
    if not form.validate_on_submit():
        abort(400, "That is not a time zone. Pick one from the list, such as Europe/Paris.")
    rounds.set_time_zone(classroom.id, form.time_zone.data)
    flash(f"Times of this class now show in {form.time_zone.data}.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)
