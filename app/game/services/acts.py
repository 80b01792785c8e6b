"""A player's acts and the instructor's awards and fines: load, ask the rules, write the ledger
and the standings, commit once."""

from dataclasses import dataclass
from functools import cache

from flask import current_app
from sqlalchemy import bindparam, case, delete, func, select, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.extensions import db
from app.game import ledger, rules
from app.game.ledger import Refused, write_transaction
from app.game.prepared import Prepared
from app.game.reads.cooldowns import last_done
from app.models import Citizen, Event, Friendship, Round, Standing, event_key, utcnow

WAITING = {
    "lobby": "The round is waiting to start: actions wait until the instructor starts it.",
    "paused": "The round is paused: actions wait until it resumes.",
    "ended": "The round has ended: there is nothing more to do in it.",
}

# The statements of every action, built once on the tables (not the ORM classes): an action
# is the hot path, and building or ORM-processing a statement costs more than running it.
_CITIZENS, _ROUNDS, _EVENTS, _STANDINGS = (m.__table__ for m in (Citizen, Round, Event, Standing))
APPLIED = select(_EVENTS.c.id).where(_EVENTS.c.idempotency_key == bindparam("key"))
STANDINGS = Prepared(
    select(_STANDINGS.c.track, _STANDINGS.c.value)
    .where(_STANDINGS.c.citizen_id == bindparam("citizen"))
    .order_by(_STANDINGS.c.id)
    .with_for_update()
)
# A fixed number of parameters for an act's cooldown group: an expanding IN would rewrite
# the statement's SQL on every execution.
GROUP_SIZE = rules.acts.MAX_GROUP
# When the act's cooldown group last acted: an index lookup for each act in it.
_LAST_DONE = union_all(*(last_done(bindparam(f"group_{i}")) for i in range(GROUP_SIZE))).subquery()


@cache
def _act_context(primaries: tuple[tuple[str, str], ...]):
    """Build the one read that gives an act everything the rules need besides the standings:
    the citizen, their round, whether the one-time key was used, when the cooldown group last
    acted, and how often this item was already acted on (counted on the world's primary
    track). Built once per set of worlds."""
    return Prepared(
        select(
            _CITIZENS.c.id,
            _CITIZENS.c.round_id,
            _CITIZENS.c.kicked_at,
            _ROUNDS.c.status,
            _ROUNDS.c.world,
            _ROUNDS.c.crackdown,
            _ROUNDS.c.started_at,
            APPLIED.scalar_subquery().label("applied"),
            select(func.max(_LAST_DONE.c.at)).scalar_subquery().label("last_done"),
            select(func.count())
            .where(
                _EVENTS.c.citizen_id == _CITIZENS.c.id,
                _EVENTS.c.action == bindparam("action"),
                _EVENTS.c.item == bindparam("item"),
                _EVENTS.c.track == case(dict(primaries), value=_ROUNDS.c.world),
            )
            .scalar_subquery()
            .label("item_count"),
        )
        .join_from(_CITIZENS, _ROUNDS, _ROUNDS.c.id == _CITIZENS.c.round_id)
        .where(_CITIZENS.c.id == bindparam("citizen"))
    )


def act_context():
    return _act_context(tuple((key, world.primary) for key, world in rules.WORLDS.items()))


@dataclass(frozen=True)
class Applied:
    effects: tuple[rules.Effect, ...]
    replayed: bool = False


def _cooldown_group(action: str) -> dict[str, str]:
    """Return the parameters naming the actions that share a cooldown (padded by repeats)."""
    group = rules.cooldown_group(action)
    return {f"group_{i}": group[min(i, len(group) - 1)] for i in range(GROUP_SIZE)}


_FRIENDS = Friendship.__table__
FRIENDS_MEAN = Prepared(
    select(func.avg(_STANDINGS.c.value))
    .join(_FRIENDS, _FRIENDS.c.friend_id == _STANDINGS.c.citizen_id)
    .join(_CITIZENS, _CITIZENS.c.id == _FRIENDS.c.friend_id)
    .where(
        _FRIENDS.c.citizen_id == bindparam("citizen"),
        _STANDINGS.c.track == bindparam("track"),
        _CITIZENS.c.kicked_at.is_(None),
    )
)


def friends_mean(on: Session | Connection, citizen_id: int, track: str) -> float | None:
    """Return the mean standing of a citizen's friends still in the round on a track."""
    (mean,) = FRIENDS_MEAN.one(on, {"citizen": citizen_id, "track": track})
    return float(mean) if mean is not None else None


def _situation(
    connection: Connection, citizen_id: int, world: rules.World, round_, now
) -> rules.Situation:
    return rules.Situation(
        pace=current_app.config["PACE"],
        friends_mean=friends_mean(connection, citizen_id, world.primary)
        if world.friends_matter
        else None,
        crackdown=round_.crackdown,
        platform_active=rules.platform_active(round_.started_at, now),
    )


