"""Start the game under gunicorn on a fresh SQLite file, as `make run` would."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@dataclass
class Setup:
    folder: Path
    env: dict
    classroom_id: int
    codes: list[str]
    teacher: str
    password: str
    players: list[dict]  # each player's signed-in cookie header and form token
    instructor: dict

    @property
    def logins(self) -> Path:
        """The players' cookies and tokens, one tab-separated line each, for wrk's scripts."""
        path = self.folder / "logins.tsv"
        if not path.exists():
            path.write_text("".join(f"{p['cookie']}\t{p['token']}\n" for p in self.players))
        return path


def _env(folder: Path, pace: float = 1.0) -> dict:
    return os.environ | {
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}",
        "FLASK_SECRET_KEY": "benchmark-secret",
        "FLASK_PACE": str(pace),
        "FLASK_APP": "app",
    }


def seed(folder: Path, players: int, history: int, world: str = "record") -> Setup:
    """Migrate a fresh database and seed a class of players."""
    folder.mkdir(parents=True)
    env = _env(folder)
    subprocess.run(
        [BIN / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    out = folder / "seed.json"
    subprocess.run(  # signs every player in once, through the real form, past the throttles
        [sys.executable, "-m", "bench.seed", str(players), str(history), world, str(out)],
        cwd=ROOT,
        env=env | {"FLASK_RATELIMIT_ENABLED": "false"},
        check=True,
    )
    data = json.loads(out.read_text())
    return Setup(
        folder,
        env,
        data["classroom_id"],
        data["codes"],
        data["teacher"],
        data["password"],
        data["players"],
        data["instructor"],
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with sync workers, started with the given environment (the throttles on)."""

    def __init__(
        self,
        env: dict,
        workers: int,
        pace: float = 1.0,
        app: str = "app:create_app()",
        ready: str = "/healthz",
    ):
        self.env = env | {"FLASK_PACE": str(pace)}
        self.workers = workers
        self.app = app
        self.ready = ready
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        """Return the pids of the master's workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def memory_mib(self) -> list[float]:
        """Return each worker's resident memory, in MiB."""
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            sizes.append(int(kib) / 1024)
        return sizes

    def __enter__(self) -> "Server":
        env = self.env
        self.process = subprocess.Popen(
            [
                BIN / "gunicorn",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--config",
                str(ROOT / "app" / "serving.py"),
                self.app,
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + self.ready, timeout=1).read()
                return self
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def check_ledger(setup: Setup) -> int:
    """Count the standings and meters that differ from baseline plus the sum of their events."""
    result = subprocess.run(
        [BIN / "flask", "audit"], cwd=ROOT, env=setup.env, capture_output=True, text=True
    )
    return int(result.stdout.strip().splitlines()[-1].split()[0])
