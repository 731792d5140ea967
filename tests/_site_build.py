"""A built copy of the example workspace with a ``site_url``, for the print, phone and
address tests (built once per run: :func:`tests.conftest.shared_folder`), and a server
that hosts a built site under a sub-path, as a host serving it at ``/sub/path/`` would.

The copy's files are dated by hand (every file :data:`OLD`, the complaint journey's file
:data:`NEW`) and the build's day is :data:`BUILD_DAY` (``SOURCE_DATE_EPOCH``), so page
dates and evidence ages are known in advance.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cxdsl.site.build import build_site

from ._serve import serve_handler
from .conftest import EXAMPLE, REPO, shared_folder

SITE_URL = "https://cx.example.org/sub/path/"
PREFIX = "/sub/path"
LANGS = ("ar", "en")
BUILD_DAY = dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)
OLD = dt.datetime(2026, 3, 15, 12, tzinfo=dt.UTC)
NEW = dt.datetime(2026, 6, 20, 12, tzinfo=dt.UTC)
NEW_FILE = "journeys/file-complaint.py"


@contextlib.contextmanager
def build_day(day: dt.datetime) -> Iterator[None]:
    """Builds inside the block take ``day`` as today (``SOURCE_DATE_EPOCH``)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def copy_example(folder: Path) -> Path:
    """The example workspace copied into ``folder/ws``, its files dated OLD (one NEW)."""
    ws = folder / "ws"
    ws.mkdir()
    for name in EXAMPLE:
        src = REPO / name
        if src.exists():
            (shutil.copytree if src.is_dir() else shutil.copyfile)(src, ws / name)
    for path in ws.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD.timestamp(), OLD.timestamp()))
    os.utime(ws / NEW_FILE, (NEW.timestamp(), NEW.timestamp()))
    return ws


def build(ws: Path, out: Path, site_url: str | None) -> Path:
    """Build ``ws`` into ``out`` on BUILD_DAY, for ``site_url``."""
    with build_day(BUILD_DAY):
        report, _warnings = build_site(ws, out, site_url=site_url)
    assert report.built and not report.render.failed
    return out


def addressed_site(factory: pytest.TempPathFactory) -> Path:
    """The example built with :data:`SITE_URL` (once per run)."""
    folder = shared_folder(
        factory, "example-site-url", lambda f: build(copy_example(f), f / "site", SITE_URL)
    )
    return folder / "site"


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX; a missing page is answered with the 404 page of its
    language's folder (the site's own, ``site/404.html``, outside them), status 404."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(PREFIX + "/"):
            self.send_error(404)
            return
        rel = path[len(PREFIX) :]
        target = Path(self.directory) / rel.lstrip("/")
        if target.is_dir() and not path.endswith("/"):  # as hosts do, under the prefix
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() or (Path(self.directory) / rel.lstrip("/")).is_dir():
            self.path = rel
            super().do_GET()
            return
        lang = rel.strip("/").split("/")[0]
        page = Path(self.directory) / (lang if lang in LANGS else "") / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def free_port() -> int:
    """A port nothing listens on now (for a site built for the address it is served at)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve_under_prefix(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:PORT/sub/path/``; that address back."""
    with serve_handler(functools.partial(SubPathHandler, directory=str(site)), port) as url:
        yield f"{url}{PREFIX}/"