def already_applied(citizen_id: int, key: str) -> bool:
    """Say whether an act with this one-time key is in the ledger (read after a rollback)."""
    found = db.session.scalar(APPLIED, {"key": event_key(citizen_id, key)})
    return found is not None


def perform_action(
    citizen_id: int,
    attempt: rules.Attempt,
    item: str | None,
    key: str,
    note: str | None = None,
    target_id: int | None = None,
) -> Applied:
    """Apply a player's action once: check, write its events and standings, commit."""
    try:
        with write_transaction() as session:
            return perform_in(session, citizen_id, attempt, item, key, note, target_id)
    except IntegrityError:
        if already_applied(citizen_id, key):  # the same key committed concurrently
            return Applied(effects=(), replayed=True)
        raise


def perform_in(
    session: Session,
    citizen_id: int,
    attempt: rules.Attempt,
    item: str | None,
    key: str,
    note: str | None = None,
    target_id: int | None = None,
    *,
    now=None,
    actor: str = "system",
) -> Applied:
    """Apply an act inside a write transaction already open: a player's (now, by the system)
    or a simulated citizen's (at its tick's time, by "simulated")."""
    connection = session.connection()
    # Lock the citizen's standings first (FOR UPDATE on PostgreSQL): the reads after it then
    # see every act of this citizen that committed before, so a cooldown holds under races.
    standings = STANDINGS.rows(connection, {"citizen": citizen_id})
    citizen = act_context().one(
        connection,
        {
            "citizen": citizen_id,
            "key": event_key(citizen_id, key),
            **_cooldown_group(attempt.action),
            "action": attempt.action,
            "item": item,
        },
    )
    world = rules.world_for(citizen.world)
    if citizen.kicked_at is not None:
        raise Refused("You were removed from this round by the instructor.", 403)
    if citizen.status != "running":
        raise Refused(WAITING.get(citizen.status, "Actions wait until the round runs."), 409)
    if citizen.applied is not None:
        return Applied(effects=(), replayed=True)
    target = _target(session, citizen, attempt.action, target_id)
    if target is not None:
        attempt = rules.Attempt(attempt.action, title=target.display_name)
    now = now or utcnow()
    outcome = rules.apply(
        world,
        attempt,
        dict(standings),
        rules.History(last_done=citizen.last_done, item_count=citizen.item_count),
        now,
        _situation(connection, citizen_id, world, citizen, now),
    )
    if outcome.refusal:
        status = {"cooldown": 429, "locked": 403}.get(outcome.refusal, 409)
        raise Refused(outcome.message, status, outcome.retry_after)
    keyed = [
        (effect, event_key(citizen_id, key, part)) for part, effect in enumerate(outcome.effects)
    ]
    ledger.write_events(
        session,
        citizen_id,
        citizen.round_id,
        keyed,
        action=attempt.action,
        item=item,
        note=note,
        now=now,
        actor=actor,
    )
    if target is not None:
        _on_target(session, citizen, target, attempt.action, outcome, key, now, actor)
    if world.touches_meters(attempt.action):
        ledger.apply_effects(
            session,
            session.get(Round, citizen.round_id),
            now,
            lambda values: world.meter_effects(attempt, values),
        )
    return Applied(effects=outcome.effects)


def _target(session, citizen, action: str, target_id: int | None) -> Citizen | None:
    """Check the citizen an act is aimed at: in the same round, present, not oneself."""
    if not rules.ACTS[action].aimed:
        return None
    target = session.get(Citizen, target_id) if target_id else None
    if target is None or target.round_id != citizen.round_id:
        raise Refused("There is no such citizen in your round.", 404)
    if target.id == citizen.id:
        raise Refused("That is you. Choose another citizen.", 400)
    if target.kicked_at is not None:
        raise Refused(f"{target.display_name} was removed from the round.", 409)
    friends = session.scalar(
        select(Friendship.id).where(
            Friendship.citizen_id == citizen.id, Friendship.friend_id == target.id
        )
    )
    bond = rules.ACTS[action].bond
    if bond == "add" and friends:
        raise Refused(f"{target.display_name} is already your friend.", 409)
    if bond == "remove" and not friends:
        raise Refused(f"{target.display_name} is not your friend.", 409)
    return target


def _on_target(
    session, citizen, target: Citizen, action: str, outcome, key: str, now, actor
) -> None:
    """Write what an aimed act does to its target: a friendship made or ended, and any
    effects the rules decided on the target (a report's line in their file)."""
    bond = rules.ACTS[action].bond
    if bond == "add":
        session.add(Friendship(citizen_id=citizen.id, friend_id=target.id, created_at=now))
    elif bond == "remove":
        session.execute(
            delete(Friendship).where(
                Friendship.citizen_id == citizen.id, Friendship.friend_id == target.id
            )
        )
    if outcome.on_target:
        ledger.write_events(
            session,
            target.id,
            target.round_id,
            [
                (effect, event_key(citizen.id, key, "target" if not part else f"target{part}"))
                for part, effect in enumerate(outcome.on_target)
            ],
            action=rules.ACTS[action].target_event,
            now=now,
            actor=actor,
        )
