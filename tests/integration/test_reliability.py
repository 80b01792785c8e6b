"""Under load with a worker killed mid-run, every standing still equals baseline plus events."""

import os
import re
import signal
import threading
import time

import requests
from sqlalchemy import func, select

from app.extensions import db
from app.game.reads import checks
from app.game.reads.audit import ledger_mismatches, meter_mismatches
from app.game.services import answering, joining, rounds
from app.models import Citizen, Event, User
from bench.server import Server
from tests.helpers import make_instructor

TOKEN = r'name="csrf_token"[^>]*value="([^"]+)"'
ACTIONS = ["/feed/grain-quota/share", "/life/gaming", "/life/bill-on-time", "/complain"]


def seed_students(app, count: int) -> list[str]:
    make_instructor(app)
    with app.app_context():
        teacher = db.session.scalar(select(User).where(User.username == "teacher"))
        classroom = rounds.create_classroom(teacher, "Load", "record")
        codes = [joining.join_class(classroom, f"Student {i:02d}")[1] for i in range(count)]
        round_ = rounds.change_status(rounds.current_round(classroom.id).id, "start")
        for citizen_id in range(1, count + 1):
            user_id = db.session.get(Citizen, citizen_id).user_id
            answers = {s.id: (True, 2) for s in checks.statements_for(user_id, "before")}
            answering.save_check(citizen_id, "before", answers)
        assert round_.status == "running"
    return codes


def student_session(url: str, code: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    page = session.get(f"{url}/resume", timeout=10).text
    session.post(
        f"{url}/resume",
        data={"csrf_token": re.search(TOKEN, page).group(1), "code": code},
        timeout=10,
    )
    token = re.search(TOKEN, session.get(f"{url}/feed", timeout=10).text).group(1)
    return session, token


def hammer(url: str, code: str, stop: threading.Event, outcomes: list) -> None:
    session, token = student_session(url, code)
    i = 0
    while not stop.is_set():
        data = {
            "csrf_token": token,
            "key": f"load-{code}-{i:08d}",
            "topic": "pollution",
            "channel": "online",
        }
        try:
            response = session.post(
                url + ACTIONS[i % len(ACTIONS)], data=data, timeout=10, allow_redirects=False
            )
            outcomes.append(response.status_code)
        except requests.RequestException:
            outcomes.append("dropped")  # the request was on the killed worker
        i += 1


def test_killing_a_worker_mid_run_keeps_the_ledger_exact(app, database_uri):
    codes = seed_students(app, 8)
    env = os.environ | {
        "DATABASE_URL": database_uri,
        "FLASK_SECRET_KEY": "test-secret",
        "FLASK_RATELIMIT_ENABLED": "false",
    }
    outcomes: list = []
    stop = threading.Event()
    with Server(env, workers=2, pace=0) as server:
        threads = [
            threading.Thread(target=hammer, args=(server.url, code, stop, outcomes))
            for code in codes
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        os.kill(server.worker_pids()[0], signal.SIGKILL)
        time.sleep(2.5)
        stop.set()
        for thread in threads:
            thread.join()
    assert outcomes.count(303) > 20, outcomes[:20]
    assert not [o for o in outcomes if o not in (303, "dropped")], set(outcomes)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event)) > 20
        assert ledger_mismatches() == []
        assert meter_mismatches() == []
