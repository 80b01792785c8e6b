"""The realistic load: Locust users, signed in as players or projectors, using the real pages.

Each user takes a cookie that bench/seed.py got by signing in through the real form once: a
class signing in from one address would meet the login throttle, which the benchmark leaves on.
"""

import itertools
import os
import random
import re
import secrets
import time
from dataclasses import dataclass

import gevent
import requests
from locust import FastHttpUser, task
from locust.env import Environment

from app.game import rules
from app.game.content.catalogue import catalogue

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ARTICLES = list(catalogue().articles)
CHEAP = [m.id for m in catalogue().media.values() if m.price < rules.LUXURY_PRICE]
PLAN = {  # action → (url, form fields); every one writes to the ledger
    "share": (lambda: f"/feed/{random.choice(ARTICLES)}/share", {}),
    "buy": (lambda: f"/shop/{random.choice(CHEAP)}/buy", {}),
    "complain": (lambda: "/complain", {"topic": "pollution", "channel": "online"}),
    "gaming": (lambda: "/life/gaming", {}),
    "bill-on-time": (lambda: "/life/bill-on-time", {}),
    "visit": (lambda: "/life/visit", {}),
}
MARGIN = 1.5  # seconds added to each cooldown, for clocks and queues


@dataclass
class Run:
    rps: float = 0
    requests: int = 0
    errors: int = 0
    failures: int = 0
    p50: float = 0
    p95: float = 0
    p99: float = 0
    polls: int = 0
    polls_304: int = 0
    reset_seconds: float = 0
    failures_by_kind: str = ""
    cpu_share: float = 0  # of the machine's CPU time, the share Locust itself used


class Shared:
    """What the users of one run share: the logins and the counters."""

    players = iter(())
    instructor: dict = {}
    classroom_id = 0
    polls = 0
    polls_304 = 0
    server_errors = 0


def token(html: str) -> str:
    return TOKEN.search(html).group(1)


class Player(FastHttpUser):
    abstract = True
    pace = 1.0

    def on_start(self) -> None:
        login = next(Shared.players)
        self.token = login["token"]
        self.ready = dict.fromkeys(PLAN, 0.0)
        self.keep_cookies(login["cookie"])

    def keep_cookies(self, cookie: str) -> None:
        """Send the login cookies as a fixed header.

        An act does not change them, and the load runs on the server's cores: the cookie
        jar's checks on every request cost more than the bare endpoint's whole request.
        """
        self.headers = {"Cookie": cookie}
        self.client.client.cookiejar = None

    def post_action(self, action: str) -> str | None:
        """Post an act's real form; return where the server sent the player (or None)."""
        url, fields = PLAN[action]
        data = fields | {"csrf_token": self.token, "key": secrets.token_urlsafe(16)}
        with self.client.post(
            url(),
            data=data,
            headers=self.headers,
            allow_redirects=False,
            name="action",
            catch_response=True,
        ) as response:
            if response.status_code >= 500 or response.status_code == 0:
                Shared.server_errors += 1
            if response.status_code == 303:
                response.success()
                return response.headers.get("Location")
            response.failure(f"{action}: {response.status_code}")
            return None

    def next_action(self) -> str | None:
        now = time.monotonic()
        for action in random.sample(list(PLAN), len(PLAN)):
            if now >= self.ready[action]:
                self.ready[action] = now + rules.cooldown_for(action) * self.pace + MARGIN
                return action
        return None


class Rhythm:
    """A user who acts once a period, in a rhythm of their own.

    Locust starts users in batches; pacing from the start would keep each batch in step, and a
    class whose members all click in the same millisecond is not a class. Each rhythm therefore
    begins at a random moment after logging in.
    """

    period = 1.0

    def begin_rhythm(self) -> None:
        gevent.sleep(random.uniform(0, self.period))
        self.next_at = time.monotonic()

    def wait_time(self) -> float:
        self.next_at += self.period
        return max(0.0, self.next_at - time.monotonic())


class ClassPlayer(Rhythm, Player):
    """One student: an action every 5 s."""

    period = 5.0

    def on_start(self) -> None:
        super().on_start()
        self.begin_rhythm()

    @task
    def act(self) -> None:
        action = self.next_action()
        if action:
            self.post_action(action)


class AssemblyPlayer(Rhythm, Player):
    """One student of a school assembly: an act every 15 s, then the page it leads to."""

    period = 15.0

    def on_start(self) -> None:
        super().on_start()
        self.begin_rhythm()

    @task
    def act(self) -> None:
        action = self.next_action()
        back = self.post_action(action) if action else None
        if back:
            with self.client.get(
                back, headers=self.headers, name="page", catch_response=True
            ) as response:
                if response.status_code != 200:
                    Shared.server_errors += response.status_code >= 500
                    response.failure(f"page: {response.status_code}")


