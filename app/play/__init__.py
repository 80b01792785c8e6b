"""The player's pages and actions."""

from flask import Blueprint

bp = Blueprint("play", __name__)

from app.play import debrief, life, rounds, views  # noqa: E402, F401  (routes register on bp)
