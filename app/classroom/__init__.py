"""The instructor's pages: classes, rounds, monitor, projector, export."""

from flask import Blueprint

bp = Blueprint("classroom", __name__, url_prefix="/classes")

# routes and template globals register on bp
from app.classroom import (  # noqa: E402, F401
    debrief,
    economy,
    export,
    live,
    players,
    settings,
    society,
    split,
    views,
)
