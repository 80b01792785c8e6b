"""Split a class: the other half of the students plays the other world at the same time."""

from flask import abort, flash, redirect, url_for
from flask_wtf import FlaskForm

from app.classroom import bp
from app.classroom.access import instructor_required, own_classroom
from app.classroom.views import refused
from app.game import halves
from app.game.services import Refused


@bp.post("/<int:classroom_id>/split")
@instructor_required
def split(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if not FlaskForm().validate_on_submit():
        abort(400, "The form was not understood.")
    try:
        twin = halves.split_class(classroom.id)
    except Refused as error:
        return refused(error, classroom)
    flash(
        f"The other half of the class is “{twin.name}”, join code {twin.join_code}. "
        "Give half the students each code, and start both rounds.",
        "success",
    )
    return redirect(url_for(".show", classroom_id=classroom.id), 303)
