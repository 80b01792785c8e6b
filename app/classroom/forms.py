"""Instructor forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, ValidationError

from app.game import rules
from app.game.content.kit import kit
from app.game.content.kit import reason as reason_of
from app.game.rules.society import MAX_SIMULATED
from app.web.forms import ActionForm
from app.web.words import ZONES


def world_choices() -> list[tuple[str, str]]:
    """The worlds an instructor can pick: every registered one, read when the form is built."""
    return [(world.key, world.name) for world in rules.WORLDS.values()]


def zone_field(label: str = "Time zone of the class") -> SelectField:
    # filled in from the browser's own zone (static/js/timezone.js); a plain select without it
    return SelectField(
        label, choices=ZONES, default="UTC", render_kw={"data-browser-zone": "", "class": "zone"}
    )


class ClassroomForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=80)])
    world = SelectField("World of the first round", choices=world_choices)
    time_zone = zone_field()


class ZoneForm(FlaskForm):
    time_zone = SelectField("Time zone of the class", choices=ZONES)


class JoiningForm(FlaskForm):
    open = HiddenField(validators=[AnyOf(["yes", "no"])])


class RenameForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=80)])


class DisplayForm(FlaskForm):
    show_names = BooleanField("Show pseudonyms in the projector's ticker")
    show_blacklist = BooleanField("Show the public blacklist on the projector")


class WordsForm(FlaskForm):
    words = TextAreaField(
        "More words to refuse in pseudonyms (comma-separated)",
        validators=[Optional(), Length(max=2000)],
    )


class StatusForm(FlaskForm):
    command = HiddenField(validators=[InputRequired()])
    confirm = HiddenField()  # "yes" from the confirmation page: ending cannot be undone


class ConfirmForm(FlaskForm):
    confirm = HiddenField(validators=[AnyOf(["yes"], message="Confirm on the confirmation page.")])


class ResetForm(FlaskForm):
    round_id = IntegerField(validators=[InputRequired()])
    world = SelectField("World of the new round", choices=world_choices)
    confirm = BooleanField(
        "Yes: end this round, archive it, and start everyone again at the baseline",
        validators=[InputRequired(message="Tick the box to confirm the reset.")],
    )


class SimulatedForm(FlaskForm):
    count = IntegerField(
        "How many to add",
        validators=[InputRequired(), NumberRange(min=1, max=MAX_SIMULATED)],
    )


class PurgeForm(FlaskForm):
    typed = StringField("Type the round's name to confirm", validators=[InputRequired()])


class PseudonymForm(FlaskForm):
    name = StringField("New pseudonym", validators=[InputRequired(), Length(max=24)])


NOTE_MAX = 60


class AdjustForm(ActionForm):
    track = SelectField(
        "Track", choices=[(t.key, t.label) for t in rules.TRACKS.values() if not t.hidden]
    )
    delta = IntegerField(
        "Points (negative to fine)",
        validators=[InputRequired(), NumberRange(min=-200, max=200, message="From -200 to 200.")],
    )
    # role-play reasons from a short list: no free-text judgement of a real student
    reason = SelectField(
        "Reason, shown to the player",
        choices=[(r.text, r.text) for r in kit().reasons],
        validate_choice=False,
    )
    note = StringField("Short note (optional)", validators=[Optional(), Length(max=NOTE_MAX)])

    def validate_reason(self, field) -> None:
        listed = reason_of(field.data or "")
        if listed is None:
            raise ValidationError("Choose a reason from the list.")
        if self.delta.data is not None and not listed.fits(self.delta.data):
            kind = "a fine" if self.delta.data < 0 else "an award"
            raise ValidationError(f"That reason is not one for {kind}.")
