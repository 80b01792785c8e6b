"""The ledger: the one write path for events, standings and class-meter events.

Every write runs in one short transaction (`write_transaction`): BEGIN IMMEDIATE on SQLite,
committed once. SQLite lets one writer in at a time and makes the others poll with growing
sleeps, which under a classroom's load wastes more time than the writes take; writers on one
SQLite file therefore queue on an operating-system lock first, and are woken the moment it is
free. Events are appended, never changed; each standing and each class meter is a cache kept
equal to its baseline plus the sum of its events. When the game refuses something, it raises
`Refused`, and nothing is written.
"""

import fcntl
import itertools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.extensions import IMMEDIATE, db
from app.game.prepared import Prepared
from app.game.rules import Effect, meters
from app.models import Event, MeterEvent, Round, RoundMeter, Standing, utcnow

_EVENTS, _STANDINGS = Event.__table__, Standing.__table__


class Refused(Exception):
    """The game refuses an action; the message tells the player why."""

    def __init__(self, message: str, status: int = 409, retry_after: int = 0):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


_queues: dict[str, tuple[threading.Lock, int]] = {}
_queues_lock = threading.Lock()


@contextmanager
def _writer_queue(path: str) -> Iterator[None]:
    """Hold the write lock of one SQLite file: across threads, then across processes."""
    with _queues_lock:
        if path not in _queues:
            fd = os.open(f"{path}.writelock", os.O_RDWR | os.O_CREAT, 0o600)
            _queues[path] = (threading.Lock(), fd)
        thread_lock, fd = _queues[path]
    with thread_lock:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _queue_for_engine():
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return _writer_queue(url.database)
    return nullcontext()


def _begin(session: Session):
    """Begin the write. On the request's reading connection, when it reads statement by
    statement (SQLite), begin and return its driver connection: the write then commits there,
    past the session's transaction machinery (it costs more than SQLite's commit itself)."""
    if session.in_transaction():
        driver = session.connection().connection.driver_connection
        if getattr(driver, "in_transaction", True) is False:  # SQLite between statements
            driver.execute("BEGIN IMMEDIATE")
            return driver
        session.commit()
    session.connection(execution_options={IMMEDIATE: True})
    return None


# SQLite copies its write-ahead log back into the database (a checkpoint) inside the commit
# that fills it, which would hold every other writer in the queue meanwhile: connections
# leave that to a rare backstop (extensions), and a process checkpoints after every so many
# of its own commits, once out of the queue, beside the writers that go on.
CHECKPOINT_EVERY = 200
_commits = itertools.count(1)


@contextmanager
def write_transaction() -> Iterator[Session]:
    """Run one short write transaction (BEGIN IMMEDIATE on SQLite) and commit it once."""
    session = db.session()
    with _queue_for_engine():
        driver = _begin(session)
        try:
            yield session
            if driver is None:
                session.commit()
            else:  # as the session's commit would: flush, commit, and expire what it loaded
                session.flush()
                driver.execute("COMMIT")
                session.expire_all()
        except BaseException:
            session.rollback()
            raise
    if driver is not None and next(_commits) % CHECKPOINT_EVERY == 0:
        try:  # the write is committed; a checkpoint that fails waits for the next
            driver.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass


# Events and standings: built once on the tables, since an act is the hot path and building
# or ORM-processing a statement costs more than running it.
EVENT_COLUMNS = (
    "citizen_id round_id track action item delta actor reason note created_at idempotency_key"
).split()
ADD_EVENTS = Prepared(insert(_EVENTS).values({name: bindparam(name) for name in EVENT_COLUMNS}))
MOVE_STANDING = Prepared(
    update(_STANDINGS)
    .where(
        _STANDINGS.c.citizen_id == bindparam("citizen"),
        _STANDINGS.c.track == bindparam("moved_track"),
    )
    .values(value=_STANDINGS.c.value + bindparam("delta"))
)


