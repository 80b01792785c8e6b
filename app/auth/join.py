"""Students join a class by code with a pseudonym, and resume on another device."""

from flask import abort, redirect, render_template, session, url_for
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.forms import CodeForm, PseudonymForm, ResumeForm
from app.extensions import limiter
from app.game.reads.lookups import class_with_code
from app.game.rules import codes
from app.game.services import joining
from app.web import marks
from app.web.refusals import Refused, answer_with


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit("60 per minute", methods=["POST"])
def join():
    form = CodeForm()
    if form.validate_on_submit():
        classroom = class_with_code(form.code.data)
        if classroom:
            return redirect(url_for(".join_code", code=classroom.join_code), 303)
        form.code.errors.append("No class has that code. Check it with your instructor.")
    return render_template("auth/join.html", form=form), 400 if form.is_submitted() else 200


@bp.route("/join/<code>", methods=["GET", "POST"])
@limiter.limit("60 per minute", methods=["POST"])
def join_code(code: str):
    classroom = class_with_code(code) or abort(
        404, "No class has that code. Check it with your instructor."
    )
    form = PseudonymForm()
    if not classroom.joining_open:
        return render_template("auth/join_closed.html", classroom=classroom), 403
    if form.validate_on_submit():
        answer_with(lambda error: name_refused(error, form, classroom))
        user, resume_code = joining.join_class(
            classroom, form.name.data.strip(), marks.device_citizens(), _player_id()
        )
        logout_user()
        login_user(user, remember=True)
        session["resume_code"] = resume_code
        marks.remember(joining.newest_citizen_id(user.id))
        return redirect(url_for(".joined"), 303)
    if not form.is_submitted():
        form.name.data = joining.suggest_pseudonym()
    status = 400 if form.is_submitted() else 200
    return render_template("auth/join_name.html", form=form, classroom=classroom), status


def name_refused(error: Refused, form: PseudonymForm, classroom):
    """Ask for another name, saying why this one was refused; mark a removed player's device."""
    if isinstance(error, joining.Removed):
        marks.remember(error.citizen_id)
    form.name.errors.append(error.message)
    return render_template("auth/join_name.html", form=form, classroom=classroom), error.status


def _player_id() -> int | None:
    """Return the signed-in student's account id: a removed one may not rejoin as another."""
    if current_user.is_authenticated and not current_user.is_instructor:
        return int(current_user.id)
    return None


@bp.get("/joined")
def joined():
    if not current_user.is_authenticated or "resume_code" not in session:
        return redirect(url_for("play.dashboard"))
    return render_template("auth/joined.html", resume_code=session["resume_code"])


@bp.route("/resume", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        user = joining.resume(form.code.data)
        if user is not None:
            logout_user()
            login_user(user, remember=True)
            session["resume_code"] = codes.normal_code(form.code.data)
            marks.remember(joining.newest_citizen_id(user.id))
            return redirect(url_for("play.dashboard"), 303)
        form.code.errors.append("That resume code is not known. Check it and try again.")
    return render_template("auth/resume.html", form=form), 400 if form.is_submitted() else 200
