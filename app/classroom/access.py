"""An instructor's own classrooms, rounds and players; a refused command on one of them.

Opening a classroom here also names the page a refused command on it shows: the refusal, and
a way back to the class (nothing was changed).
"""

from functools import partial

from flask import abort, render_template
from flask_login import current_user

from app.game.reads import lookups
from app.web.refusals import Refused, answer_with


def own_classroom(classroom_id: int):
    """Return the current instructor's classroom, or 404 for anyone else's."""
    classroom = lookups.classroom_of(classroom_id)
    if classroom is None or classroom.owner_id != current_user.id:
        abort(404, "There is no such classroom among yours.")
    answer_with(partial(refused, classroom))
    return classroom


def own_round(classroom, number: int):
    round_ = lookups.round_numbered(classroom.id, number)
    if round_ is None:
        abort(404, "This classroom has no such round.")
    return round_


def own_citizen(classroom, citizen_id: int):
    citizen = lookups.citizen_of(citizen_id)
    round_ = citizen and lookups.round_of(citizen.round_id)
    if round_ is None or round_.classroom_id != classroom.id:
        abort(404, "This classroom has no such player.")
    return citizen


def refused(classroom, error: Refused):
    """Say why the game refused an instructor's command; nothing was changed."""
    page = render_template("classroom/refused.html", classroom=classroom, message=error.message)
    return page, error.status
