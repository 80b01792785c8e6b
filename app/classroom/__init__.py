"""The instructor's pages: classes, rounds, monitor, projector, export."""

from flask import Blueprint

bp = Blueprint("classroom", __name__, url_prefix="/classes")

from app.classroom import debrief, export, live, views  # noqa: E402, F401  (routes register on bp)
