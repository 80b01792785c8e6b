"""Forms every feature uses: the action form with its one-time key, and a form's errors."""

import re
import secrets

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired, Regexp

KEY_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{16,64}\Z")
KEY = Regexp(KEY_PATTERN, message="The form's one-time key is malformed.")


def errors_of(form: FlaskForm) -> str:
    """Return every message of a form that did not validate, as one sentence."""
    return " ".join(error for errors in form.errors.values() for error in errors)


def one_time_key() -> str:
    """Return a fresh key for one action form."""
    return secrets.token_urlsafe(16)


class ActionForm(FlaskForm):
    """A form that changes the ledger: its one-time key makes a replay apply once."""

    class Meta:
        # CSRFProtect checks every POST before any view runs; the forms of an act render
        # csrf_token() themselves, so the form does not sign and check a token again.
        csrf = False

    key = HiddenField(
        validators=[InputRequired(message="The form's one-time key is missing."), KEY],
        default=one_time_key,
    )
