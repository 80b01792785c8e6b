"""The short check, the guess about the hidden file, and the player's debrief."""

from flask import abort, flash, g, redirect, request, url_for

from app.game import debrief, queries, rules
from app.game.catalogue import catalogue
from app.game.services import Refused
from app.play import bp
from app.play.chart import line_chart
from app.play.common import citizen_required, page
from app.play.forms import GuessForm, check_form, field_name

PHASES = ("before", "after")


def _debrief_round_open() -> bool:
    return debrief.debrief_open(queries.life_of(g.citizen).round)


@bp.route("/check/<phase>", methods=["GET", "POST"])
@citizen_required
def check(phase: str):
    if phase not in PHASES:
        abort(404, "There is no such check.")
    if phase == "after" and not _debrief_round_open():
        abort(409, "The second check comes with the debrief, when the round ends.")
    statements = list(catalogue().statements.values())
    form = check_form(statements)
    if debrief.has_answered(g.citizen.id, phase):
        if request.method == "POST":
            abort(409, "You already answered this check; your first answers stand.")
        return page(
            "play/check_done.html", phase=phase, score=debrief.check_score(g.citizen.id, phase)
        )
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return page(
            "play/check.html",
            status,
            form=form,
            phase=phase,
            statements=statements,
            field_name=field_name,
        )
    answers = {s.id: form[field_name(s.id)].data == "true" for s in statements}
    try:
        debrief.save_check(g.citizen.id, phase, answers)
    except Refused as refused:
        abort(refused.status, refused.message)
    flash("Thank you. Your answers are saved.", "success")
    return redirect(url_for(".debrief_page" if phase == "after" else ".dashboard"), 303)


@bp.route("/debrief/guess", methods=["GET", "POST"])
@citizen_required
def guess():
    if not _debrief_round_open():
        abort(409, "The debrief opens when the instructor ends the round.")
    if debrief.guess_of(g.citizen.id):
        return redirect(url_for(".debrief_page"), 303)
    form = GuessForm()
    if form.validate_on_submit():
        try:
            debrief.save_guess(
                g.citizen.id, form.choice.data, (form.text.data or "").strip() or None
            )
        except Refused as refused:
            abort(refused.status, refused.message)
        return redirect(url_for(".debrief_page"), 303)
    return page("play/guess.html", 400 if form.is_submitted() else 200, form=form)


@bp.get("/debrief")
@citizen_required
def debrief_page():
    life = queries.life_of(g.citizen)
    if not debrief.debrief_open(life.round):
        abort(409, "The debrief opens when the instructor ends the round.")
    guess = debrief.guess_of(g.citizen.id)
    if guess is None:
        return redirect(url_for(".guess"), 303)
    file = debrief.hidden_file(g.citizen.id)
    charts = [
        line_chart(
            queries.series(g.citizen.id, track), track, rules.TIERS if track.key == "score" else ()
        )
        for track in (life.primary, rules.WELLBEING)
    ]
    return page(
        "play/debrief.html",
        guess=debrief.GUESSES[guess.choice],
        guess_text=guess.text,
        file=file,
        outcome=debrief.outcome(file),
        charts=charts,
        cards=debrief.cards_met(g.citizen.id, life.world),
        met=debrief.consequences_met(g.citizen.id, life.world),
        before=debrief.check_score(g.citizen.id, "before"),
        after=debrief.check_score(g.citizen.id, "after"),
    )
