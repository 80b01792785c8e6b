"""Flask commands for instructors and operators."""

import click
from flask import Flask

from app.game import services


def register(app: Flask) -> None:
    """Register the commands."""

    @app.cli.command("init-game")
    def init_game() -> None:
        """Create the open classroom for solo play if it does not exist."""
        round_ = services.open_round()
        click.echo(f"Solo play is open (round {round_.number}).")
