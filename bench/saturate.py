"""Saturate one endpoint at a time with wrk, a load generator in C, and say what it cost.

wrk is far lighter than the server it drives, so on a machine of two cores the figures are the
server's; the share of the CPU wrk itself took is measured and printed with them.
"""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "bench" / "wrk"
THREADS = 1  # one thread of wrk keeps two 2-core machines' worth of workers busy
CONNECTIONS = 16


@dataclass
class Saturation:
    requests: int
    seconds: float
    bad: int  # answers other than 2xx and 3xx, and socket errors
    cpu: float  # wrk's CPU seconds

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0


def require_wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit(
            "The benchmark drives the server with wrk: install it (apt-get install wrk; "
            "`make bench` does so when it can)."
        )
    return found


def saturate(url: str, seconds: int, script: str | None = None, args: tuple = ()) -> Saturation:
    """Run wrk against url for a number of seconds, with an optional Lua script and its args."""
    command = [require_wrk(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s"]
    if script:
        command += ["-s", str(SCRIPTS / script)]
    command += [url]
    if args:
        command += ["--", *map(str, args)]
    before = os.times()
    started = time.monotonic()
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    elapsed = time.monotonic() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return parse(out, elapsed, cpu)


def parse(out: str, elapsed: float, cpu: float) -> Saturation:
    found = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    if not found:
        raise RuntimeError(f"wrk said:\n{out}")
    seconds = float(found.group(2)) / (1000 if found.group(3) == "ms" else 1)
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    return Saturation(int(found.group(1)), seconds, bad, cpu)
