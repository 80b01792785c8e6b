"""Split a class: the other half of the students plays the other world at the same time."""

from flask import abort, flash, redirect, url_for
from flask_wtf import FlaskForm

from app.classroom import bp
from app.classroom.access import own_classroom
from app.game.services import halves
from app.web.access import instructor_required


@bp.post("/<int:classroom_id>/split")
@instructor_required
def split(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if not FlaskForm().validate_on_submit():
        abort(400, "The form was not understood.")
    twin = halves.split_class(classroom.id)
    flash(
        f"The other half of the class is “{twin.name}”, join code {twin.join_code}. "
        "Give half the students each code, and start both rounds.",
        "success",
    )
    return redirect(url_for(".show", classroom_id=classroom.id), 303)
