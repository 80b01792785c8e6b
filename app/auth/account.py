"""The signed-in user as one request sees them: read with one plain query, never written through.

Every request of a signed-in player or instructor loads their account, so it is read as a row,
not as an ORM object, together with the player's citizen in their classroom's current round;
writes to a user go through the services, by id.
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

from flask_login import UserMixin
from sqlalchemy import and_, bindparam, select

from app.extensions import READ, db
from app.game.services import newest_round_id
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
    citizen: CitizenRow | None = None  # in the classroom's current round, when there is one

    @property
    def is_instructor(self) -> bool:
        return self.role == "instructor"


def load_account(user_id: str) -> Account | None:
    """Return the account with this id (as Flask-Login stores it), or None."""
    if not user_id.isdigit():
        return None
    session = db.session()
    if session.in_transaction():
        connection = session.connection()
    else:  # the first read of a signed-in request: statement by statement (see extensions)
        connection = session.connection(execution_options={READ: True})
    row = connection.execute(ACCOUNT, {"id": int(user_id)}).first()
    if row is None:
        return None
    citizen = CitizenRow(*row[4:]) if row[4] is not None else None
    return Account(*row[:4], citizen=citizen)
