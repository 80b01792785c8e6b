"""Seed a benchmark class: an instructor, a running round, players with resume codes, and a
signed-in cookie and form token for each, so the load does not sign in through the throttles."""

import json
import re
import sys
from datetime import timedelta

from sqlalchemy import insert, select, text

from app import create_app
from app.auth.invites import create_instructor
from app.extensions import db
from app.game.reads import checks
from app.game.services import answering, joining, rounds
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
        for citizen in db.session.scalars(select(Citizen).where(Citizen.round_id == round_.id)):
            form = checks.statements_for(citizen.user_id, "before")
            answering.save_check(citizen.id, "before", {s.id: (True, 2) for s in form})
        add_history(round_.id, history)
        db.session.remove()
    json.dump(
        {
            "classroom_id": classroom_id(app),
            "codes": codes,
            "teacher": "bench-teacher",
            "password": PASSWORD,
            "players": [sign_in(app, "/resume", {"code": code}) for code in codes],
            "instructor": sign_in(
                app, "/login", {"username": "bench-teacher", "password": PASSWORD}
            ),
        },
        open(out, "w"),
    )


TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def classroom_id(app) -> int:
    from app.models import Classroom

    with app.app_context():
        return db.session.scalar(select(Classroom.id))


def sign_in(app, path: str, fields: dict) -> dict:
    """Sign in through the real form once; return the cookie header and a form token."""
    client = app.test_client()
    token = TOKEN.search(client.get(path).text).group(1)
    response = client.post(path, data=fields | {"csrf_token": token})
    if response.status_code not in (302, 303):
        raise RuntimeError(f"signing in at {path} answered {response.status_code}")
    # A browser keeps what its first pages write into the session: the round this device has
    # seen (the dashboard) and that the check is done (the first page with actions).
    client.get("/")
    form_token = TOKEN.search(client.get("/feed").text)
    cookie = "; ".join(
        f"{name}={client.get_cookie(name).value}"
        for name in ("session", "remember_token")
        if client.get_cookie(name)
    )
    return {"cookie": cookie, "token": form_token.group(1) if form_token else token}


def add_history(round_id: int, count: int) -> None:
    """Give the round a long ledger (events of no effect, so every standing still adds up)."""
    ids = db.session.scalars(select(Citizen.id).where(Citizen.round_id == round_id)).all()
    earlier = utcnow() - timedelta(hours=1)  # past every cooldown: the class acts at once
    rows = [
        {
            "citizen_id": ids[i % len(ids)],
            "round_id": round_id,
            "track": "wellbeing",
            "action": "visit",
            "delta": 0,
            "actor": "system",
            "reason": "Earlier in the round",
            "created_at": earlier,
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
