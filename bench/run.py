"""Benchmark Citizen Score under gunicorn with Locust; print the figures, exit 1 on a miss.

P1 action throughput against a bare endpoint; P2 a class of players and projectors;
P3 unchanged projector polls answered 304; P5 a reset of a long round with requests in flight.
"""

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from bench.load import Run, measure, saturate  # noqa: E402
from bench.server import Server, check_ledger, seed  # noqa: E402

HERE = Path(__file__).resolve().parent
PLAYERS = int(os.environ.get("BENCH_PLAYERS", 500))
PROJECTORS = int(os.environ.get("BENCH_PROJECTORS", 10))
SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
HISTORY = int(os.environ.get("BENCH_EVENTS", 50_000))
WORKERS = int(os.environ.get("WORKERS", 2 * (os.cpu_count() or 1) + 1))


def main() -> int:
    results: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as tmp:
        quick = seed(Path(tmp) / "p1", players=64, history=0)
        with Server(quick.env, WORKERS, pace=0) as server:
            bare, act = alternate(server.url, quick)
        ratio = act.rps / bare.rps if bare.rps else 0
        results.append(
            (
                "P1 action throughput / bare endpoint",
                f"{act.rps:.0f} / {bare.rps:.0f} req/s = {ratio:.0%}",
                "≥ 25%",
                ratio >= 0.25 and act.failures == 0,
            )
        )

        klass = seed(Path(tmp) / "p2", players=PLAYERS, history=HISTORY)
        with Server(klass.env, WORKERS, pace=1) as server:
            load = measure(server.url, klass, PLAYERS, PROJECTORS, SECONDS)
            results.append(
                (
                    "P2 latency p50 / p95 / p99",
                    f"{load.p50:.0f} / {load.p95:.0f} / {load.p99:.0f} ms",
                    "p95 ≤ 50, p99 ≤ 200",
                    load.p95 <= 50 and load.p99 <= 200,
                )
            )
            results.append(
                (
                    "P2 requests / errors",
                    f"{load.requests} / {load.errors}",
                    "0 errors",
                    load.errors == 0,
                )
            )
            quiet = measure(server.url, klass, 0, PROJECTORS, 10)
            share = quiet.polls_304 / quiet.polls if quiet.polls else 0
            results.append(
                (
                    "P3 unchanged projector polls answered 304",
                    f"{quiet.polls_304} of {quiet.polls} ({share:.0%}) in a quiet class; "
                    f"{load.polls_304} of {load.polls} while it acts",
                    "all but each projector's first",
                    quiet.polls - quiet.polls_304 <= PROJECTORS,
                )
            )
            reset = measure(server.url, klass, PLAYERS, PROJECTORS, 20, reset_after=8)
            results.append(
                (
                    f"P5 reset of {PLAYERS} citizens, {HISTORY:,} events",
                    f"{reset.reset_seconds:.2f} s; {reset.errors} errors in flight",
                    "≤ 2 s, 0 errors",
                    reset.reset_seconds <= 2 and reset.errors == 0,
                )
            )
        mismatches = check_ledger(klass)
        results.append(
            (
                "R2 standings equal baseline + sum of events",
                f"{mismatches} mismatches",
                "0",
                mismatches == 0,
            )
        )
    report(results)
    return 0 if all(ok for *_, ok in results) else 1


def alternate(url: str, setup, rounds: int = 3, seconds: int = 5):
    """Saturate the bare endpoint and the action in turns: a shared machine's drift hits both."""
    runs = {"bare": [], "action": []}
    for _ in range(rounds):
        for kind, found in runs.items():
            found.append(saturate(url, setup, kind, seconds=seconds))
    return (
        Run(
            rps=sum(r.requests for r in found) / (rounds * seconds),
            requests=sum(r.requests for r in found),
            failures=sum(r.failures for r in found),
        )
        for found in runs.values()
    )


def report(results) -> None:
    lines = [
        f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
        f"{WORKERS} gunicorn workers, {PLAYERS} players, {PROJECTORS} projectors, {SECONDS} s)",
        "",
        "| target | measured | goal | |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {name} | {value} | {goal} | {'ok' if ok else 'MISSED'} |"
        for name, value, goal, ok in results
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
