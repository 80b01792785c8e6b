"""Instructor accounts: the first-start setup link, and one-time invitations."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError

from app.auth import bp
from app.auth.forms import InstructorForm
from app.auth.passwords import hash_password
from app.extensions import limiter
from app.game.reads.lookups import has_instructor
from app.game.services import accounts
from app.game.services.accounts import create_invite
from app.links import public_url
from app.web.access import instructor_required

__all__ = ["create_instructor", "create_invite", "has_instructor"]  # also the CLI's

SPENT = "This invitation was used already or has expired. Ask for a new one."


def create_instructor(username: str, password: str, token: str | None = None):
    """Create an instructor, spending the invitation if one is given; IntegrityError if taken."""
    return accounts.create_instructor(username, hash_password(password), token)


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def accept_invite(token: str):
    if not accounts.invite_usable(token):
        abort(404, SPENT)
    form = InstructorForm()
    if form.validate_on_submit():
        try:
            user = create_instructor(form.username.data, form.password.data, token)
        except LookupError:
            abort(404, SPENT)
        except IntegrityError:
            form.username.errors.append("That username is taken.")
        else:
            login_user(user)
            flash("Welcome. Create your first class below.", "success")
            return redirect(url_for("classroom.index"), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("auth/invite.html", form=form), status


@bp.post("/classes/invite")
@instructor_required
def invite():
    if not FlaskForm().validate_on_submit():
        abort(400, "The invitation form was not understood.")
    token = create_invite(current_user.id)
    link = public_url(".accept_invite", token=token)
    return render_template(
        "auth/invited.html", link=link, path=url_for(".accept_invite", token=token)
    )
