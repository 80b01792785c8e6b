"""The Flask class the game runs on: the per-request bookkeeping it does not need, done once."""

from copy import deepcopy
from functools import lru_cache

from flask import Flask
from flask.globals import _cv_request
from flask.sessions import SecureCookieSessionInterface
from flask.templating import Environment
from itsdangerous import BadData, URLSafeTimedSerializer

from app.web.signed import SIGNED, Verified

FLAT = (str, int, float, bool, type(None))  # a session's values that nothing changes in place


@lru_cache(maxsize=1024)
def _is_async(func) -> bool:
    from inspect import iscoroutinefunction

    return iscoroutinefunction(func)


def sessionless(view):
    """Mark a view that reads and writes no session: its requests get none, and no cookie."""
    view.sessionless = True
    return view


class CachedSerializerSessions(SecureCookieSessionInterface):
    """The signed-cookie sessions of Flask, with one serializer per key instead of per request,
    and each cookie verified once per worker (a player sends the same one with every page; its
    age is checked on every use); views marked sessionless get the null session, so nothing is
    verified, signed or sent."""

    verified = Verified()

    def open_session(self, app: Flask, request):
        if request.path in _sessionless_paths(app):  # opened before the URL is matched
            return self.make_null_session(app)
        if self.get_signing_serializer(app) is None:
            return None
        data = self.read(app, request.cookies.get(self.get_cookie_name(app)))
        if data is None:
            return self.session_class()
        # the session copies the remembered values; values that hold others (flashed
        # messages), which a request may change in place, are copied whole
        flat = all(isinstance(value, FLAT) for value in data.values())
        return self.session_class(data if flat else deepcopy(data))

    def read(self, app: Flask, signed: str | None) -> dict | None:
        """The values of a session cookie, verified once per worker and shared with every
        request that sends it (callers copy before changing them); None for no cookie, or one
        this app did not sign, or signed too long ago."""
        serializer = self.get_signing_serializer(app)
        if serializer is None or not signed or not SIGNED.fullmatch(signed):
            return None
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data = self.verified.loads(serializer, signed, max_age)
        except BadData:
            return None
        return data if isinstance(data, dict) else None

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


class Templates(Environment):
    """Flask's template environment, giving each template a flat copy of the globals as it
    loads. Jinja keeps them as a chain of mappings and copies every one out of it at each
    render; all of them are set while the app is set up, before any template loads."""

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


URLS_KEPT = 4096  # links a worker keeps built; past that it starts again


class Game(Flask):
    """Flask, checking once per hook (not on every request) whether it is a coroutine, and
    building each link once per worker."""

    session_interface = CachedSerializerSessions()
    jinja_environment = Templates

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._built: dict[tuple, str] = {}

    def url_for(
        self,
        /,
        endpoint: str,
        *,
        _anchor=None,
        _method=None,
        _scheme=None,
        _external=None,
        **values,
    ) -> str:
        """Build a link as Flask does, once for each endpoint, values and script root.

        A page links to the same dozen places on every request, and building a link costs
        3-4 µs. Links that need more than the rules (an anchor, a method, a scheme, an absolute
        address, a blueprint-relative name, a url_defaults hook) are built each time.
        """
        context = _cv_request.get(None)
        if (
            context is None
            or _anchor
            or _method
            or _scheme
            or _external
            or endpoint[:1] == "."
            or any(self.url_default_functions.values())
        ):
            return super().url_for(
                endpoint,
                _anchor=_anchor,
                _method=_method,
                _scheme=_scheme,
                _external=_external,
                **values,
            )
        try:
            key = (context.request.script_root, endpoint, *values.items())
            return self._built[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key
            return super().url_for(endpoint, **values)
        url = super().url_for(endpoint, **values)
        if len(self._built) >= URLS_KEPT:
            self._built = {}
        self._built[key] = url
        return url

    def ensure_sync(self, func):
        if _is_async(func):
            return super().ensure_sync(func)
        return func
