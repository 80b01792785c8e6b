"""Signed values checked once per worker: the same player sends the same session cookie and
form token with every act, and checking a signature costs more than looking it up."""

import re
import time

from itsdangerous import SignatureExpired
from itsdangerous.timed import TimedSerializer

REMEMBERED = 4096  # signed values a worker keeps; past that it starts again
# What itsdangerous writes: its decoder skips any other character, and the views refuse
# control characters, so only signed strings made of these are read.
SIGNED = re.compile(r"[A-Za-z0-9_.\-]{1,4096}")


class Verified:
    """What a serializer's `loads` gave for a signed string, remembered for that serializer and
    string; its age is checked again on every use, as `loads` checks it. Raises `loads`'s
    errors. A value handed out is shared: its callers only read it."""

    def __init__(self) -> None:
        self._found: dict[tuple, tuple] = {}

    def loads(self, serializer: TimedSerializer, signed: str, max_age: int | None):
        key = (serializer, signed)
        found = self._found.get(key)
        if found is None:
            value, signed_at = serializer.loads(signed, max_age=max_age, return_timestamp=True)
            if len(self._found) >= REMEMBERED:
                self._found.clear()
            found = self._found[key] = (value, int(signed_at.timestamp()))
        value, signed_at = found
        age = int(time.time()) - signed_at
        if max_age is not None and (age > max_age or age < 0):
            raise SignatureExpired(f"Signature age {age} is outside 0 to {max_age} seconds")
        return value
