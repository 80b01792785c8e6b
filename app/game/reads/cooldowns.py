"""How long a citizen waits before each act: read from when they last did each one."""

from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select

from app.extensions import db
from app.game import rules
from app.game.prepared import Prepared
from app.game.reads.queries import Life
from app.models import Event

_EVENTS = Event.__table__


def last_done(action) -> Select:
    """When the citizen (the `citizen` parameter) last did an action: one index lookup, however
    long their history (a max grouped by action, or over several, reads all their events)."""
    return select(func.max(_EVENTS.c.created_at).label("at")).where(
        _EVENTS.c.citizen_id == bindparam("citizen"), _EVENTS.c.action == action
    )


@cache
def _last_acts(actions: tuple[str, ...]) -> Prepared:
    """When a citizen last did each action."""
    return Prepared(select(*(last_done(action).scalar_subquery() for action in actions)))


def cooldowns(life: Life, now: datetime, pace: float = 1.0) -> dict[str, int]:
    """Return the seconds left before each action may be done again."""
    actions = tuple(rules.ACTS)
    done = _last_acts(actions).one(db.session(), {"citizen": life.citizen.id})
    last = {action: at for action, at in zip(actions, done, strict=True) if at is not None}
    found = {}
    for action in actions:
        times = [last[a] for a in rules.cooldown_group(action) if a in last]
        factor = life.world.act_factor(life.standings, action) * pace
        found[action] = rules.seconds_left(
            max(times, default=None), rules.cooldown_for(action, factor), now
        )
    return found
