"""The teacher's kit: a printable page open to anyone."""

from flask import Blueprint

bp = Blueprint("teach", __name__)

from app.teach import views  # noqa: E402, F401
