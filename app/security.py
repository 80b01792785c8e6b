"""What every request and response goes through: ids, body size, control characters, proxies,
and the headers that keep pages out of caches and frames."""

import re

from flask import Flask, Request, abort
from flask.globals import _cv_request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The largest value an id column holds on PostgreSQL (INTEGER); SQLite's are wider.
MAX_ID = 2**31 - 1
# Forms larger than MAX_CONTENT_LENGTH allows: the banned-word list takes 2,000 characters,
# which in any script (4 bytes each in UTF-8, 3 characters for each byte once form-encoded)
# is up to 24,000 bytes.
LARGER_BODIES = {"classroom.words": 32 * 1024}
# C0 and C1 control characters and DEL, but tab, line feed and carriage return: no field
# wants them, and PostgreSQL refuses NUL in any text value.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
HSTS = "max-age=31536000"


class IdConverter(IntegerConverter):
    """The `int` of every route: ASCII digits up to MAX_ID; anything else answers 404."""

    regex = r"[0-9]+"  # \d would also take other scripts' digits, such as "١" or "𝟙"

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class BoundedRequest(Request):
    """A request whose size limit is the app's, or a larger one for the few forms that need it."""

    @property
    def max_content_length(self) -> int | None:
        return LARGER_BODIES.get(self.endpoint) or super().max_content_length


def has_control(*values: str) -> bool:
    return any(CONTROL.search(value) for value in values)


def refuse_control_characters() -> None:
    """Refuse a request whose path, query or form holds a control character."""
    sent = _cv_request.get().request
    environ = sent.environ
    query, typed = environ.get("QUERY_STRING"), environ.get("CONTENT_TYPE")
    if not (query or typed or sent.view_args):
        return  # nothing sent to check
    strings = [v for v in (sent.view_args or {}).values() if isinstance(v, str)]
    sources = []
    if query:
        sources.append(sent.args)
    if typed:  # without one, there is no form to read
        sources.append(sent.form)
    for fields in sources:
        for name, values in fields.lists():
            strings += [name, *values]
    if strings and has_control(*strings):
        abort(
            400,
            "The form held a control character (such as NUL) that no field accepts. "
            "Remove it and send the form again.",
        )


def register(app: Flask) -> None:
    """Bound ids and bodies, trust the configured proxies, and add the security headers."""
    app.url_map.converters["int"] = IdConverter
    app.request_class = BoundedRequest
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Each trusted proxy appends the address it saw; the rightmost of theirs is the client.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.before_request(refuse_control_characters)

    always = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]
    if app.config.get("HTTPS"):
        always.append(("Strict-Transport-Security", HSTS))
    # Pages show scores, names and resume codes, and exports hold a whole class: a shared
    # computer's cache or a proxy must not keep them.
    pages = [*always, ("Cache-Control", "no-store")]

    static = (app.static_url_path or "/static") + "/"
    app.wsgi_app = SecureHeaders(app.wsgi_app, always, pages, static)


class SecureHeaders:
    """Add each security header a response has not set itself, as the response leaves the app.

    Done on the plain list of headers the server receives, it costs a tenth of what adding
    them to a response object costs (each header checked and copied again there), on every
    request, the health check included.
    """

    def __init__(self, app, always: list, pages: list, static: str):
        self.app = app
        self.always = [(name.lower(), (name, value)) for name, value in always]
        self.pages = [(name.lower(), (name, value)) for name, value in pages]
        self.static = static

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        wanted = self.always if path.startswith(self.static) else self.pages

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers.extend(header for name, header in wanted if name not in present)
            return start_response(status, headers, exc_info)

        return self.app(environ, start)
