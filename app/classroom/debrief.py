"""The class's side of the debrief: crack down or ease off, open the debrief, the class view."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from app.classroom import bp
from app.classroom.access import own_classroom
from app.classroom.economy import meter_chart
from app.game import rules
from app.game.reads import class_checks, lookups, reveal, roster, society
from app.game.reads.lookups import current_round
from app.game.rules import meters
from app.game.services import halves, rounds
from app.web.access import instructor_required


@bp.post("/<int:classroom_id>/crackdown")
@instructor_required
def crackdown(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if not FlaskForm().validate_on_submit() or request.form.get("change") not in ("up", "down"):
        abort(400, "Choose to crack down or to ease off.")
    current = current_round(classroom.id)
    level = current.crackdown + (1 if request.form["change"] == "up" else -1)
    round_ = rounds.set_crackdown(current.id, level)
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
    history = _rounds_of(classroom.id)
    number = request.args.get("round", "")
    chosen = next((r for r in history if str(r.number) == number), None) or history[-1]
    twin = halves.twin_of(classroom)
    both = list(history) + (_rounds_of(twin.id) if twin else [])
    return render_template(
        "classroom/debrief.html",
        classroom=classroom,
        twin=twin,
        round=chosen,
        snapshot=roster.snapshot(chosen),
        summaries=[reveal.round_summary(r) for r in history],
        twin_summaries=[reveal.round_summary(r) for r in both[len(history) :]],
        chosen=reveal.round_summary(chosen),
        fared=society.fared(chosen),
        meter_chart=meter_chart(chosen),
        worlds=rules.WORLDS,
        by_world=class_checks.world_checks(both),
    )


def _rounds_of(classroom_id: int) -> list:
    return [r for r in lookups.rounds_of(classroom_id) if r.purged_at is None]
