"""Instructor accounts: the first-start setup link, and one-time invitations."""

import secrets
from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth import bp
from app.auth.forms import InstructorForm
from app.auth.passwords import hash_password
from app.classroom.access import instructor_required
from app.extensions import db, limiter
from app.game.joining import digest
from app.game.services import write_transaction
from app.links import public_url
from app.models import Invite, User, utcnow

VALID_FOR = timedelta(days=7)


def create_invite(created_by_id: int | None) -> str:
    """Store a one-time invitation and return its secret token."""
    token = secrets.token_urlsafe(24)
    with write_transaction() as session:
        session.add(Invite(token_hash=digest(token), created_by_id=created_by_id))
    return token


def create_instructor(username: str, password: str, token: str | None = None) -> User:
    """Create an instructor, spending the invitation if one is given; IntegrityError if taken."""
    with write_transaction() as session:
        if token is not None:
            invite = _usable(token)
            if invite is None:
                raise LookupError("invitation used or expired")
            invite.used_at = utcnow()
            session.add(invite)
        user = User(username=username, password_hash=hash_password(password), role="instructor")
        session.add(user)
    return user


def has_instructor() -> bool:
    return db.session.scalar(select(User.id).where(User.role == "instructor").limit(1)) is not None


def _usable(token: str) -> Invite | None:
    invite = db.session.scalar(select(Invite).where(Invite.token_hash == digest(token)))
    if invite is None or invite.used_at is not None or utcnow() - invite.created_at > VALID_FOR:
        return None
    return invite


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def accept_invite(token: str):
    if _usable(token) is None:
        abort(404, "This invitation was used already or has expired. Ask for a new one.")
    form = InstructorForm()
    if form.validate_on_submit():
        try:
            user = create_instructor(form.username.data, form.password.data, token)
        except LookupError:
            abort(404, "This invitation was used already or has expired. Ask for a new one.")
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
