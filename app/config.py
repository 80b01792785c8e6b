"""Defaults, read from the environment; instance/ holds the SQLite file and the secret key."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask


def configure(app: Flask, test_config: dict | None) -> None:
    """Apply defaults, then FLASK_* environment variables, then the test config."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=database_url(instance),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        # The throttles' counts live in the game's database, shared by every worker and
        # server, unless RATELIMIT_STORAGE_URI names another store (redis://...).
        RATELIMIT_STORAGE_URI=os.environ.get("RATELIMIT_STORAGE_URI", "database://"),
        RATELIMIT_HEADERS_ENABLED=True,
        # A student's remember cookie lasts one school term at most: a phone or a school
        # computer left signed in is signed out by the next term; the resume code signs in again.
        REMEMBER_COOKIE_DURATION=timedelta(days=120),
        # The largest form (a 280-character complaint in any script) is under 4 KiB.
        MAX_CONTENT_LENGTH=8 * 1024,
        TRUSTED_PROXIES=0,  # how many proxies in front append X-Forwarded-For and -Proto
        PUBLIC_URL=None,  # the address students reach: join links and QR codes use it
        HISTORY_PAGE_SIZE=25,
        PACE=1.0,  # scales every cooldown: 0.5 for a quick round, 2 for a slow one
        SOLO_NEIGHBOURS=12,  # simulated citizens in the town of solo play (0: none)
        # The simulated society acts as requests find its ticks due; set false when
        # `flask society run` drives it instead.
        SOCIETY_ON_REQUESTS=True,
    )
    app.config.from_prefixed_env()
    if test_config:
        app.config.from_mapping(test_config)
    normalise(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(instance)
    if app.config.get("HTTPS"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True


def normalise(config: dict) -> None:
    """Turn settings read from the environment into numbers and lists, and check their range."""
    config["PACE"] = float(config["PACE"])
    if not 0 <= config["PACE"] <= 10:
        raise ValueError("PACE must be between 0 and 10")
    if isinstance(config["SOCIETY_ON_REQUESTS"], str):  # FLASK_SOCIETY_ON_REQUESTS=false
        config["SOCIETY_ON_REQUESTS"] = config["SOCIETY_ON_REQUESTS"].lower() in (
            "1",
            "true",
            "yes",
        )
    config["SOLO_NEIGHBOURS"] = int(config["SOLO_NEIGHBOURS"])
    if not 0 <= config["SOLO_NEIGHBOURS"] <= 200:
        raise ValueError("SOLO_NEIGHBOURS must be between 0 and 200")
    config["TRUSTED_PROXIES"] = int(config["TRUSTED_PROXIES"])
    if not 0 <= config["TRUSTED_PROXIES"] <= 10:
        raise ValueError("TRUSTED_PROXIES must be between 0 and 10")
    if isinstance(config.get("TRUSTED_HOSTS"), str):  # FLASK_TRUSTED_HOSTS=a.example,b.example
        hosts = config["TRUSTED_HOSTS"].split(",")
        config["TRUSTED_HOSTS"] = [host.strip() for host in hosts if host.strip()]


def database_url(instance: Path) -> str:
    """Return DATABASE_URL (postgresql:// becomes psycopg 3) or the SQLite file in instance/."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance / 'citizen-score.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret(instance: Path) -> str:
    """Read the secret key from instance/, generating it once (atomically, for several workers)."""
    path = instance / "secret_key"
    if not path.exists():
        draft = instance / f"secret_key.{os.getpid()}"
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
