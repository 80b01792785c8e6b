"""The short check, the guess about the hidden file, and the player's debrief."""

from flask import abort, flash, g, redirect, request, url_for

from app.game import rules
from app.game.reads import checks, queries, reveal, society
from app.game.rules import detection
from app.game.services import answering, guesses
from app.game.services.rounds import state_sentence
from app.play import bp
from app.play.common import citizen_required, current_life, page
from app.play.forms import GuessForm, check_form, confidence_name, field_name
from app.web.charts import line_chart

PHASES = ("before", "after")


def _debrief_round_open() -> bool:
    return reveal.debrief_open(current_life().round)


@bp.route("/check/<phase>", methods=["GET", "POST"])
@citizen_required
def check(phase: str):
    if phase not in PHASES:
        abort(404, "There is no such check.")
    if phase == "after" and not _debrief_round_open():
        abort(409, "The second check comes with the debrief, when the round ends.")
    if checks.has_answered(g.citizen.id, phase) or (
        phase == "after" and checks.skipped(g.citizen.id)
    ):
        if request.method == "POST":
            abort(409, "You already answered this check; your first answers stand.")
        return page("play/check_done.html", phase=phase, skipped=checks.skipped(g.citizen.id))
    statements = checks.statements_for(g.citizen.user_id, phase)
    form = check_form(statements)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return page(
            "play/check.html",
            status,
            form=form,
            phase=phase,
            statements=statements,
            field_name=field_name,
            confidence_name=confidence_name,
        )
    answers = {
        s.id: (form[field_name(s.id)].data == "true", int(form[confidence_name(s.id)].data))
        for s in statements
    }
    answering.save_check(g.citizen.id, phase, answers)
    flash("Thank you. Your answers are saved.", "success")
    return redirect(url_for(".debrief_page" if phase == "after" else ".dashboard"), 303)


@bp.post("/check/after/skip")
@citizen_required
def skip_check():
    """Skip the check after play, and go on to the cards (CSRFProtect checked the form)."""
    if not _debrief_round_open():
        abort(409, "The second check comes with the debrief, when the round ends.")
    answering.skip_after(g.citizen.id)
    return redirect(url_for(".debrief_page"), 303)


@bp.route("/debrief/guess", methods=["GET", "POST"])
@citizen_required
def guess():
    if not _debrief_round_open():
        abort(409, "The debrief opens when the instructor ends the round.")
    if guesses.guess_of(g.citizen.id):
        return redirect(url_for(".debrief_page"), 303)
    if not checks.after_settled(g.citizen.id):  # the check comes before anything it tests
        return redirect(url_for(".check", phase="after"), 303)
    form = GuessForm()
    if form.validate_on_submit():
        text = (form.text.data or "").strip() or None
        guesses.save_guess(g.citizen.id, form.choice.data, text)
        return redirect(url_for(".debrief_page"), 303)
    return page("play/guess.html", 400 if form.is_submitted() else 200, form=form)


@bp.get("/debrief")
@citizen_required
def debrief_page():
    life = current_life()
    if not reveal.debrief_open(life.round):
        past = queries.past_rounds(g.citizen)
        if not past:
            abort(409, "The debrief opens when the instructor ends the round.")
        flash(
            f"{state_sentence(life.round)}. Your {past[0][0].name} debrief is in your history.",
            "notice",
        )
        return redirect(url_for(".dashboard"), 303)
    if not checks.after_settled(g.citizen.id):  # no card before the check after play
        return redirect(url_for(".check", phase="after"), 303)
    guess = guesses.guess_of(g.citizen.id)
    if guess is None:
        return redirect(url_for(".guess"), 303)
    return show_debrief(g.citizen, life, guesses.GUESSES[guess.choice], guess.text)


def show_debrief(citizen, life: queries.Life, guess: str, guess_text: str | None, past=False):
    """Render a citizen's debrief: their file, charts, what they met and their checks."""
    file = reveal.hidden_file(citizen.id)
    charts = [
        line_chart(queries.series(citizen.id, track), track, bands)
        for track, bands in ((life.primary, life.world.tiers), (rules.WELLBEING, ()))
    ]
    return page(
        "play/debrief.html",
        guess=guess,
        guess_text=guess_text,
        file=file,
        outcome=reveal.outcome(file),
        charts=charts,
        cards=reveal.cards_met(citizen.id, life.world),
        met=reveal.consequences_met(citizen.id, life.world),
        fared=society.fared(life.round),
        score_label=life.primary.label,
        sheets=checks.player_sheets(citizen.id),
        d_prime=detection.d_prime,
        criterion=detection.criterion,
        reading=detection.reading,
        skipped=checks.skipped(citizen.id),
        past=life.round if past else None,
    )
