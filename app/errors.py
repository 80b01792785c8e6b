"""Error pages that say what went wrong and what to do next."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, SecurityError

from app.extensions import db

ADVICE = {
    400: "Go back, reload the page and try again.",
    403: "This is not yours to open. Go back to your dashboard.",
    404: "Check the address, or go back to your dashboard.",
    405: "Use the buttons on the page rather than typing this address.",
    409: "Wait for the instructor, then try again.",
    413: "Send something shorter.",
    429: "Wait a little, then try again.",
    500: "Something broke on our side. Reload the page; if it happens again, tell the instructor.",
}


def register(app: Flask) -> None:
    """Render every HTTP error with the errors/error.html page."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = "This form has expired or was not sent from this site. Reload it and try again."
        return error_page(400, "Form expired", message)

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # A Host outside TRUSTED_HOSTS: no URL can be built for it, so no page either.
        return "This server does not answer to that host name.", 400, {"Content-Type": "text/plain"}

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge):
        return error_page(413, "Too much sent", "That was more than this form takes.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_page(error.code or 500, error.name, error.description)

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        return error_page(500, "Server error", "The server could not finish that request.")


def error_page(code: int, title: str, message: str):
    """Render the error page: what went wrong, and what to do next."""
    advice = ADVICE.get(code, "Go back to your dashboard.")
    return render_template(
        "errors/error.html", code=code, title=title, message=message, advice=advice
    ), code
