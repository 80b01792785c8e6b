"""The signed-in user as one request sees them: read with one plain query, never written through.

Every request of a signed-in player or instructor loads their account, so it is read as a row,
not as an ORM object; writes to a user go through the services, by id.
"""

from dataclasses import dataclass

from flask_login import UserMixin
from sqlalchemy import bindparam, select

from app.extensions import READ, db
from app.models import User

_USERS = User.__table__
ACCOUNT = select(_USERS.c.id, _USERS.c.username, _USERS.c.role, _USERS.c.classroom_id).where(
    _USERS.c.id == bindparam("id")
)


@dataclass(frozen=True)
class Account(UserMixin):
    id: int
    username: str
    role: str
    classroom_id: int | None

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
    return Account(*row) if row else None
