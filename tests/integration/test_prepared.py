"""Statements run on the driver's cursor behave as SQLAlchemy's would: types, errors, the
session's transaction; and SQLite's log is copied back into the database outside the queue."""

import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import bindparam, event, func, select, text, update
from sqlalchemy.exc import IntegrityError

from app.extensions import READ, WAL_BACKSTOP, db
from app.game import ledger
from app.game.prepared import Prepared
from app.game.rules import Effect
from app.models import Citizen, Event, Round

EVENTS = Event.__table__
LATEST = Prepared(
    select(EVENTS.c.idempotency_key, func.max(EVENTS.c.created_at).label("at"))
    .where(EVENTS.c.citizen_id == bindparam("citizen"))
    .group_by(EVENTS.c.idempotency_key)
    .order_by(EVENTS.c.idempotency_key)
)


def _write(citizen, key: str, at: datetime) -> None:
    with ledger.write_transaction() as session:
        ledger.write_events(
            session,
            citizen.id,
            citizen.round_id,
            [(Effect("score", 1, "A test line"), key)],
            action="award",
            now=at,
        )


def test_rows_come_back_named_and_typed_as_sqlalchemy_reads_them(app, player):
    at = datetime(2026, 3, 1, 12, 0, 0)  # no microseconds: stored the way SQLAlchemy stores it
    with app.app_context():
        citizen = db.session.scalar(select(Citizen))
        _write(citizen, "prepared-a", at)
        _write(citizen, "prepared-b", at + timedelta(microseconds=5))
        rows = LATEST.rows(db.session(), {"citizen": citizen.id})
        assert [(r.idempotency_key, r.at) for r in rows] == [
            ("prepared-a", at),
            ("prepared-b", at + timedelta(microseconds=5)),
        ]
        assert db.session.scalars(
            select(Event.created_at).where(Event.idempotency_key.like("prepared-%"))
        ).all() == [at, at + timedelta(microseconds=5)]


def test_the_engines_listeners_hear_of_each_statement_as_of_sqlalchemys(app, player):
    heard = []

    def note(connection, cursor, statement, parameters, context, many):
        heard.append((statement, many))

    with app.app_context():
        citizen = db.session.scalar(select(Citizen))
        event.listen(db.engine, "before_cursor_execute", note)
        try:
            LATEST.rows(db.session(), {"citizen": citizen.id})
            _write(citizen, "prepared-heard", datetime(2026, 3, 1))
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
        compiled = LATEST.statement.compile(dialect=db.engine.dialect).string
    assert heard[0] == (compiled, False)
    assert any(sql.startswith("INSERT INTO event") for sql, _ in heard[1:])


def test_a_driver_error_is_sqlalchemys_and_the_transaction_writes_nothing(app, player):
    with app.app_context():
        citizen = db.session.scalar(select(Citizen))
        _write(citizen, "prepared-once", datetime(2026, 3, 1))
        with pytest.raises(IntegrityError):
            with ledger.write_transaction() as session:
                ledger.write_events(
                    session,
                    citizen.id,
                    citizen.round_id,
                    [
                        (Effect("score", 1, "First"), "prepared-new"),
                        (Effect("score", 1, "Again"), "prepared-once"),
                    ],
                    action="award",
                    now=datetime(2026, 3, 2),
                )
        keys = db.session.scalars(
            select(Event.idempotency_key).where(Event.idempotency_key.like("prepared-%"))
        )
        assert keys.all() == ["prepared-once"]


def test_sqlite_copies_its_log_into_the_database_after_so_many_commits(app, player):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the write-ahead log is SQLite's")
        assert db.session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == WAL_BACKSTOP
        citizen = db.session.scalar(select(Citizen))
        path = db.engine.url.database

        def in_the_file() -> int:  # the database file alone, without its log
            with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as file:
                return file.execute("SELECT count(*) FROM event WHERE action = 'award'").fetchone()[
                    0
                ]

        before = in_the_file()
        db.session.remove()
        for i in range(2 * ledger.CHECKPOINT_EVERY):  # a request's write: after a first read
            db.session.connection(execution_options={READ: True})
            _write(citizen, f"prepared-{i:04d}", datetime(2026, 3, 1))
            db.session.remove()
        # this process checkpoints at one of the first CHECKPOINT_EVERY, and again after as many
        assert in_the_file() - before > ledger.CHECKPOINT_EVERY


def test_a_write_on_the_reading_connection_leaves_no_stale_object_behind(app, player):
    with app.app_context():
        round_id = db.session.scalar(select(Citizen.round_id))
        db.session.remove()
        db.session.connection(execution_options={READ: True})  # as a request's first read
        round_ = db.session.get(Round, round_id)
        before = round_.crackdown
        rounds = Round.__table__  # a statement on the table: the object in memory is not told
        with ledger.write_transaction() as session:
            session.connection().execute(
                update(rounds).where(rounds.c.id == round_id).values(crackdown=before + 1)
            )
        assert round_.crackdown == before + 1  # read again after the commit, as a session's


def test_a_statement_with_an_expanding_in_is_refused(app):
    expanding = Prepared(select(EVENTS.c.id).where(EVENTS.c.track.in_(["score", "wellbeing"])))
    with app.app_context():
        with pytest.raises(ValueError, match="no expanding IN"):
            expanding.rows(db.session(), {})
