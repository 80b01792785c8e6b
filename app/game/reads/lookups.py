"""Plain reads the pages need: rows and objects by id, name or code; nothing here writes.

The signed-in account is read on every request, so it is one Core statement, not the ORM.
"""

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.engine import Row

from app.extensions import READ, db
from app.game import ledger
from app.game.prepared import Prepared
from app.game.rules import codes, names
from app.models import CheckAnswer, Citizen, Classroom, Event, Round, Standing, User, utcnow

_USERS, _CITIZENS, _ROUNDS = User.__table__, Citizen.__table__, Round.__table__


def newest_round_id(classroom):
    """Select the id of a classroom's current round, its newest; `classroom` is a column or a
    parameter."""
    return (
        select(func.max(_ROUNDS.c.id)).where(_ROUNDS.c.classroom_id == classroom).scalar_subquery()
    )


def current_round(classroom_id: int) -> Round:
    """Return a classroom's newest round."""
    return db.session.scalar(select(Round).where(Round.id == newest_round_id(classroom_id)))


def now() -> datetime:
    """Return the time as the ledger stores it (naive UTC)."""
    return utcnow()


class CitizenRow(NamedTuple):
    """A citizen as every layer passes it: the columns of the citizen table, in order, read
    once. Writes go by its id."""

    id: int
    round_id: int
    user_id: int
    display_name: str
    created_at: Any
    kicked_at: Any
    temperament: str | None = None  # a simulated citizen's; players have none

    @property
    def simulated(self) -> bool:
        return self.temperament is not None


def citizen_row(citizen) -> CitizenRow:
    """Return the one citizen type the layers pass around, from a row or a mapped object."""
    if isinstance(citizen, CitizenRow):
        return citizen
    return CitizenRow(
        citizen.id,
        citizen.round_id,
        citizen.user_id,
        citizen.display_name,
        citizen.created_at,
        citizen.kicked_at,
        citizen.temperament,
    )


class RoundRow(NamedTuple):
    """A round as a player's pages read it: the columns of the round table, read once as a
    row (loaded as a mapped object it took three times as long). Writes go by its id."""

    id: int
    classroom_id: int
    number: int
    world: str
    status: str
    revision: int
    crackdown: bool
    debrief_open: bool
    created_at: Any
    started_at: Any
    growth_at: Any
    seed: int | None
    simulated_at: Any
    ended_at: Any
    purged_at: Any

    name = property(Round.name.fget)


class AccountRow(NamedTuple):
    """A user as every signed-in request reads them, with their citizen in their classroom's
    current round (None without one)."""

    id: int
    username: str
    role: str
    classroom_id: int | None
    session_version: int
    citizen: CitizenRow | None


ACCOUNT = Prepared(
    select(
        _USERS.c.id,
        _USERS.c.username,
        _USERS.c.role,
        _USERS.c.classroom_id,
        _USERS.c.session_version,
        *(column.label(f"citizen_{column.name}") for column in _CITIZENS.c),
    )
    .select_from(
        _USERS.outerjoin(
            _CITIZENS,
            and_(
                _CITIZENS.c.user_id == _USERS.c.id,
                _CITIZENS.c.round_id == newest_round_id(_USERS.c.classroom_id),
            ),
        )
    )
    .where(_USERS.c.id == bindparam("id"))
)


def account(user_id: int) -> AccountRow | None:
    """Return a user's account row, or None for no such user."""
    session = db.session()
    if not session.in_transaction():  # the first read of a request: statement by statement
        session.connection(execution_options={READ: True})  # (see extensions)
    found = ACCOUNT.rows(session, {"id": user_id})
    if not found:
        return None
    row = found[0]
    return AccountRow(*row[:5], CitizenRow(*row[5:]) if row[5] is not None else None)


