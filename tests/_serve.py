"""One local web server for the browser tests: a built site served over http, quietly."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that stays quiet when a browser drops a connection (a
    navigation that cancels an image's download is not an error of the site)."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` at ``http://127.0.0.1:PORT`` (no trailing slash) while the block runs."""
    with serve_handler(functools.partial(QuietHandler, directory=str(folder))) as url:
        yield url


@contextlib.contextmanager
def serve_handler(
    handler: Callable[..., http.server.BaseHTTPRequestHandler], port: int = 0
) -> Iterator[str]:
    """Serve with ``handler`` on ``port`` (0: a free one) of 127.0.0.1 while the block runs;
    ``http://127.0.0.1:PORT`` back."""
    httpd = QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
