"""The migrations build the schema the models describe, on an empty database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app.extensions import db
from app.models import Base


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_run_down_to_empty_and_up_again(app):
    with app.app_context():
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert {"user", "classroom", "round", "citizen", "standing", "event"} <= set(
            inspect(db.engine).get_table_names()
        )


def test_the_cli_opens_solo_play(runner, app):
    result = runner.invoke(args=["init-game"])
    assert result.exit_code == 0
    assert "Solo play is open (round 1)" in result.output
