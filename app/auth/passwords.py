"""Password hashing with argon2id; its cost comes from the config (cheap only in tests)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

DEFAULT_COST = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}


def _hasher() -> PasswordHasher:
    """Return the app's hasher, built once from ARGON2_COST (argon2's defaults otherwise)."""
    hasher = current_app.extensions.get("password_hasher")
    if hasher is None:
        cost = DEFAULT_COST | current_app.config.get("ARGON2_COST", {})
        hasher = current_app.extensions["password_hasher"] = PasswordHasher(**cost)
    return hasher


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password."""
    return _hasher().hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    """Return whether the password matches the hash (never raises)."""
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
