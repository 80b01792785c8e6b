"""Every write the game makes: load, ask the rules, write the ledger and standings, commit once."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.extensions import IMMEDIATE, db
from app.game import rules
from app.models import Citizen, Classroom, Event, Round, Standing, User, utcnow

OPEN_CODE = "OPEN00"  # reserved: "0" is not in the join-code alphabet


class Refused(Exception):
    """The game refuses an action; the message tells the player why."""

    def __init__(self, message: str, status: int = 409, retry_after: int = 0):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class Applied:
    effects: tuple[rules.Effect, ...]
    replayed: bool = False


@contextmanager
def write_transaction() -> Iterator[Session]:
    """Run one short write transaction (BEGIN IMMEDIATE on SQLite) and commit it once."""
    session = db.session()
    if session.in_transaction():
        session.commit()
    session.connection(execution_options={IMMEDIATE: True})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def open_round() -> Round:
    """Return the running round of the open classroom that hosts solo play, creating it once."""
    classroom = db.session.scalar(select(Classroom).where(Classroom.is_open))
    if classroom is None:
        try:
            with write_transaction() as session:
                classroom = Classroom(name="Solo play", join_code=OPEN_CODE, is_open=True)
                session.add(classroom)
                session.flush()
                session.add(Round(classroom_id=classroom.id, number=1, status="running"))
        except IntegrityError:
            pass  # another request created it first
        classroom = db.session.scalar(select(Classroom).where(Classroom.is_open))
    return current_round(classroom.id)


def current_round(classroom_id: int) -> Round:
    """Return a classroom's newest round."""
    return db.session.scalars(
        select(Round).where(Round.classroom_id == classroom_id).order_by(Round.number.desc())
    ).first()


def add_citizen(session: Session, round_: Round, user: User, display_name: str) -> Citizen:
    """Create a citizen with every track of the round's world at its baseline."""
    citizen = Citizen(round_id=round_.id, user_id=user.id, display_name=display_name)
    session.add(citizen)
    session.flush()
    for track in rules.world_for(round_.world).tracks:
        session.add(
            Standing(
                citizen_id=citizen.id,
                track=track.key,
                baseline=track.baseline,
                value=track.baseline,
            )
        )
    return citizen


def register_player(username: str, password_hash: str) -> User:
    """Create a player account with a citizen in the open round; raise IntegrityError if taken."""
    round_ = open_round()
    with write_transaction() as session:
        user = User(
            username=username, password_hash=password_hash, classroom_id=round_.classroom_id
        )
        session.add(user)
        session.flush()
        add_citizen(session, round_, user, username)
    return user


def current_citizen(user: User) -> Citizen | None:
    """Return the user's citizen in their classroom's current round (solo play joins lazily)."""
    if user.classroom_id is None:
        return None
    round_ = current_round(user.classroom_id)
    citizen = db.session.scalar(
        select(Citizen).where(Citizen.round_id == round_.id, Citizen.user_id == user.id)
    )
    if citizen is None and round_.classroom_id == open_round().classroom_id:
        with write_transaction() as session:
            citizen = add_citizen(session, round_, user, user.username)
    return citizen


def _history(session: Session, citizen_id: int, action: str, item: str | None) -> rules.History:
    last_done = session.scalar(
        select(func.max(Event.created_at)).where(
            Event.citizen_id == citizen_id, Event.action == action
        )
    )
    item_count = 0
    if item is not None:
        item_count = session.scalar(
            select(func.count()).where(
                Event.citizen_id == citizen_id,
                Event.action == action,
                Event.item == item,
                Event.track == rules.SCORE.key,
            )
        )
    return rules.History(last_done=last_done, item_count=item_count)


def _event_key(citizen_id: int, key: str, track: str) -> str:
    return f"{citizen_id}:{key}:{track}"


def perform_action(
    citizen_id: int, attempt: rules.Attempt, item: str | None, key: str, note: str | None = None
) -> Applied:
    """Apply a player's action once: check, write its events and standings, commit."""
    try:
        with write_transaction() as session:
            return _perform(session, citizen_id, attempt, item, key, note)
    except IntegrityError:
        # The same one-time key committed concurrently: the action is already applied.
        return Applied(effects=(), replayed=True)


def _perform(session, citizen_id, attempt, item, key, note) -> Applied:
    citizen = session.get(Citizen, citizen_id)
    round_ = session.get(Round, citizen.round_id)
    world = rules.world_for(round_.world)
    if citizen.kicked_at is not None:
        raise Refused("You were removed from this round by the instructor.", 403)
    if round_.status != "running":
        raise Refused(f"The round is {round_.status}: actions wait until it runs.", 409)
    keys = [_event_key(citizen_id, key, track.key) for track in world.tracks]
    if session.scalar(select(Event.id).where(Event.idempotency_key.in_(keys)).limit(1)):
        return Applied(effects=(), replayed=True)
    standings = session.scalars(
        select(Standing)
        .where(Standing.citizen_id == citizen_id)
        .order_by(Standing.id)
        .with_for_update()
    ).all()
    now = utcnow()
    outcome = rules.apply(
        world,
        attempt,
        {s.track: s.value for s in standings},
        _history(session, citizen_id, attempt.action, item),
        now,
    )
    if outcome.refusal:
        status = 429 if outcome.refusal == "cooldown" else 403
        raise Refused(outcome.message, status, outcome.retry_after)
    by_track = {s.track: s.id for s in standings}
    for effect in outcome.effects:
        session.add(
            Event(
                citizen_id=citizen_id,
                round_id=round_.id,
                track=effect.track,
                action=attempt.action,
                item=item,
                delta=effect.delta,
                reason=effect.reason,
                note=note,
                created_at=now,
                idempotency_key=_event_key(citizen_id, key, effect.track),
            )
        )
        session.execute(
            update(Standing)
            .where(Standing.id == by_track[effect.track])
            .values(value=Standing.value + effect.delta)
        )
    session.flush()
    return Applied(effects=outcome.effects)


def adjust(citizen_id: int, track: str, delta: int, reason: str, key: str) -> Applied:
    """Award or fine a citizen on the instructor's word: a ledger event like any other."""
    try:
        with write_transaction() as session:
            citizen = session.get(Citizen, citizen_id)
            world = rules.world_for(session.get(Round, citizen.round_id).world)
            if citizen.kicked_at is not None:
                raise Refused(f"{citizen.display_name} was removed from the round.")
            event_key = _event_key(citizen_id, key, track)
            if session.scalar(select(Event.id).where(Event.idempotency_key == event_key)):
                return Applied(effects=(), replayed=True)
            standing = session.scalars(
                select(Standing)
                .where(Standing.citizen_id == citizen_id, Standing.track == track)
                .with_for_update()
            ).one()
            applied = world.track(track).clamp_delta(standing.value, delta)
            effect = rules.Effect(track, applied, reason)
            session.add(
                Event(
                    citizen_id=citizen_id,
                    round_id=citizen.round_id,
                    track=track,
                    action="award" if delta >= 0 else "fine",
                    delta=applied,
                    actor="instructor",
                    reason=reason,
                    idempotency_key=event_key,
                )
            )
            session.execute(
                update(Standing)
                .where(Standing.id == standing.id)
                .values(value=Standing.value + applied)
            )
        return Applied(effects=(effect,))
    except IntegrityError:
        return Applied(effects=(), replayed=True)
