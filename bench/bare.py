"""The baseline: a bare Flask app answering "ok", served by the same gunicorn settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def ok():
    return "ok\n", 200, {"Content-Type": "text/plain"}
