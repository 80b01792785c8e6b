"""A player's earlier rounds (their debriefs, read only) and their resume code."""

from flask import abort, flash, g, redirect, session, url_for
from flask_login import current_user

from app.game.reads import queries
from app.game.services import guesses, joining
from app.play import bp
from app.play.common import citizen_required, page
from app.play.debrief import show_debrief


@bp.get("/debrief/round/<int:number>")
@citizen_required
def past_debrief(number: int):
    """Show the debrief of one of the player's earlier rounds, as it stood when it ended."""
    found = [(r, c) for r, c in queries.past_rounds(g.citizen) if r.number == number]
    if not found:
        abort(404, "You have no earlier round with that number.")
    round_, citizen = found[0]
    guess = guesses.guess_of(citizen.id)
    return show_debrief(
        citizen,
        queries.life_of(citizen),
        guesses.GUESSES[guess.choice] if guess else "nothing: the round ended before you guessed",
        guess.text if guess else None,
        past=True,
    )


@bp.get("/code")
@citizen_required
def resume_code():
    """Show this device's resume code again, if it is still the current one.

    The server keeps only the code's hash; the code itself lives in this device's signed
    session, which already grants the same access. Elsewhere the player asks for a new code.
    """
    code = session.get("resume_code")
    if code and not joining.is_current_code(int(current_user.id), code):
        code = None
    return page("play/code.html", code=code)


@bp.post("/code")
@citizen_required
def new_resume_code():
    """Replace the player's resume code; the old one stops working at once (CSRFProtect has
    checked the form's token)."""
    session["resume_code"] = joining.reissue_code(int(current_user.id))
    flash("Here is your new resume code. The old one no longer works.", "success")
    return redirect(url_for(".resume_code"), 303)