class Projector(Rhythm, FastHttpUser):
    """A class's projector: a poll every 2 s."""

    period = 2.0

    def on_start(self) -> None:
        self.headers = {"Cookie": Shared.instructor["cookie"]}
        self.client.client.cookiejar = None
        self.etag = None
        self.begin_rhythm()

    @task
    def poll(self) -> None:
        headers = self.headers | ({"If-None-Match": self.etag} if self.etag else {})
        url = f"/classes/{Shared.classroom_id}/projector?fragment=1"
        with self.client.get(url, headers=headers, name="poll", catch_response=True) as response:
            Shared.polls += 1
            if response.status_code == 304:
                Shared.polls_304 += 1
                response.success()
            elif response.status_code == 200:
                self.etag = response.headers.get("ETag")
                response.success()
            else:
                Shared.server_errors += response.status_code >= 500
                response.failure(f"poll: {response.status_code}")


def _share(setup) -> None:
    Shared.players = itertools.cycle(setup.players)
    Shared.instructor = setup.instructor
    Shared.classroom_id = setup.classroom_id
    Shared.polls = Shared.polls_304 = Shared.server_errors = 0


def _collect(env: Environment, seconds: float) -> Run:
    total = env.stats.total
    return Run(
        rps=total.num_requests / seconds,
        requests=total.num_requests,
        errors=total.num_failures,
        failures=total.num_failures,
        p50=total.get_response_time_percentile(0.5) or 0,
        p95=total.get_response_time_percentile(0.95) or 0,
        p99=total.get_response_time_percentile(0.99) or 0,
        polls=Shared.polls,
        polls_304=Shared.polls_304,
        failures_by_kind="; ".join(
            f"{e.error} ×{e.occurrences}" for e in list(env.stats.errors.values())[:6]
        ),
    )


def _start(url: str, users: dict, spawn_rate: float) -> Environment:
    env = Environment(user_classes=list(users), host=url)
    env.create_local_runner()
    env.runner.start(sum(users.values()), spawn_rate=spawn_rate)
    deadline = time.monotonic() + 60
    while env.runner.user_count < sum(users.values()):
        if time.monotonic() > deadline:
            env.runner.quit()
            raise RuntimeError("the simulated users could not all start")
        gevent.sleep(0.2)
    gevent.sleep(3)  # every user has logged in
    return env


def measure(
    url: str,
    setup,
    players: int,
    projectors: int,
    seconds: int,
    reset_after: float | None = None,
    player=ClassPlayer,
) -> Run:
    """Run a class of players and projectors; optionally reset the round in the middle."""
    _share(setup)
    player.weight, Projector.weight = max(players, 1), projectors
    users = {kind: count for kind, count in ((player, players), (Projector, projectors)) if count}
    env = _start(url, users, spawn_rate=100)
    gevent.sleep(player.period + 2)  # every user has begun its rhythm
    Shared.polls = Shared.polls_304 = Shared.server_errors = 0
    env.stats.reset_all()
    cpu_before, wall_before = _cpu(), time.monotonic()
    reset_seconds = 0.0
    if reset_after is not None:
        gevent.sleep(reset_after)
        reset_seconds = reset_round(url, setup)
        gevent.sleep(seconds - reset_after)
    else:
        gevent.sleep(seconds)
    run = _collect(env, seconds)
    run.cpu_share = (_cpu() - cpu_before) / ((time.monotonic() - wall_before) * os.cpu_count())
    run.reset_seconds = reset_seconds
    if reset_after is not None:
        run.errors = Shared.server_errors  # after a reset, refusals (409) are expected
    env.runner.quit()
    return run


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def reset_round(url: str, setup) -> float:
    """Reset the class's round as its instructor does; return how long the request took."""
    session = requests.Session()
    session.headers["Cookie"] = setup.instructor["cookie"]
    page = session.get(f"{url}/classes/{setup.classroom_id}").text
    round_id = re.search(r'name="round_id"[^>]*value="(\d+)"', page)
    data = {
        "csrf_token": token(page),
        "round_id": round_id.group(1),
        "world": "record",
        "confirm": "y",
    }
    started = time.perf_counter()
    response = session.post(
        f"{url}/classes/{setup.classroom_id}/reset", data=data, allow_redirects=False
    )
    elapsed = time.perf_counter() - started
    if response.status_code != 303:
        raise RuntimeError(f"reset answered {response.status_code}")
    return elapsed
