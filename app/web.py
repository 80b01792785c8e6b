"""What every response shares: compressed text, and the site's icon."""

from flask import Flask, Response, send_from_directory
from flask_compress import Compress

compress = Compress()


def register(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    # Flask-Compress streams with brotli or deflate only; a streamed export is sent in chunks.
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "deflate"])
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        [
            "text/html",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "text/csv",
            "text/plain",
            "image/svg+xml",
        ],
    )
    compress.init_app(app)

    @app.after_request  # registered after Compress: runs before it
    def close_what_compression_wraps(response: Response) -> Response:
        """A compressed stream wraps the file it reads; close that file with the response."""
        if response.is_streamed and hasattr(response.response, "close"):
            response.call_on_close(response.response.close)
        return response

    @app.get("/favicon.ico")
    def favicon():
        """Browsers that ignore the page's icon link ask here: give them the same icon."""
        return send_from_directory(app.static_folder, "favicon.svg", mimetype="image/svg+xml")
