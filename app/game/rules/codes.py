"""Join codes, resume codes and invitation digests. Pure."""

import hashlib
import re
import secrets

JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B
JOIN_CODE = re.compile(rf"^[{JOIN_ALPHABET}]{{6}}$")
RESUME_CODE = re.compile(rf"[{JOIN_ALPHABET}]{{10}}")  # once normal_code() dropped the dash


def digest(secret: str) -> str:
    """Return the SHA-256 of a high-entropy secret (a resume code or an invite token)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(6))


def new_resume_code() -> str:
    raw = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normal_code(code: str) -> str:
    """Upper-case a typed code and drop spaces and dashes."""
    return re.sub(r"[\s-]", "", code or "").upper()
