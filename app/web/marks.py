"""A device's memory of the players it has been: a signed cookie, checked when it joins.

The cookie outlives logging out and the end of a session, so a player removed from a round
cannot come back under a new name from the same browser. It names citizens, not rounds:
readmitting the citizen lifts the block without touching the cookie.
"""

from flask import after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "players"
KEEP = 8  # the newest citizens a device was; a device plays a few rounds at most
MAX_AGE = 60 * 60 * 24 * 120  # a school term


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="device-players")


def device_citizens() -> list[int]:
    """Return the citizens this device has played as (a forged or stale cookie: none)."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return []
    try:
        ids = _serializer().loads(raw)
    except BadSignature:
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if type(i) is int][:KEEP]


def remember(citizen_id: int | None) -> None:
    """Note on this device that its player is this citizen."""
    known = device_citizens()
    if citizen_id is None or citizen_id in known:
        return
    value = _serializer().dumps(([citizen_id] + known)[:KEEP])

    @after_this_request
    def set_cookie(response):
        response.set_cookie(
            COOKIE,
            value,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
        return response
