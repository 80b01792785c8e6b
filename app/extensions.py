"""The extension singletons, and the SQLite settings every connection gets."""

from flask import Flask
from flask.globals import _cv_request
from flask.sessions import NullSession
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.models import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

IMMEDIATE = "citizen_score_immediate"
READ = "citizen_score_read"


def register(app: Flask) -> None:
    """Bind the extensions to the app."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in to continue."
    # "basic" protection only marks a session not fresh, and no page asks for a fresh login:
    # it would hash the address and browser on every request for nothing. With it off,
    # Flask-Login still makes that hash before it looks at the mode (3-4 µs a request), so
    # the hash it makes is none.
    login_manager.session_protection = None
    login_manager._session_identifier_generator = _no_identifier
    skip_remember_cookie_without_session(app)
    csrf.init_app(app)
    check_csrf_only_on_writes(app)
    from app import ratelimit  # noqa: F401  (registers the database:// storage)

    limiter.init_app(app)
    check_limits_only_where_set(app)


def _no_identifier() -> None:
    return None


def check_csrf_only_on_writes(app: Flask) -> None:
    """Run Flask-WTF's check only for the methods it checks: it looks a GET's view up in its
    exemptions before it sees that a GET needs no token."""
    hooks = app.before_request_funcs.setdefault(None, [])
    for i, hook in enumerate(hooks):
        if hook.__module__ == "flask_wtf.csrf" and hook.__name__ == "csrf_protect":
            hooks[i] = _on_writes(hook, frozenset(app.config["WTF_CSRF_METHODS"]))


def _on_writes(hook, methods: frozenset[str]):
    def csrf_protect():
        if _cv_request.get().request.method in methods:
            return hook()
        return None

    return csrf_protect


def skip_remember_cookie_without_session(app: Flask) -> None:
    """Leave the remember cookie alone on requests that have no session (the health check):
    Flask-Login's hook would look in an empty session and the config on each of them."""
    hooks = app.after_request_funcs.get(None, [])
    for i, hook in enumerate(hooks):
        if _owner(hook) is login_manager:
            hooks[i] = _with_session(hook)


def _with_session(hook):
    def run(response):
        if isinstance(_cv_request.get().session, NullSession):
            return response
        return hook(response)

    return run


def check_limits_only_where_set(app: Flask) -> None:
    """Leave the requests of views without limits alone.

    Only a few views have limits, and their decorators check them; with no default or
    application-wide limit, Flask-Limiter's hook before every request finds nothing to do, yet
    costs a tenth of a millisecond. Its header and clean-up hooks then run only for requests
    whose limits were checked.
    """
    if limiter.limit_manager.default_limits or limiter.limit_manager.application_limits:
        return
    before = app.before_request_funcs.get(None, [])
    before[:] = [hook for hook in before if _owner(hook) is not limiter]
    for hooks in (app.after_request_funcs.get(None, []), app.teardown_request_funcs.get(None, [])):
        hooks[:] = [_when_checked(h) if _owner(h) is limiter else h for h in hooks]


def _owner(hook):
    """The object a hook belongs to: a bound method's self, or a partial's first argument."""
    if hasattr(hook, "__self__"):
        return hook.__self__
    return (getattr(hook, "args", None) or (None,))[0]


def _when_checked(hook):
    def run(arg):
        if hasattr(_cv_request.get(), "_limiter_request_context"):
            return hook(arg)
        return arg

    return run


# Pages of write-ahead log at which a commit checkpoints the database itself: a backstop, for
# writers that never reach the ledger's own checkpoints.
WAL_BACKSTOP = 10_000


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, _record) -> None:
    """Turn on WAL, foreign keys and a long busy timeout; let SQLAlchemy issue BEGIN.

    No memory map: several processes write one file, and each commit of one makes the others
    drop their page cache, and with it the whole map, which costs more to map again (and fault
    in) than reading the few pages a request needs."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_BACKSTOP}")  # see app/game/ledger.py
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    """Begin SQLite transactions ourselves: IMMEDIATE for writes, so they queue, not fail.

    A request's reads (begun with the READ option) run statement by statement, each seeing
    the latest commit, as PostgreSQL's default READ COMMITTED does; a write in the same
    request then begins IMMEDIATE on the same connection (see app/game/ledger.py).
    """
    if conn.dialect.name != "sqlite":
        return
    options = conn.get_execution_options()
    if options.get(READ) and not options.get(IMMEDIATE):
        return
    conn.connection.driver_connection.execute(
        "BEGIN IMMEDIATE" if options.get(IMMEDIATE) else "BEGIN"
    )
