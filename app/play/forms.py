"""The player's forms: a complaint, the true-or-myth check and the guess about the file."""

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.game.content.catalogue import catalogue
from app.game.rules.detection import CONFIDENCE
from app.game.services.guesses import GUESSES
from app.web.forms import ActionForm


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
