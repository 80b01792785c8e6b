"""Two app servers on one PostgreSQL and one Redis act as one game."""

import os
import re
import socket

import pytest
import redis
import requests

from app.game.content.catalogue import catalogue
from bench.server import Server
from tests.conftest import POSTGRES
from tests.helpers import make_classroom, make_instructor

TOKEN = r'name="csrf_token"[^>]*value="([^"]+)"'
REDIS = ("127.0.0.1", 6379)


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not POSTGRES or not redis_up(),
    reason="needs TEST_DATABASE_URL (PostgreSQL) and Redis on 127.0.0.1:6379 (make test-postgres)",
)


def token(session: requests.Session, url: str) -> str:
    return re.search(TOKEN, session.get(url, timeout=10).text).group(1)


def test_a_player_logs_in_on_one_server_and_acts_on_the_other(app, database_uri):
    make_instructor(app)
    classroom_id, code = make_classroom(app)
    redis_db = "redis://127.0.0.1:6379/7"
    redis.Redis.from_url(redis_db).flushdb()
    env = os.environ | {
        "DATABASE_URL": database_uri.replace("postgresql+psycopg://", "postgresql://"),
        "FLASK_SECRET_KEY": "one-secret-for-every-server",
        "RATELIMIT_STORAGE_URI": redis_db,
    }
    with Server(env, workers=1) as first, Server(env, workers=1) as second:
        teacher = requests.Session()
        teacher.post(
            f"{first.url}/login",
            data={
                "csrf_token": token(teacher, f"{first.url}/login"),
                "username": "teacher",
                "password": "correct horse battery",
            },
        )
        page = f"/classes/{classroom_id}"
        teacher.post(
            second.url + page + "/status",
            data={"csrf_token": token(teacher, second.url + page), "command": "start"},
        )
        teacher.post(  # names are hidden on the projector unless the instructor shows them
            first.url + page + "/display",
            data={"csrf_token": token(teacher, first.url + page), "show_names": "y"},
        )

        player = requests.Session()
        player.post(
            f"{first.url}/join/{code}",
            data={"csrf_token": token(player, f"{first.url}/join/{code}"), "name": "Ada Crane"},
        )
        check = {f"s_{k.replace('-', '_')}": "true" for k in catalogue().statements}
        check |= {f"c_{k.replace('-', '_')}": "2" for k in catalogue().statements}
        player.post(
            f"{second.url}/check/before",
            data=check | {"csrf_token": token(player, f"{second.url}/check/before")},
        )
        acted = player.post(
            f"{second.url}/feed/grain-quota/share",
            allow_redirects=False,
            data={"csrf_token": token(player, f"{second.url}/feed"), "key": "two-servers-key-0001"},
        )
        assert acted.status_code == 303
        fragments = [
            teacher.get(f"{server.url}{page}/projector?fragment=1", timeout=10)
            for server in (first, second)
        ]
        assert fragments[0].headers["ETag"] == fragments[1].headers["ETag"]
        assert fragments[0].text == fragments[1].text and "Ada Crane" in fragments[0].text

        stranger = requests.Session()
        statuses = []
        for i in range(21):  # the login limit is 20 a minute, counted across both servers
            server = (first, second)[i % 2]
            statuses.append(
                stranger.post(
                    f"{server.url}/login",
                    data={
                        "csrf_token": token(stranger, f"{server.url}/login"),
                        "username": "nobody",
                        "password": "wrong password",
                    },
                ).status_code
            )
        # The teacher's login counted too: the 20th attempt from this address is refused,
        # though no one server saw more than 11.
        assert statuses[:19] == [400] * 19 and statuses[19:] == [429, 429]
