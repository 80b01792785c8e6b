"""Fixtures: the real app factory on a freshly migrated database for every test."""

import os
import shutil

import pytest
from flask_migrate import upgrade
from hypothesis import settings
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.helpers import CHEAP_ARGON2, Player, instructor_post, make_classroom, make_instructor

POSTGRES = os.environ.get("TEST_DATABASE_URL")

# The fuzz tests draw the same examples on every run, so a suite passes or fails on its code,
# not on chance; failures found are kept as explicit cases. HYPOTHESIS_PROFILE=explore draws
# new examples on each run, to look for more.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def _config(uri: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": uri,
        "RATELIMIT_ENABLED": False,
        "ARGON2_COST": CHEAP_ARGON2,
        "SOLO_NEIGHBOURS": 0,  # solo play alone: the society has tests of its own
    }


@pytest.fixture(scope="session")
def database_template(tmp_path_factory) -> str:
    """Migrate one database to head: a SQLite file to copy, or the PostgreSQL schema."""
    if POSTGRES:
        uri = POSTGRES.replace("postgresql://", "postgresql+psycopg://", 1)
    else:
        uri = f"sqlite:///{tmp_path_factory.mktemp('template') / 'template.sqlite'}"
    app = create_app(_config(uri))
    with app.app_context():
        if POSTGRES:
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return uri


def _empty_postgres() -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database_uri(database_template, tmp_path) -> str:
    if POSTGRES:
        return database_template
    path = tmp_path / "game.sqlite"
    shutil.copy(database_template.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def app(database_uri):
    app = create_app(_config(database_uri))
    with app.app_context():
        if POSTGRES:
            _empty_postgres()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app(app, database_uri):
    """Build more apps on the test's database (emptied by `app`), with settings changed."""
    made = []

    def make(**config):
        made.append(create_app(_config(database_uri) | config))
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def player(app) -> Player:
    """A registered, logged-in player in solo play."""
    return Player.register(app.test_client(), "alice")


@pytest.fixture
def teacher(app):
    """A logged-in instructor's client."""
    return make_instructor(app)


@pytest.fixture
def running(app, teacher):
    """A class of the teacher's whose first round is running: (id, join code)."""
    classroom_id, code = make_classroom(app)
    page = f"/classes/{classroom_id}"
    assert instructor_post(teacher, page, f"{page}/status", command="start").status_code == 303
    return classroom_id, code
