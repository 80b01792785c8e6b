"""Statements of the act path, compiled once per database and run on the driver's cursor.

SQLAlchemy's `Connection.execute` spends about 20 µs of Python on each statement (events, an
execution context, result metadata) around the driver's 5-10; an act runs five. A `Prepared`
statement is compiled by SQLAlchemy once per dialect, with its parameters' and columns' type
processors, and runs on the driver connection of the session's transaction: it commits or
rolls back with everything else the session does.
"""

from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable


@dataclass(frozen=True)
class _Compiled:
    sql: str
    order: tuple[str, ...] | None  # the parameters' names in place order (positional drivers)
    defaults: Mapping[str, Any]  # values bound in the statement itself
    binds: tuple[tuple[str, Callable], ...]  # parameters whose values the type converts
    results: tuple[Callable | None, ...]  # each column's conversion (None: as it comes)
    row: type | None  # a named tuple of the columns, for statements that return rows


class Prepared:
    """A statement built once, run with plain parameters; rows come back as named tuples.
    It runs on a session's transaction, or on a connection of one (taken once for several
    statements, as a session looks its connection up at each call)."""

    def __init__(self, statement: Executable):
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, dialect) -> _Compiled:
        found = self._by_dialect.get(dialect.name)
        if found is None:
            found = self._by_dialect[dialect.name] = _compile(self.statement, dialect)
        return found

    @contextmanager
    def _cursor(self, on: Session | Connection) -> Iterator[tuple[_Compiled, Callable]]:
        """Give the compiled statement and a function running it on a cursor of the session's
        driver connection; the driver's errors become SQLAlchemy's (an IntegrityError stays an
        IntegrityError)."""
        connection = on.connection() if isinstance(on, Session) else on
        dialect = connection.dialect
        compiled = self._compiled(dialect)
        cursor = connection.connection.driver_connection.cursor()
        listeners = connection.dispatch.before_cursor_execute

        def execute(params, many: bool = False):
            if listeners:  # a test counting statements, a log: told as SQLAlchemy tells them
                listeners(connection, cursor, compiled.sql, params, None, many)
            (cursor.executemany if many else cursor.execute)(compiled.sql, params)
            return cursor

        try:
            yield compiled, execute
        except dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                compiled.sql, None, error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error
        finally:
            cursor.close()

    def rows(self, on: Session | Connection, params: Mapping[str, Any]) -> list:
        with self._cursor(on) as (compiled, execute):
            found = execute(_bound(compiled, params)).fetchall()
        if compiled.row is None:
            return found
        if not any(compiled.results):  # the driver's values as they come (a long series of ints)
            return list(map(compiled.row._make, found))
        return [_converted(compiled, row) for row in found]

    def one(self, on: Session | Connection, params: Mapping[str, Any]):
        found = self.rows(on, params)
        if len(found) != 1:
            raise LookupError(f"one row expected, {len(found)} found")
        return found[0]

    def run(self, on: Session | Connection, params: Mapping[str, Any] | Iterable[Mapping]) -> None:
        """Run a statement that returns no rows: once, or once for each set of parameters."""
        with self._cursor(on) as (compiled, execute):
            if isinstance(params, Mapping):
                execute(_bound(compiled, params))
            else:
                execute([_bound(compiled, each) for each in params], many=True)


def _compile(statement: Executable, dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    if compiled.post_compile_params or compiled.literal_execute_params:
        raise ValueError(  # SQLAlchemy rewrites such SQL at each execution; here it would not
            "A prepared statement takes a fixed number of parameters: no expanding IN."
        )
    binds = tuple(
        (name, processor)
        for name, bind in compiled.binds.items()
        if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    )
    columns = getattr(statement, "selected_columns", None)
    results = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None)
        for column in (columns or ())
    )
    return _Compiled(
        sql=compiled.string,
        order=tuple(compiled.positiontup) if dialect.positional else None,
        defaults={name: bind.value for name, bind in compiled.binds.items() if not bind.required},
        binds=binds,
        results=results,
        row=namedtuple("Row", list(columns.keys()), rename=True) if columns else None,
    )


def _bound(compiled: _Compiled, params: Mapping[str, Any]):
    values = {**compiled.defaults, **params} if compiled.defaults else dict(params)
    for name, processor in compiled.binds:
        if name in values:
            values[name] = processor(values[name])
    if compiled.order is None:
        return values
    return tuple(values[name] for name in compiled.order)


def _converted(compiled: _Compiled, row):
    return compiled.row._make(
        value if convert is None or value is None else convert(value)
        for value, convert in zip(row, compiled.results, strict=True)
    )
