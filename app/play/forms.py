"""Action forms: every one carries a one-time key, so a replay is applied once."""

import re
import secrets

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from app.game.catalogue import catalogue
from app.game.debrief import GUESSES
from app.game.detection import CONFIDENCE

KEY_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{16,64}\Z")
KEY = Regexp(KEY_PATTERN, message="The form's one-time key is malformed.")


def errors_of(form: FlaskForm) -> str:
    """Return every message of a form that did not validate, as one sentence."""
    return " ".join(error for errors in form.errors.values() for error in errors)


def one_time_key() -> str:
    """Return a fresh key for one action form."""
    return secrets.token_urlsafe(16)


class ActionForm(FlaskForm):
    class Meta:
        # CSRFProtect checks every POST before any view runs; the forms of an act render
        # csrf_token() themselves, so the form does not sign and check a token again.
        csrf = False

    key = HiddenField(
        validators=[InputRequired(message="The form's one-time key is missing."), KEY],
        default=one_time_key,
    )


class ComplaintForm(ActionForm):
    topic = SelectField(
        "What about?", validators=[InputRequired(message="Choose what your complaint is about.")]
    )
    channel = RadioField("How?", validators=[InputRequired()])
    text = TextAreaField(
        "Your words (optional)",
        validators=[Optional(), Length(max=280, message="Keep it to 280 characters.")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        content = catalogue()
        # An empty first choice: no topic is chosen for the player.
        self.topic.choices = [("", "Choose a topic")] + [
            (t.id, t.title.capitalize()) for t in content.topics.values()
        ]
        self.channel.choices = [(c.id, c.title) for c in content.channels.values()]


def check_form(statements) -> FlaskForm:
    """Build the true-or-myth form: per statement, a required answer and how sure it is."""

    class CheckForm(FlaskForm):
        pass

    for statement in statements:
        answer = RadioField(
            statement.text,
            choices=[("true", "True"), ("myth", "Myth")],
            validators=[InputRequired(message="Answer this one.")],
        )
        sure = RadioField(
            "How sure are you?",
            choices=[(str(level), label) for level, label in CONFIDENCE.items()],
            validators=[InputRequired(message="Say how sure you are.")],
        )
        setattr(CheckForm, field_name(statement.id), answer)
        setattr(CheckForm, confidence_name(statement.id), sure)
    return CheckForm()


def field_name(statement_id: str) -> str:
    return "s_" + statement_id.replace("-", "_")


def confidence_name(statement_id: str) -> str:
    return "c_" + statement_id.replace("-", "_")


class GuessForm(FlaskForm):
    choice = RadioField(
        "What do you think your file says about you?",
        validators=[InputRequired(message="Choose one.")],
    )
    text = TextAreaField(
        "In your own words (optional)",
        validators=[Optional(), Length(max=280, message="Keep it to 280 characters.")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice.choices = list(GUESSES.items())
