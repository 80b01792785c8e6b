"""Who may open a page: checks that more than one feature puts on its views."""

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user


def instructor_required(view):
    """Send anonymous visitors to log in; refuse players."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.path))
        if not current_user.is_instructor:
            abort(403, "This page is for instructors.")
        return view(*args, **kwargs)

    return wrapped
