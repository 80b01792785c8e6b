"""Who may open an instructor page: instructors, and only for their own classrooms."""

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from app.extensions import db
from app.models import Citizen, Classroom, Round


def instructor_required(view):
    """Send anonymous visitors to log in; refuse players."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.path))
        if not current_user.is_instructor:
            abort(403, "This page is for instructors.")
        return view(*args, **kwargs)

    return wrapped


def own_classroom(classroom_id: int) -> Classroom:
    """Return the current instructor's classroom, or 404 for anyone else's."""
    classroom = db.session.get(Classroom, classroom_id)
    if classroom is None or classroom.owner_id != current_user.id:
        abort(404, "There is no such classroom among yours.")
    return classroom


def own_round(classroom: Classroom, number: int) -> Round:
    round_ = db.session.query(Round).filter_by(classroom_id=classroom.id, number=number).first()
    if round_ is None:
        abort(404, "This classroom has no such round.")
    return round_


def own_citizen(classroom: Classroom, citizen_id: int) -> Citizen:
    citizen = db.session.get(Citizen, citizen_id)
    round_ = citizen and db.session.get(Round, citizen.round_id)
    if round_ is None or round_.classroom_id != classroom.id:
        abort(404, "This classroom has no such player.")
    return citizen
