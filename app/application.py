"""The Flask class the game runs on: the per-request bookkeeping it does not need, done once."""

from functools import lru_cache

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


@lru_cache(maxsize=1024)
def _is_async(func) -> bool:
    from inspect import iscoroutinefunction

    return iscoroutinefunction(func)


def sessionless(view):
    """Mark a view that reads and writes no session: its requests get none, and no cookie."""
    view.sessionless = True
    return view


class CachedSerializerSessions(SecureCookieSessionInterface):
    """The signed-cookie sessions of Flask, with one serializer per key instead of per request;
    views marked sessionless get the null session, so nothing is verified, signed or sent."""

    def open_session(self, app: Flask, request):
        if request.path in _sessionless_paths(app):  # opened before the URL is matched
            return self.make_null_session(app)
        return super().open_session(app, request)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = getattr(self, "_cached", None)
        if cached is None or cached[0] != keys:
            cached = (keys, super().get_signing_serializer(app))
            self._cached = cached
        return cached[1]


def _sessionless_paths(app: Flask) -> frozenset[str]:
    paths = app.extensions.get("sessionless_paths")
    if paths is None:
        paths = app.extensions["sessionless_paths"] = frozenset(
            rule.rule
            for rule in app.url_map.iter_rules()
            if not rule.arguments and getattr(app.view_functions[rule.endpoint], "sessionless", 0)
        )
    return paths


class Game(Flask):
    """Flask, checking once per hook (not on every request) whether it is a coroutine."""

    session_interface = CachedSerializerSessions()

    def ensure_sync(self, func):
        if _is_async(func):
            return super().ensure_sync(func)
        return func
