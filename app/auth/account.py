"""The signed-in user as one request sees them: read with one plain query, never written through.

Every request of a signed-in player or instructor loads their account, so it is read as a row,
not as an ORM object, together with the player's citizen in their classroom's current round;
writes to a user go through the services, by id.

Flask-Login's id of an account is "id.session_version": logging out, or an instructor's
removal, bumps the version, and every session and remember cookie issued before stops working.
"""

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from flask_login import UserMixin
from sqlalchemy import and_, bindparam, select, update

from app.extensions import READ, db
from app.game.services import newest_round_id
from app.game.transactions import write_transaction
from app.models import Citizen, User

_USERS, _CITIZENS = User.__table__, Citizen.__table__


class CitizenRow(NamedTuple):
    """A citizen as the pages read it (the columns of the citizen table, in order)."""

    id: int
    round_id: int
    user_id: int
    display_name: str
    created_at: Any
    kicked_at: Any


ACCOUNT = (
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


@dataclass(frozen=True)
class Account(UserMixin):
    id: int
    username: str
    role: str
    classroom_id: int | None
    session_version: int
    citizen: CitizenRow | None = None  # in the classroom's current round, when there is one

    @property
    def is_instructor(self) -> bool:
        return self.role == "instructor"

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"


# A bare id is a cookie from before session versions: it stands for version 0.
SESSION_ID = re.compile(r"(\d{1,18})(?:\.(\d{1,9}))?", re.ASCII)


def load_account(session_id: str) -> Account | None:
    """Return the account of a session id ("id.version"), or None if the session has ended."""
    match = SESSION_ID.fullmatch(session_id)
    if match is None:
        return None
    session = db.session()
    if session.in_transaction():
        connection = session.connection()
    else:  # the first read of a signed-in request: statement by statement (see extensions)
        connection = session.connection(execution_options={READ: True})
    row = connection.execute(ACCOUNT, {"id": int(match[1])}).first()
    if row is None or row.session_version != int(match[2] or 0):
        return None
    citizen = CitizenRow(*row[5:]) if row[5] is not None else None
    return Account(*row[:5], citizen=citizen)


def end_sessions(user_id: int) -> None:
    """End every session of an account, on every device: its cookies no longer sign in."""
    with write_transaction() as session:
        session.execute(
            update(User).where(User.id == user_id).values(session_version=User.session_version + 1)
        )
