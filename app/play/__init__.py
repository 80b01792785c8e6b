"""The player's pages and actions."""

from flask import Blueprint

from app.play.forms import one_time_key

bp = Blueprint("play", __name__)
bp.add_app_template_global(one_time_key)

from app.play import debrief, life, rounds, views  # noqa: E402, F401  (routes register on bp)
