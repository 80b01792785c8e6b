"""A bare health check for load balancers (and the benchmark's baseline): no database."""

from flask import Flask


def register(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        return "ok\n", 200, {"Content-Type": "text/plain", "Cache-Control": "no-store"}
