"""Seed a benchmark class: an instructor, a running round, players with resume codes."""

import json
import sys

from sqlalchemy import insert, select, text

from app import create_app
from app.auth.invites import create_instructor
from app.extensions import db
from app.game import debrief, joining, rounds
from app.game.catalogue import catalogue
from app.models import Citizen, Event, User, utcnow

PASSWORD = "benchmark-password"


def seed(players: int, history: int, world: str, out: str) -> None:
    """Create the class and write the logins the load needs to out (JSON)."""
    app = create_app()
    with app.app_context():
        create_instructor("bench-teacher", PASSWORD)
        teacher = db.session.scalar(select(User).where(User.username == "bench-teacher"))
        classroom = rounds.create_classroom(teacher, "Benchmark class", world)
        codes = []
        for i in range(players):
            _, code = joining.join_class(classroom, f"Player {i:04d}")
            codes.append(code)
        round_ = rounds.change_status(rounds.current_round(classroom.id).id, "start")
        answers = {key: True for key in catalogue().statements}
        for citizen_id in db.session.scalars(
            select(Citizen.id).where(Citizen.round_id == round_.id)
        ):
            debrief.save_check(citizen_id, "before", answers)
        add_history(round_.id, history)
        json.dump(
            {
                "classroom_id": classroom.id,
                "codes": codes,
                "teacher": "bench-teacher",
                "password": PASSWORD,
            },
            open(out, "w"),
        )


def add_history(round_id: int, count: int) -> None:
    """Give the round a long ledger (events of no effect, so every standing still adds up)."""
    ids = db.session.scalars(select(Citizen.id).where(Citizen.round_id == round_id)).all()
    now = utcnow()
    rows = [
        {
            "citizen_id": ids[i % len(ids)],
            "round_id": round_id,
            "track": "wellbeing",
            "action": "visit",
            "delta": 0,
            "actor": "system",
            "reason": "Earlier in the round",
            "created_at": now,
        }
        for i in range(count)
    ]
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Event), rows[start : start + 5000])
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


if __name__ == "__main__":
    seed(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4])
