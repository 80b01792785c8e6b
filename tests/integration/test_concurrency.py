"""Many writers at once on one citizen: exact standings, no "database is locked" for anyone."""

import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.game import ledger, rules
from app.game.services import acts, awards
from app.models import Citizen, Event, Standing
from tests.helpers import ledger_mismatches

WRITERS = 64


def run_together(app, work, count: int = WRITERS) -> list:
    """Run work(i) in count threads at once, each in its own app context; return results."""
    results: list = [None] * count
    start = threading.Barrier(count)

    def runner(i: int) -> None:
        with app.app_context():
            start.wait()
            try:
                results[i] = work(i)
            except Exception as error:  # collected and asserted on below
                results[i] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def citizen_id(app, player) -> int:
    with app.app_context():
        return db.session.scalar(select(Citizen.id))


def test_64_concurrent_awards_add_up_exactly(app, citizen_id):
    results = run_together(
        app, lambda i: awards.adjust(citizen_id, "score", 1, "Award: speed", f"award-{i:012d}")
    )
    assert [r for r in results if not isinstance(r, acts.Applied)] == []
    with app.app_context():
        value = db.session.scalar(
            select(Standing.value).where(
                Standing.citizen_id == citizen_id, Standing.track == "score"
            )
        )
        assert value == rules.SCORE.baseline + WRITERS
        assert ledger_mismatches() == []


def test_64_concurrent_shares_pass_the_cooldown_exactly_once(app, citizen_id):
    attempt = rules.Attempt("share", "Headline", points=12)

    def share(i: int):
        try:
            return acts.perform_action(citizen_id, attempt, "grain-quota", f"share-{i:012d}")
        except ledger.Refused as refused:
            return refused

    results = run_together(app, share)
    applied = [r for r in results if isinstance(r, acts.Applied)]
    refused = [r for r in results if isinstance(r, ledger.Refused)]
    assert len(applied) == 1 and len(refused) == WRITERS - 1
    assert all(r.status == 429 for r in refused)
    with app.app_context():
        assert ledger_mismatches() == []
        assert db.session.query(Event).filter_by(action="share", track="score").count() == 1


def test_the_same_key_from_64_writers_is_applied_once(app, citizen_id):
    results = run_together(
        app, lambda i: awards.adjust(citizen_id, "score", 5, "Award: once", "one-shared-key-0001")
    )
    assert sum(1 for r in results if isinstance(r, acts.Applied) and not r.replayed) == 1
    assert sum(1 for r in results if isinstance(r, acts.Applied) and r.replayed) == WRITERS - 1
    with app.app_context():
        assert ledger_mismatches() == []
