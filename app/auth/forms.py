"""Account forms: shape checks only; the password check lives in the view."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp, ValidationError

from app.game.reads.lookups import username_taken

USERNAME_PATTERN = r"^[A-Za-z0-9_-]{3,24}$"
USERNAME = Regexp(
    USERNAME_PATTERN,
    message="Use 3–24 letters, digits, “-” or “_”.",
)


class RegisterForm(FlaskForm):
    username = StringField("Username", validators=[InputRequired(), USERNAME])
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(),
            Length(min=8, max=200, message="Use between 8 and 200 characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[InputRequired(), EqualTo("password", message="The passwords differ.")],
    )

    def validate_username(self, field) -> None:
        if username_taken(field.data):
            raise ValidationError("That username is taken.")


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[InputRequired(), Length(max=24)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])


class CodeForm(FlaskForm):
    code = StringField("Join code", validators=[InputRequired(), Length(max=20)])


class PseudonymForm(FlaskForm):
    name = StringField("Your name in the game", validators=[InputRequired(), Length(max=24)])


class ResumeForm(FlaskForm):
    code = StringField("Resume code", validators=[InputRequired(), Length(max=20)])


class InstructorForm(RegisterForm):
    """An instructor account: the same checks as a player's."""
