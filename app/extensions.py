"""The extension singletons, and the SQLite settings every connection gets."""

from flask import Flask
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
    # it would hash the address and browser on every request for nothing.
    login_manager.session_protection = None
    csrf.init_app(app)
    from app import ratelimit  # noqa: F401  (registers the database:// storage)

    limiter.init_app(app)


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, _record) -> None:
    """Turn on WAL, foreign keys and a long busy timeout; let SQLAlchemy issue BEGIN."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    """Begin SQLite transactions ourselves: IMMEDIATE for writes, so they queue, not fail.

    A request's reads (begun with the READ option) run statement by statement, each seeing
    the latest commit, as PostgreSQL's default READ COMMITTED does; a write in the same
    request then begins IMMEDIATE on the same connection (see transactions.py).
    """
    if conn.dialect.name != "sqlite":
        return
    options = conn.get_execution_options()
    if options.get(READ) and not options.get(IMMEDIATE):
        return
    conn.connection.driver_connection.execute(
        "BEGIN IMMEDIATE" if options.get(IMMEDIATE) else "BEGIN"
    )
