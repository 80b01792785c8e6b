"""The signed-in user as one request sees them: read with one plain query, never written through.

Every request of a signed-in player or instructor loads their account, so it is read as a row,
not as an ORM object, together with the player's citizen in their classroom's current round;
writes to a user go through the game's accounts, by id.

Flask-Login's id of an account is "id.session_version": logging out, or an instructor's
removal, bumps the version, and every session and remember cookie issued before stops working.
"""

import re
from dataclasses import dataclass

from flask_login import UserMixin

from app.game.reads import lookups
from app.game.reads.lookups import CitizenRow


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
    found = lookups.account(int(match[1]))
    if found is None or found.session_version != int(match[2] or 0):
        return None
    return Account(*found)
