"""One short write transaction: BEGIN IMMEDIATE on SQLite, committed once.

SQLite lets one writer in at a time and makes the others poll with growing sleeps, which
under a classroom's load wastes more time than the writes take. Writers on one SQLite file
therefore queue on an operating-system lock first, and are woken the moment it is free.
"""

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy.orm import Session

from app.extensions import IMMEDIATE, db

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


def _begin(session: Session) -> None:
    """Begin the write: on the request's reading connection if it reads statement by statement."""
    if session.in_transaction():
        driver = session.connection().connection.driver_connection
        if getattr(driver, "in_transaction", True) is False:  # SQLite between statements
            driver.execute("BEGIN IMMEDIATE")
            return
        session.commit()
    session.connection(execution_options={IMMEDIATE: True})


@contextmanager
def write_transaction() -> Iterator[Session]:
    """Run one short write transaction (BEGIN IMMEDIATE on SQLite) and commit it once."""
    session = db.session()
    with _queue_for_engine():
        _begin(session)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
