"""The login, join, resume and register throttles: one count per address, shared by every
worker through the database, keyed on the client behind the configured number of proxies."""

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import select

from app.extensions import db, limiter
from app.models import RateLimit
from bench.server import Server

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def shared(make_app, monkeypatch):
    """The app as deployed: no RATELIMIT_STORAGE_URI, so the throttles count in the database."""
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.delenv("FLASK_RATELIMIT_STORAGE_URI", raising=False)
    return make_app(RATELIMIT_ENABLED=True)


def wrong_logins(client, count: int, **headers) -> list[int]:
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    data = {"csrf_token": token, "username": "nobody", "password": "wrong password"}
    return [client.post("/login", data=data, headers=headers).status_code for _ in range(count)]


def test_the_default_storage_is_the_database(shared):
    assert shared.config["RATELIMIT_STORAGE_URI"] == "database://"
    statuses = wrong_logins(shared.test_client(), 21)
    assert statuses == [400] * 20 + [429]
    with shared.app_context():
        (row,) = db.session.scalars(select(RateLimit)).all()
        assert row.count == 21 and "127.0.0.1" in row.key and "login" in row.key


def test_the_limit_headers_and_a_reset_read_the_database(shared):
    client = shared.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    data = {"csrf_token": token, "username": "nobody", "password": "wrong password"}
    for _ in range(20):
        response = client.post("/login", data=data)
    assert response.headers["X-RateLimit-Remaining"] == "0"
    refused = client.post("/login", data=data)
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60
    with shared.app_context():
        limiter.reset()
        assert db.session.scalars(select(RateLimit)).all() == []
    assert client.post("/login", data=data).headers["X-RateLimit-Remaining"] == "19"


def test_a_window_that_ended_counts_again_from_one(shared):
    client = shared.test_client()
    assert wrong_logins(client, 21)[-1] == 429
    with shared.app_context():
        db.session.execute(RateLimit.__table__.update().values(expires_at=0))
        db.session.commit()
    assert wrong_logins(client, 1) == [400]
    with shared.app_context():
        assert db.session.scalars(select(RateLimit.count)).all() == [1]


def test_without_trusted_proxies_a_forwarded_address_is_ignored(shared):
    client = shared.test_client()
    statuses = [wrong_logins(client, 1, **{"X-Forwarded-For": f"10.0.0.{i}"})[0] for i in range(21)]
    assert statuses[-1] == 429


def test_behind_one_trusted_proxy_each_student_has_a_count_of_their_own(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="database://", TRUSTED_PROXIES=1)
    proxy = {"REMOTE_ADDR": "192.0.2.1"}  # the load balancer, as every request arrives
    first = app.test_client()
    first.environ_base |= proxy
    # A forged address in front of the proxy's own entry changes nothing: the proxy's is used.
    statuses = wrong_logins(first, 21, **{"X-Forwarded-For": "6.6.6.6, 10.0.0.1"})
    assert statuses == [400] * 20 + [429]
    second = app.test_client()
    second.environ_base |= proxy
    assert wrong_logins(second, 1, **{"X-Forwarded-For": "10.0.0.2"}) == [400]
    with app.app_context():
        keys = db.session.scalars(select(RateLimit.key)).all()
        assert sorted(key.split("/")[1] for key in keys) == ["10.0.0.1", "10.0.0.2"]


def test_trusted_proxies_is_a_small_number(make_app):
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        make_app(TRUSTED_PROXIES=-1)


def hammer(url: str, attempts: int) -> list[int]:
    """Post wrong passwords from several threads at once, so that every worker answers some."""
    session = requests.Session()
    token = TOKEN.search(session.get(f"{url}/login", timeout=10).text).group(1)
    data = {"csrf_token": token, "username": "nobody", "password": "wrong password"}
    cookies = session.cookies.get_dict()

    def attempt(_):
        return requests.post(f"{url}/login", data=data, cookies=cookies, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(attempt, range(attempts)))


@pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")), reason="SQLite set-up of make run")
def test_the_login_limit_holds_across_gunicorn_workers(database_uri):
    """`make run`'s set-up: several workers on one SQLite file, nothing else installed."""
    env = os.environ | {
        "DATABASE_URL": database_uri,
        "FLASK_SECRET_KEY": "one-secret",
        "FLASK_RATELIMIT_ENABLED": "true",
    }
    env.pop("RATELIMIT_STORAGE_URI", None)
    with Server(env, workers=3) as server:
        statuses = hammer(server.url, 30)
    assert sorted(statuses) == [400] * 20 + [429] * 10, statuses
