"""Signed values checked once per worker: the same answers and errors as checking each time."""

from datetime import UTC, datetime

import pytest
import time_machine
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.web import signed
from app.web.signed import Verified

SERIALIZER = URLSafeTimedSerializer("a secret", salt="a salt")


def test_a_value_is_checked_once_and_then_remembered(monkeypatch):
    token = SERIALIZER.dumps({"user": "1.0"})
    verified = Verified()
    assert verified.loads(SERIALIZER, token, 60) == {"user": "1.0"}
    monkeypatch.setattr(SERIALIZER, "loads", lambda *a, **k: pytest.fail("checked again"))
    assert verified.loads(SERIALIZER, token, 60) == {"user": "1.0"}


def tampered(signed: str) -> str:
    """Change a character inside the signature (the last one may carry unused bits)."""
    return signed[:-5] + ("A" if signed[-5] != "A" else "B") + signed[-4:]


def test_a_tampered_value_or_another_key_is_refused():
    token = SERIALIZER.dumps("csrf")
    verified = Verified()
    with pytest.raises(BadSignature):
        verified.loads(SERIALIZER, tampered(token), None)
    other = URLSafeTimedSerializer("another secret", salt="a salt")
    assert verified.loads(SERIALIZER, token, None) == "csrf"
    with pytest.raises(BadSignature):
        verified.loads(other, token, None)


def test_a_remembered_value_grows_old_as_the_signature_does():
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=UTC), tick=False) as clock:
        token = SERIALIZER.dumps("session")
        verified = Verified()
        assert verified.loads(SERIALIZER, token, 60) == "session"
        clock.shift(60)
        assert verified.loads(SERIALIZER, token, 60) == "session"
        clock.shift(1)
        with pytest.raises(SignatureExpired):
            verified.loads(SERIALIZER, token, 60)
        assert verified.loads(SERIALIZER, token, None) == "session"  # no limit, as loads
        clock.shift(-3600)
        with pytest.raises(SignatureExpired):  # signed in the future
            verified.loads(SERIALIZER, token, 60)


def test_a_worker_keeps_a_bounded_number(monkeypatch):
    monkeypatch.setattr(signed, "REMEMBERED", 3)
    verified = Verified()
    for n in range(10):
        assert verified.loads(SERIALIZER, SERIALIZER.dumps(n), None) == n
    assert len(verified._found) <= 3
