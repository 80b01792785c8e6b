"""The express lane of a player's ordinary act.

Most of what a class sends is acts: a signed-in player, past the check, posts an action form
(its CSRF token and one-time key) from a page of the round they are in. Such an act passes
here through the same checks as its view, with the same keys and functions (the session's
serializer, Flask-WTF's token, the account loader, the act's own view and service), and is
written by the same service; what it skips is Flask's request machinery (request and
response objects, the signed-in user's proxy, the form classes, the hooks), which costs more
than the act itself.

Anything unusual goes on to Flask untouched, and the view answers as it always does: no
session or a bad one, a missing or wrong token, a malformed key, a query string, a host not
trusted, HTTPS without a referrer of this host, an instructor, a player to send to the check
or into a new round, a removed player, an unknown item, a refusal by the game, an error. The
lane writes nothing unless it answers, and it answers only with the redirect the view would
give.
"""

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import Flask
from flask_wtf.csrf import same_origin
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.http import parse_cookie
from werkzeug.routing import MapAdapter

from app.game.ledger import Refused
from app.game.services import acts
from app.web.forms import KEY_PATTERN
from app.web.signed import SIGNED, Verified

FORM = "application/x-www-form-urlencoded"
LARGEST_FORM = 1024  # an action form holds a token and a key: about 150 bytes
KEY_FIELD = "key"
ANSWERED = "citizen_score.express.answered"  # the act's redirect, once it is written


@dataclass(frozen=True)
class Route:
    names: Callable[..., Any]  # the view's function naming the act from the URL's values
    page: str  # the path of the page the act returns to


def register(app: Flask) -> None:
    """Put the express lane in front of Flask's own request handling."""
    app.wsgi_app = ExpressActs(app, app.wsgi_app)


