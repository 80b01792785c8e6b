"""How every page says a round's state and a time: in words, in the class's own time zone."""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from flask import Flask, g

from app.game.reads.lookups import time_zone_of
from app.game.services.rounds import STATES, state_sentence

# Region/City names and UTC: the zones a person picks from (no "posixrules", no "Factory").
ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")) + ["UTC"]
KNOWN_ZONES = frozenset(ZONES)


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """Return a time zone by name; an unknown or retired name reads as UTC."""
    return ZoneInfo(name if name in KNOWN_ZONES else "UTC")


def state(status: str) -> str:
    """A round's state as a person says it: "waiting to start", "running", "paused", "ended"."""
    return STATES.get(status, status)


def round_state(round_) -> str:
    return state_sentence(round_)


def local(moment: datetime | None, zone_name: str, fmt: str = "%d %b %Y, %H:%M") -> str:
    """Show a stored (naive UTC) time in a class's time zone."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone(zone(zone_name)).strftime(fmt)


def class_zone(round_) -> str:
    """Return the time zone of a round's class (read once per request)."""
    cached = g.setdefault("class_zones", {})
    if round_.classroom_id not in cached:
        cached[round_.classroom_id] = time_zone_of(round_.classroom_id)
    return cached[round_.classroom_id] or "UTC"


def signed(n: int) -> str:
    """Show a change with its sign: +3, -5, +0."""
    return f"{n:+d}"


def register(app: Flask) -> None:
    """Let every template say times, changes and round states this way."""
    app.add_template_filter(signed)
    app.add_template_filter(state)
    app.add_template_filter(round_state)
    app.add_template_filter(local)
    app.add_template_global(class_zone)
