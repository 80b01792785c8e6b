"""How the pages say a round's state and a time: in words, and in the class's own time zone."""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from flask import g
from sqlalchemy import select

from app.classroom import bp
from app.extensions import db
from app.game.rounds import STATES, state_sentence
from app.models import Classroom, Round

# Region/City names and UTC: the zones a person picks from (no "posixrules", no "Factory").
ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")) + ["UTC"]
KNOWN_ZONES = frozenset(ZONES)


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """Return a time zone by name; an unknown or retired name reads as UTC."""
    return ZoneInfo(name if name in KNOWN_ZONES else "UTC")


@bp.app_template_filter("state")
def state(status: str) -> str:
    """A round's state as a person says it: "waiting to start", "running", "paused", "ended"."""
    return STATES.get(status, status)


@bp.app_template_filter("round_state")
def round_state(round_: Round) -> str:
    return state_sentence(round_)


@bp.app_template_filter("local")
def local(moment: datetime | None, zone_name: str, fmt: str = "%d %b %Y, %H:%M") -> str:
    """Show a stored (naive UTC) time in a class's time zone."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone(zone(zone_name)).strftime(fmt)


@bp.app_template_global()
def class_zone(round_: Round) -> str:
    """Return the time zone of a round's class (read once per request)."""
    cached = g.setdefault("class_zones", {})
    if round_.classroom_id not in cached:
        cached[round_.classroom_id] = db.session.scalar(
            select(Classroom.time_zone).where(Classroom.id == round_.classroom_id)
        )
    return cached[round_.classroom_id] or "UTC"
