"""Register, log in and log out."""

from urllib.parse import unquote, urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from app.auth import bp
from app.auth.account import load_account
from app.auth.forms import LoginForm, RegisterForm
from app.auth.passwords import check_password, hash_password
from app.extensions import limiter, login_manager
from app.game.reads.lookups import user_named
from app.game.services import players
from app.game.services.accounts import end_sessions

login_manager.user_loader(load_account)


def safe_next(target: str | None) -> str | None:
    """Return target if it is a path on this site, else None."""
    decoded = unquote(target or "")
    if not target or "\\" in decoded or any(ord(c) < 32 for c in decoded):
        return None
    if decoded.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = players.register_player(form.username.data, hash_password(form.password.data))
        except IntegrityError:
            form.username.errors.append("That username is taken.")
        else:
            login_user(user)
            flash("Welcome, citizen. Your life under the score begins now.")
            return redirect(url_for("play.dashboard"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = user_named(form.username.data)
        if user and check_password(user.password_hash, form.password.data):
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or url_for("play.dashboard"))
        form.password.errors.append("Wrong username or password.")
    status = 400 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    end_sessions(current_user.id)
    logout_user()
    flash("You are logged out.")
    return redirect(url_for("play.dashboard"))
