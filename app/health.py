"""A bare health check for load balancers (and the benchmark's baseline): no database."""

from flask import Flask

from app.application import sessionless


def register(app: Flask) -> None:
    @app.get("/healthz")
    @sessionless
    def healthz():
        return "ok\n", 200, {"Content-Type": "text/plain", "Cache-Control": "no-store"}
