"""The instructor and one player: remove (after a confirmation), readmit, a new resume code."""

from flask import flash, make_response, redirect, render_template, url_for

from app.classroom import bp
from app.classroom.access import own_citizen, own_classroom
from app.classroom.forms import ConfirmForm
from app.classroom.live import back_to_monitor
from app.game.services import joining, rounds
from app.game.services.accounts import end_sessions
from app.web.access import instructor_required
from app.web.refusals import Refused


@bp.get("/<int:classroom_id>/citizens/<int:citizen_id>/kick")
@instructor_required
def confirm_kick(classroom_id: int, citizen_id: int):
    """Ask before removing a player (a form: it works without a script)."""
    classroom = own_classroom(classroom_id)
    citizen = own_citizen(classroom, citizen_id)
    return render_template(
        "classroom/confirm_kick.html", classroom=classroom, citizen=citizen, form=ConfirmForm()
    )


@bp.post("/<int:classroom_id>/citizens/<int:citizen_id>/kick")
@instructor_required
def kick(classroom_id: int, citizen_id: int):
    classroom = own_classroom(classroom_id)
    citizen = own_citizen(classroom, citizen_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".confirm_kick", classroom_id=classroom.id, citizen_id=citizen.id))
    rounds.kick(citizen.id)
    end_sessions(citizen.user_id)  # a copied cookie of theirs no longer signs in either
    flash(
        f"{citizen.display_name} was removed. Changed your mind? Readmit them from the "
        "list of removed players below.",
        "success",
    )
    return back_to_monitor(classroom)


@bp.post("/<int:classroom_id>/citizens/<int:citizen_id>/readmit")
@instructor_required
def readmit(classroom_id: int, citizen_id: int):
    classroom = own_classroom(classroom_id)
    citizen = own_citizen(classroom, citizen_id)
    rounds.readmit(citizen.id)
    flash(f"{citizen.display_name} is back in the round, where they left off.", "success")
    return back_to_monitor(classroom)


@bp.post("/<int:classroom_id>/citizens/<int:citizen_id>/code")
@instructor_required
def reissue_code(classroom_id: int, citizen_id: int):
    """Give a player a new resume code and show it once; the old one stops working.

    Codes are stored only as hashes, so a lost one cannot be read back: it is replaced.
    """
    classroom = own_classroom(classroom_id)
    citizen = own_citizen(classroom, citizen_id)
    if citizen.kicked_at is not None:
        raise Refused(f"Readmit {citizen.display_name} first.")
    code = joining.reissue_code(citizen.user_id)
    html = render_template(
        "classroom/new_code.html", classroom=classroom, citizen=citizen, code=code
    )
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response