class ExpressActs:
    def __init__(self, app: Flask, flask_wsgi) -> None:
        self.app = app
        self.flask = flask_wsgi
        self._routes: tuple[MapAdapter, dict[str, Route]] | None = None
        self._csrf: tuple[tuple, URLSafeTimedSerializer] | None = None
        self.verified = Verified()  # the form tokens of this worker

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            try:
                headers = self.answer(environ)
            except Exception:
                self.app.logger.exception("The express lane failed on an act.")
                # an error once the act was written (closing the request's session): the act
                # is done, and its answer says so; before it, nothing was written, and the
                # view tries again, or shows the error
                headers = environ.get(ANSWERED)
            if headers is not None:
                start_response("303 See Other", headers)
                return [b""]
        return self.flask(environ, start_response)

    def answer(self, environ) -> list[tuple[str, str]] | None:
        """Do an ordinary act and return its redirect's headers; None leaves it to Flask."""
        found = self.route(environ)
        if found is None or not self.host_trusted(environ):
            return None
        route, values = found
        form = read_form(environ)
        if form is None:
            return None
        with self.app.app_context():
            session = self.session(environ)
            if session is None or not self.token_holds(environ, session, form):
                return None
            citizen = player_in_round(session, self.app.login_manager.user_callback)
            key = form[KEY_FIELD]
            if citizen is None or not KEY_PATTERN.fullmatch(key):
                return None
            try:
                sent = route.names(**values)
                applied = acts.perform_action(
                    citizen.id, sent.attempt, sent.item, key, target_id=sent.target_id
                )
            except (HTTPException, Refused):  # the view shows it, as it shows every refusal
                return None
            done = {"done": key} | ({"again": 1} if applied.replayed else {})
            location = environ.get("SCRIPT_NAME", "").rstrip("/") + route.page
            environ[ANSWERED] = [
                ("Location", f"{location}?{urlencode(done)}"),
                ("Content-Length", "0"),
                ("Vary", "Cookie"),
            ]
        return environ[ANSWERED]

    def route(self, environ) -> tuple[Route, dict] | None:
        """Match an express act's URL, with no query string; None for any other."""
        path = environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING") or not path.isascii():
            return None
        adapter, routes = self.routes()
        try:
            endpoint, values = adapter.match(path, "POST")
        except HTTPException:
            return None
        route = routes.get(endpoint)
        return None if route is None else (route, values)

    def routes(self) -> tuple[MapAdapter, dict[str, Route]]:
        """The acts whose views name them (see pages.names_act), gathered at the first request,
        once every blueprint is registered. URLs are matched on the app's own map, so a path
        goes to the lane only when Flask would send it to an act's view."""
        if self._routes is None:
            url_map = self.app.url_map
            routes = {}
            for rule in url_map.iter_rules():
                express = getattr(self.app.view_functions[rule.endpoint], "express", None)
                if express is None or "POST" not in (rule.methods or ()):
                    continue
                (page,) = (r.rule for r in url_map.iter_rules(express.page) if not r.arguments)
                routes[rule.endpoint] = Route(express.names, page)
            self._routes = (url_map.bind("express"), routes)
        return self._routes

    def session(self, environ) -> dict | None:
        """The signed session, read by the app's session interface; None without one."""
        interface = self.app.session_interface
        read = getattr(interface, "read", None)  # see application.CachedSerializerSessions
        cookie = parse_cookie(environ.get("HTTP_COOKIE")).get(interface.get_cookie_name(self.app))
        return None if read is None else read(self.app, cookie)

    def token_holds(self, environ, session: dict, form: dict) -> bool:
        """Check the form's CSRF token as Flask-WTF's CSRFProtect does (see validate_csrf)."""
        config = self.app.config
        if not (config["WTF_CSRF_ENABLED"] and config["WTF_CSRF_CHECK_DEFAULT"]):
            return False
        if "POST" not in config["WTF_CSRF_METHODS"]:
            return False
        name = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        sent, kept = form.get(name), session.get(name)
        if not sent or not isinstance(kept, str) or set(form) != {name, KEY_FIELD}:
            return False
        if not SIGNED.fullmatch(sent):
            return False
        try:
            token = self.verified.loads(
                self.csrf_serializer(), sent, config.get("WTF_CSRF_TIME_LIMIT", 3600)
            )
        except BadData:
            return False
        if not isinstance(token, str) or not hmac.compare_digest(kept, token):
            return False
        if environ.get("wsgi.url_scheme") == "https" and config["WTF_CSRF_SSL_STRICT"]:
            return self.same_site(environ)
        return True

    def host_trusted(self, environ) -> bool:
        """Refuse (to Flask, which answers 400) a host outside FLASK_TRUSTED_HOSTS; with a
        SERVER_NAME set, Flask matches the host itself, so the lane takes nothing."""
        if self.app.config.get("SERVER_NAME"):
            return False
        trusted = self.app.config.get("TRUSTED_HOSTS")
        if not trusted:
            return True
        request = self.app.request_class(environ)
        request.trusted_hosts = trusted
        try:
            request.host  # noqa: B018  (checks the host against the trusted ones)
        except SecurityError:
            return False
        return True

    def same_site(self, environ) -> bool:
        """Over HTTPS, the referrer must be this host, as Flask-WTF asks."""
        referrer = environ.get("HTTP_REFERER")
        if not referrer:
            return False
        request = self.app.request_class(environ)
        request.trusted_hosts = self.app.config.get("TRUSTED_HOSTS")
        return same_origin(referrer, f"https://{request.host}/")

    def csrf_serializer(self) -> URLSafeTimedSerializer:
        """Flask-WTF's serializer of CSRF tokens, built once for each secret key."""
        secret = self.app.config.get("WTF_CSRF_SECRET_KEY") or self.app.secret_key
        if self._csrf is None or self._csrf[0] != secret:
            self._csrf = (secret, URLSafeTimedSerializer(secret, salt="wtf-csrf-token"))
        return self._csrf[1]


def read_form(environ) -> dict[str, str] | None:
    """Read a small url-encoded form, each field once, and put the body back for Flask."""
    kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    length = environ.get("CONTENT_LENGTH", "")
    if kind != FORM or not length.isdigit() or int(length) > LARGEST_FORM:
        return None
    body = environ["wsgi.input"].read(int(length))
    environ["wsgi.input"] = BytesIO(body)
    try:
        fields = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        return None
    form = dict(fields)
    return form if len(form) == len(fields) else None


def player_in_round(session: dict, load_user):
    """The signed-in player's citizen (their account loaded by Flask-Login's loader), when the
    player is in the round this device last saw, past its check, and still in the round; None
    for anything else."""
    user_id = session.get("_user_id")
    account = load_user(user_id) if isinstance(user_id, str) else None
    if account is None or not account.is_authenticated or account.is_instructor:
        return None
    if account.classroom_id is None:
        return None
    citizen = account.citizen
    if citizen is None or citizen.kicked_at is not None:
        return None
    if session.get("round") != citizen.round_id or session.get("checked") != citizen.id:
        return None
    return citizen
