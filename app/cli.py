"""Flask commands for instructors and operators."""

import re
import time

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth import invites
from app.auth.forms import USERNAME_PATTERN
from app.classroom import address
from app.extensions import db
from app.game import ledger
from app.game.reads import audit
from app.game.rules import codes
from app.game.services import players, rounds, society
from app.models import Classroom


def register(app: Flask) -> None:
    """Register the commands."""

    @app.cli.command("init-game")
    def init_game() -> None:
        """Create the open classroom for solo play if it does not exist."""
        round_ = players.open_round()
        click.echo(f"Solo play is open (round {round_.number}).")

    @app.cli.command("setup-link")
    @click.option("--base", default="http://127.0.0.1:5000", help="Where the game is served.")
    def setup_link(base: str) -> None:
        """Print a one-time link that creates the first instructor (until one exists)."""
        if invites.has_instructor():
            return
        token = invites.create_invite(None)
        click.echo(f"\n  Create the first instructor account: {base.rstrip('/')}/invite/{token}\n")

    @app.cli.command("public-url")
    @click.option("--host", default="127.0.0.1", help="The address the server listens on.")
    @click.option("--port", default=5000, type=click.IntRange(1, 65535))
    def public_url(host: str, port: int) -> None:
        """Print the address students open: this machine's LAN address when serving them all."""
        url = f"http://{host}:{port}"
        if host in ("0.0.0.0", "::"):  # nosec B104  (a comparison: nothing is bound here)
            found = address.lan_url(port)
            if found is None:
                click.echo("No local network address found; phones cannot join.", err=True)
            url = found or f"http://127.0.0.1:{port}"
        click.echo(url)

    @app.cli.command("create-instructor")
    @click.argument("username")
    @click.password_option(help="The instructor's password (asked if not given).")
    def create_instructor(username: str, password: str) -> None:
        """Create an instructor account."""
        problem = _account_problem(username, password)
        if problem:
            raise click.ClickException(problem)
        try:
            invites.create_instructor(username, password)
        except IntegrityError:
            raise click.ClickException(f"The username {username!r} is taken.") from None
        click.echo(f"Instructor {username} created.")

    society_group = AppGroup("society", help="Drive the simulated societies of running rounds.")

    @society_group.command("run")
    @click.option("--every", default=5.0, help="Seconds between two catch-ups.")
    @click.option("--once", is_flag=True, help="Catch up once, then stop.")
    def society_run(every: float, once: bool) -> None:
        """Write the acts every running round's society owes, again and again (for a large
        deployment: set FLASK_SOCIETY_ON_REQUESTS=false so that requests leave it to this)."""
        while True:
            written = sum(society.catch_up(round_id) for round_id in society.running_societies())
            db.session.remove()
            if once:
                click.echo(f"{written} simulated acts written.")
                return
            time.sleep(every)

    app.cli.add_command(society_group)

    @app.cli.command("audit")
    def audit_ledger() -> None:
        """Check that every standing and class meter equals its baseline plus its events."""
        wrong = audit.ledger_mismatches() + audit.meter_mismatches()
        for row in wrong:
            click.echo(f"mismatch: {row}")
        click.echo(f"{len(wrong)} mismatches")
        if wrong:
            raise SystemExit(1)

    round_group = AppGroup("round", help="Run a classroom's rounds.")
    app.cli.add_command(round_group)

    @round_group.command("reset")
    @click.argument("join_code")
    @click.option("--world", default=None, help="World of the new round (default: the same).")
    @click.confirmation_option(prompt="End and archive the current round, and open the next?")
    def reset(join_code: str, world: str | None) -> None:
        """End and archive a class's current round and open the next."""
        classroom = db.session.scalar(
            select(Classroom).where(Classroom.join_code == codes.normal_code(join_code))
        )
        if classroom is None or classroom.is_open:
            raise click.ClickException(f"No class has the join code {join_code!r}.")
        current = players.current_round(classroom.id)
        try:
            new = rounds.reset_round(classroom.id, current.id, world or current.world)
        except (ledger.Refused, KeyError) as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"{current.name} is archived; {new.name} of {classroom.name} is in the lobby.")


def _account_problem(username: str, password: str) -> str | None:
    if not re.match(USERNAME_PATTERN, username):
        return "A username is 3–24 letters, digits, '-' or '_'."
    if not 8 <= len(password) <= 200:
        return "A password is 8–200 characters."
    return None
