"""Accounts: instructors and their one-time invitations, and ending a user's sessions."""

import secrets
from datetime import timedelta

from sqlalchemy import select, update

from app.extensions import db
from app.game.ledger import write_transaction
from app.game.rules.codes import digest
from app.models import Invite, User, utcnow

VALID_FOR = timedelta(days=7)


def end_sessions(user_id: int) -> None:
    """End every session of an account, on every device: its cookies no longer sign in."""
    with write_transaction() as session:
        session.execute(
            update(User).where(User.id == user_id).values(session_version=User.session_version + 1)
        )


def create_invite(created_by_id: int | None) -> str:
    """Store a one-time invitation and return its secret token."""
    token = secrets.token_urlsafe(24)
    with write_transaction() as session:
        session.add(Invite(token_hash=digest(token), created_by_id=created_by_id))
    return token


def invite_usable(token: str) -> bool:
    """Say whether an invitation exists, is unused and has not expired."""
    return _usable(token) is not None


def create_instructor(username: str, password_hash: str, token: str | None = None) -> User:
    """Create an instructor, spending the invitation if one is given; LookupError if it is
    spent or expired, IntegrityError if the username is taken."""
    with write_transaction() as session:
        if token is not None:
            invite = _usable(token)
            if invite is None:
                raise LookupError("invitation used or expired")
            invite.used_at = utcnow()
            session.add(invite)
        user = User(username=username, password_hash=password_hash, role="instructor")
        session.add(user)
    return user


def _usable(token: str) -> Invite | None:
    invite = db.session.scalar(select(Invite).where(Invite.token_hash == digest(token)))
    if invite is None or invite.used_at is not None or utcnow() - invite.created_at > VALID_FOR:
        return None
    return invite
