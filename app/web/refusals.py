"""One path for the game's refusals: the page a person sees, its status, when to try again.

A view that has a page of its own for a refusal names it with `answer_with` before it calls
the game; any other refusal is shown as an error page with the refusal's status.
"""

from collections.abc import Callable

from flask import Flask, g
from werkzeug.http import HTTP_STATUS_CODES

from app.errors import error_page
from app.game.ledger import Refused

__all__ = ["Refused", "answer_with", "register"]

Answer = Callable[[Refused], tuple[str, int]]


def answer_with(render: Answer) -> None:
    """Show a refusal in this request with render: (page, status) for the refusal."""
    g.refusal_page = render


def show_refusal(error: Refused):
    """Turn a refusal into its page, with Retry-After when the game says when."""
    render = g.get("refusal_page") or as_error_page
    html, status = render(error)
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
    return html, status, headers


def as_error_page(error: Refused) -> tuple[str, int]:
    title = HTTP_STATUS_CODES.get(error.status, "Refused")
    return error_page(error.status, title, error.message)


def register(app: Flask) -> None:
    app.register_error_handler(Refused, show_refusal)