def write_events(
    session: Session,
    citizen_id: int,
    round_id: int,
    effects: list[tuple[Effect, str | None]],
    *,
    action: str,
    now,
    item: str | None = None,
    note: str | None = None,
    actor: str = "system",
) -> None:
    """Append ledger events and move their standings by the same deltas, atomically."""
    connection = session.connection()
    ADD_EVENTS.run(
        connection,
        [
            {
                "citizen_id": citizen_id,
                "round_id": round_id,
                "track": effect.track,
                "action": action,
                "item": item,
                "delta": effect.delta,
                "actor": actor,
                "reason": effect.reason,
                "note": note,
                "created_at": now,
                "idempotency_key": key,
            }
            for effect, key in effects
        ],
    )
    totals: dict[str, int] = {}
    for effect, _ in effects:
        totals[effect.track] = totals.get(effect.track, 0) + effect.delta
    moved = [
        {"citizen": citizen_id, "moved_track": track, "delta": delta}
        for track, delta in totals.items()
        if delta
    ]
    if moved:
        MOVE_STANDING.run(connection, moved)


# The class meters of a round.


def add_meters(session: Session, round_id: int) -> None:
    """Give a new round every class meter at its baseline."""
    for meter in meters.METERS.values():
        track = meter.track
        session.add(
            RoundMeter(
                round_id=round_id, meter=track.key, baseline=track.baseline, value=track.baseline
            )
        )


def values(session: Session, round_id: int) -> dict[str, int]:
    """Return a round's meters (baselines where a meter is missing)."""
    found = dict(
        session.execute(
            select(RoundMeter.meter, RoundMeter.value).where(RoundMeter.round_id == round_id)
        ).all()
    )
    return {key: found.get(key, m.track.baseline) for key, m in meters.METERS.items()}


def apply_effects(
    session: Session,
    round_: Round,
    now: datetime,
    make: Callable[[Mapping[str, int]], list[Effect]],
    actor: str = "system",
) -> None:
    """Settle economic growth, then apply the effects made from the current meter values."""
    settle_growth(session, round_, now)
    current = values(session, round_.id)
    for effect in make(current):
        _write(session, round_.id, current, effect, now, actor)


def growth_due(round_: Round, now: datetime) -> bool:
    """Say whether a whole minute of growth waits to be written."""
    return (
        round_.status == "running"
        and round_.growth_at is not None
        and now - round_.growth_at >= timedelta(minutes=1)
    )


def settle(round_id: int) -> None:
    """Write the growth a running round is owed, in a transaction of its own."""
    with write_transaction() as session:
        settle_growth(session, session.get(Round, round_id), utcnow())


def settle_growth(session: Session, round_: Round, now: datetime) -> None:
    """Write the calm that growth brought for every whole minute the round ran unsettled."""
    if round_.status != "running" or round_.growth_at is None:
        return
    minutes = int((now - round_.growth_at).total_seconds() // 60)
    if minutes < 1:
        return
    moved = session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.growth_at == round_.growth_at)
        .values(growth_at=round_.growth_at + timedelta(minutes=minutes))
    )
    session.refresh(round_, ["growth_at"])
    if moved.rowcount != 1:
        return  # another request settled it first
    current = values(session, round_.id)
    effect = meters.growth_effect(current, minutes)
    if effect is not None:
        _write(session, round_.id, current, effect, now, "system")


def _write(session, round_id: int, current: dict[str, int], effect: Effect, now, actor) -> None:
    delta = meters.clamp(effect.track, current[effect.track], effect.delta)
    if delta == 0:
        return
    before, after = current[effect.track], current[effect.track] + delta
    session.add(
        MeterEvent(
            round_id=round_id,
            meter=effect.track,
            delta=delta,
            actor=actor,
            reason=effect.reason,
            created_at=now,
            headline=meters.headline(effect.track, before, after),
        )
    )
    session.execute(
        update(RoundMeter)
        .where(RoundMeter.round_id == round_id, RoundMeter.meter == effect.track)
        .values(value=RoundMeter.value + delta)
    )
    current[effect.track] = after
