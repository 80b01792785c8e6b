"""The class's side of the debrief: crack down or ease off, open the debrief, the class view."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select

from app.classroom import bp
from app.classroom.access import instructor_required, own_classroom
from app.classroom.views import refused
from app.extensions import db
from app.game import debrief, meters, queries, roster, rounds, rules
from app.game.services import Refused, current_round
from app.models import MeterEvent, Round
from app.play.chart import line_chart

QUESTIONS = (
    "What did you give up to keep your score up? What did you do anyway?",
    "Which rules in your round were documented, which were claimed in the 2015 video, and "
    "which were invented for the game? What surprised you?",
    "Your file was kept where you could not see it. Which record matters more: the score "
    "you could see or the file you could not?",
    "When the authorities cracked down, what happened to complaints? Why?",
    "Where do scores shape what you do at home: credit scores, platform ratings, points in "
    "class? Who can see them, and who can change them?",
)


@bp.post("/<int:classroom_id>/crackdown")
@instructor_required
def crackdown(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if not FlaskForm().validate_on_submit() or request.form.get("change") not in ("up", "down"):
        abort(400, "Choose to crack down or to ease off.")
    current = current_round(classroom.id)
    level = current.crackdown + (1 if request.form["change"] == "up" else -1)
    try:
        round_ = rounds.set_crackdown(current.id, level)
    except Refused as error:
        return refused(error, classroom)
    flash(f"Crackdown level {round_.crackdown} of {meters.MAX_CRACKDOWN}.", "success")
    page = ".monitor" if request.form.get("back") == "monitor" else ".show"
    return redirect(url_for(page, classroom_id=classroom.id), 303)


@bp.post("/<int:classroom_id>/debrief/open")
@instructor_required
def open_debrief(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if not FlaskForm().validate_on_submit():
        abort(400, "The form was not understood.")
    rounds.open_debrief(current_round(classroom.id).id)
    flash("Players can now open their debrief.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.get("/<int:classroom_id>/debrief")
@instructor_required
def class_debrief(classroom_id: int):
    classroom = own_classroom(classroom_id)
    history = db.session.scalars(
        select(Round)
        .where(Round.classroom_id == classroom.id, Round.purged_at.is_(None))
        .order_by(Round.number)
    ).all()
    number = request.args.get("round", "")
    chosen = next((r for r in history if str(r.number) == number), None) or history[-1]
    unrest = unrest_series(chosen.id)
    return render_template(
        "classroom/debrief.html",
        classroom=classroom,
        round=chosen,
        snapshot=roster.snapshot(chosen),
        summaries=[debrief.round_summary(r) for r in history],
        chosen=debrief.round_summary(chosen),
        unrest=line_chart(unrest, meters.METERS["unrest"].track),
        questions=QUESTIONS,
        worlds=rules.WORLDS,
    )


def unrest_series(round_id: int) -> list[int]:
    """Return unrest after each of its changes in a round, from the baseline."""
    deltas = db.session.scalars(
        select(MeterEvent.delta)
        .where(MeterEvent.round_id == round_id, MeterEvent.meter == "unrest")
        .order_by(MeterEvent.id)
    )
    return queries.running_sum(meters.METERS["unrest"].track.baseline, deltas)
