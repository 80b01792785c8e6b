"""The throttles' counts, kept in the game's own database: every worker and server shares them.

Registered with `limits` as the storage scheme `database://`, the default of
RATELIMIT_STORAGE_URI. It serves Flask-Limiter's fixed-window strategy: a count per key, and
the moment its window ends.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from limits.storage import Storage
from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import IMMEDIATE, db
from app.models import RateLimit

_TABLE = RateLimit.__table__
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class DatabaseStorage(Storage):
    """Fixed windows in the rate_limit table, on the app's database engine."""

    STORAGE_SCHEME = ["database"]
    base_exceptions = SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count a hit and return the key's count: expired windows are dropped, then one upsert."""
        now = time.time()
        with _writing() as conn:
            conn.execute(delete(_TABLE).where(_TABLE.c.expires_at <= now))
            insert = _INSERTS[conn.dialect.name](_TABLE).values(
                key=key, count=amount, expires_at=now + expiry
            )
            upsert = insert.on_conflict_do_update(
                index_elements=[_TABLE.c.key], set_={"count": _TABLE.c.count + amount}
            ).returning(_TABLE.c.count)
            return conn.execute(upsert).scalar_one()

    def get(self, key: str) -> int:
        query = select(_TABLE.c.count).where(_live(key))
        with db.engine.connect() as conn:
            return conn.execute(query).scalar() or 0

    def get_expiry(self, key: str) -> float:
        query = select(_TABLE.c.expires_at).where(_live(key))
        with db.engine.connect() as conn:
            return conn.execute(query).scalar() or time.time()

    def check(self) -> bool:
        with db.engine.connect() as conn:
            conn.execute(select(func.count()).select_from(_TABLE))
        return True

    def reset(self) -> int | None:
        with _writing() as conn:
            return conn.execute(delete(_TABLE)).rowcount

    def clear(self, key: str) -> None:
        with _writing() as conn:
            conn.execute(delete(_TABLE).where(_TABLE.c.key == key))


def _live(key: str):
    return (_TABLE.c.key == key) & (_TABLE.c.expires_at > time.time())


@contextmanager
def _writing() -> Iterator[Connection]:
    """A short transaction of its own (BEGIN IMMEDIATE on SQLite), apart from the request's."""
    with db.engine.connect() as conn:
        conn.execution_options(**{IMMEDIATE: True})
        with conn.begin():
            yield conn