def user_named(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def username_taken(username: str) -> bool:
    """Say whether an account has a username that looks the same (case, 0 and O, l and I)."""
    shapes = names.looks(username)
    looks_alike = or_(*(look.in_(shapes) for look in sql_looks(User.username)))
    return db.session.scalar(select(User.id).where(looks_alike)) is not None


def has_instructor() -> bool:
    return db.session.scalar(select(User.id).where(User.role == "instructor").limit(1)) is not None


def round_of(round_id: int) -> Round | None:
    return db.session.get(Round, round_id)


def classroom_of(classroom_id: int) -> Classroom | None:
    return db.session.get(Classroom, classroom_id)


def citizen_of(citizen_id: int) -> CitizenRow | None:
    found = db.session.get(Citizen, citizen_id)
    return citizen_row(found) if found else None


def class_with_code(code: str) -> Classroom | None:
    """Return the class a join code opens (never the open class of solo play)."""
    cleaned = codes.normal_code(code)
    if not codes.JOIN_CODE.match(cleaned):
        return None
    return db.session.scalar(
        select(Classroom).where(Classroom.join_code == cleaned, Classroom.is_open.is_(False))
    )


def classrooms_of(owner_id: int) -> list[Classroom]:
    query = select(Classroom).where(Classroom.owner_id == owner_id).order_by(Classroom.id)
    return list(db.session.scalars(query))


def time_zone_of(classroom_id: int) -> str | None:
    return db.session.scalar(select(Classroom.time_zone).where(Classroom.id == classroom_id))


def rounds_of(classroom_id: int) -> list[Round]:
    """Return a classroom's rounds, the first first (purged ones included)."""
    query = select(Round).where(Round.classroom_id == classroom_id).order_by(Round.number)
    return list(db.session.scalars(query))


def round_numbered(classroom_id: int, number: int) -> Round | None:
    query = select(Round).where(Round.classroom_id == classroom_id, Round.number == number)
    return db.session.scalar(query)


def meter_values(round_id: int) -> dict[str, int]:
    """Return a round's class meters."""
    return ledger.values(db.session, round_id)


def latest_events(round_id: int, limit: int) -> list[Event]:
    """Return a round's newest events, the newest first."""
    query = select(Event).where(Event.round_id == round_id).order_by(Event.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def ledger_of(round_id: int) -> list[Row]:
    """Return a round's events in order, each with its citizen's name: (event, name)."""
    query = (
        select(Event, Citizen.display_name)
        .join(Citizen, Citizen.id == Event.citizen_id)
        .where(Event.round_id == round_id)
        .order_by(Event.id)
    )
    return list(db.session.execute(query))


def check_answers_of(classroom_id: int, round_id: int) -> list[Row]:
    """Return the answers of a round's players: their check before play in the class (taken in
    whichever round they first joined) and their check after this round, each as
    (answer, name, number of the round answered in, kicked_at)."""
    players = select(Citizen.user_id).where(Citizen.round_id == round_id)
    query = (
        select(CheckAnswer, Citizen.display_name, Round.number, Citizen.kicked_at)
        .join(Citizen, Citizen.id == CheckAnswer.citizen_id)
        .join(Round, Round.id == Citizen.round_id)
        .where(
            Round.classroom_id == classroom_id,
            Citizen.user_id.in_(players),
            (CheckAnswer.phase == "before") | (Citizen.round_id == round_id),
        )
        .order_by(Citizen.user_id, CheckAnswer.phase.desc(), CheckAnswer.id)
    )
    return list(db.session.execute(query))


def everything_of(classroom_id: int) -> dict[str, list]:
    """Return every row a classroom's backup holds: its rounds, citizens, standings, events and
    check answers, each list in the order it was written."""
    rounds = rounds_of(classroom_id)
    round_ids = [r.id for r in rounds]
    citizens = list(db.session.scalars(select(Citizen).where(Citizen.round_id.in_(round_ids))))
    citizen_ids = [c.id for c in citizens]
    standings = select(Standing).where(Standing.citizen_id.in_(citizen_ids))
    events = select(Event).where(Event.round_id.in_(round_ids)).order_by(Event.id)
    answers = (
        select(CheckAnswer).where(CheckAnswer.citizen_id.in_(citizen_ids)).order_by(CheckAnswer.id)
    )
    return {
        "rounds": rounds,
        "citizens": citizens,
        "standings": list(db.session.scalars(standings)),
        "events": list(db.session.scalars(events)),
        "check_answers": list(db.session.scalars(answers)),
    }


def sql_looks(column) -> list:
    """Return SQL expressions for looks() of an ASCII column (letters, digits, "_", "-"), so a
    table is searched by look in the database. For ASCII the skeleton maps one character at a
    time, so a chain of replace() computes it."""

    def folded_skeleton(expression):
        expression = func.lower(expression)
        for char, shape in names.FOLDED_SHAPES:
            expression = func.replace(expression, char, shape)
        return func.replace(expression, "-", "")

    raw = column
    for char, shape in names.RAW_SHAPES:
        raw = func.replace(raw, char, shape)
    return [folded_skeleton(column), folded_skeleton(raw)]
