"""Citizen Score: a classroom simulation of living under a citizen score."""

from flask import Flask

from app.application import Game
from app.config import configure


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the application."""
    app = Game(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    configure(app, test_config)

    from app import cli, errors, extensions, health, security, web
    from app.auth import bp as auth_bp
    from app.classroom import bp as classroom_bp
    from app.play import bp as play_bp
    from app.teach import bp as teach_bp
    from app.web import express

    extensions.register(app)
    express.register(app)  # inside the security headers and the proxy fix
    security.register(app)
    errors.register(app)
    cli.register(app)
    health.register(app)
    web.register(app)
    app.register_blueprint(auth_bp)
    app.register_blueprint(play_bp)
    app.register_blueprint(classroom_bp)
    app.register_blueprint(teach_bp)
    return app
