"""The Flask class the game runs on: the per-request bookkeeping it does not need, done once."""

from functools import lru_cache

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


@lru_cache(maxsize=1024)
def _is_async(func) -> bool:
    from inspect import iscoroutinefunction

    return iscoroutinefunction(func)


class CachedSerializerSessions(SecureCookieSessionInterface):
    """The signed-cookie sessions of Flask, with one serializer per key instead of per request."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = getattr(self, "_cached", None)
        if cached is None or cached[0] != keys:
            cached = (keys, super().get_signing_serializer(app))
            self._cached = cached
        return cached[1]


class Game(Flask):
    """Flask, checking once per hook (not on every request) whether it is a coroutine."""

    session_interface = CachedSerializerSessions()

    def ensure_sync(self, func):
        if _is_async(func):
            return super().ensure_sync(func)
        return func
