"""What every page shares: one path for refusals, the words and kit templates use, compressed
text, the site's icon, compiled templates; in this package, the forms, charts, access checks
and device marks that more than one feature uses."""

from pathlib import Path

from flask import Flask, Response, current_app, request, send_from_directory
from flask_compress import Compress
from jinja2 import FileSystemBytecodeCache

from app.web import fragments, kit, refusals, words
from app.web.forms import one_time_key

compress = Compress()
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def compress_what_gains(response: Response) -> Response:
    """Compress pages; pass redirects and bodies under the minimum size straight through.

    Flask-Compress would leave them uncompressed too, but only after parsing the request's
    Accept-Encoding and adding a Vary header that nothing varies by: on a redirect or a
    two-byte answer that costs more than the answer.
    """
    if response.status_code in REDIRECTS:
        return response
    streamed = response.is_streamed
    size = None if streamed else response.content_length
    if size is not None and size < current_app.config["COMPRESS_MIN_SIZE"]:
        return response
    source = response.response
    if streamed and hasattr(source, "close"):
        # a compressed stream wraps the file it reads: close that file with the response
        response.call_on_close(source.close)
    response = compress.after_request(response)
    if response.headers.get("ETag") and request.method in ("GET", "HEAD"):
        response.make_conditional(request)  # a compressed file's ETag names its encoding
    return response


def register(app: Flask) -> None:
    """Register what every page shares."""
    refusals.register(app)
    words.register(app)
    kit.register(app)
    fragments.register(app)
    app.add_template_global(one_time_key)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    # A page is a few kilobytes, compressed once per request: the fastest levels take a third
    # of the time of the defaults (brotli 4, gzip 6) for answers about a tenth larger.
    app.config.setdefault("COMPRESS_BR_LEVEL", 1)
    app.config.setdefault("COMPRESS_LEVEL", 1)
    # Its second look at If-None-Match after compressing is needed only by answers with an
    # ETag of their own (static files); on a page it only adds a second Date header beside
    # the server's. compress_what_gains takes that look where there is an ETag.
    app.config.setdefault("COMPRESS_EVALUATE_CONDITIONAL_REQUEST", False)
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
    app.config.setdefault("COMPRESS_REGISTER", False)
    compress.init_app(app)
    # Each worker compiles every template it renders once; compiled, they load from instance/.
    folder = Path(app.instance_path) / "jinja-cache"
    folder.mkdir(exist_ok=True)
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    if not app.config["COMPRESS_REGISTER"]:
        app.after_request(compress_what_gains)

    @app.get("/favicon.ico")
    def favicon():
        """Browsers that ignore the page's icon link ask here: give them the same icon."""
        return send_from_directory(app.static_folder, "favicon.svg", mimetype="image/svg+xml")
