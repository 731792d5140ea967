"""Shared fixtures: fixture workspaces and snapshot files; markers for a fast subset.

Regenerate snapshots with ``CXDSL_UPDATE_SNAPSHOTS=1 make unit`` and review the diff.
``make test-fast`` (``pytest -m "not browser and not npm and not slow"``) runs without
Chromium or npm; ``make test`` runs everything.
"""

from __future__ import annotations

import contextlib
import fcntl
import inspect
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

# No time limit per example: the suite runs on both cores beside Chromium and Graphviz, and
# how long an example takes there says nothing about cxdsl (timed assertions do not belong
# in the test suite; speed is measured in benchmarks/).
settings.register_profile("cxdsl", deadline=None)
settings.load_profile("cxdsl")

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from ._install_helpers import Hooks

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"
REPO = Path(__file__).parent.parent
UPDATE = os.environ.get("CXDSL_UPDATE_SNAPSHOTS") == "1"
#: Headless Chromium as the browser tests run it (Debian's, no network chatter).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "make test installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def snapshot() -> Callable[[Path, str], None]:
    """Compare text with a snapshot file (or rewrite it when updating)."""

    def check(path: Path, actual: str) -> None:
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing snapshot {path}; run with CXDSL_UPDATE_SNAPSHOTS=1"
        assert actual == path.read_text(encoding="utf-8")

    return check


def make_workspace(tmp_path: Path, overlay: Path | None = None) -> Path:
    """A copy of the base fixture workspace with the files of ``overlay`` laid over it."""
    ws = tmp_path / "ws"
    shutil.copytree(BASE, ws)
    if overlay is not None:
        for src in sorted(overlay.rglob("*")):
            if src.is_file() and src.name != "expected.txt":
                dest = ws / src.relative_to(overlay)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
    return ws


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (other processes wait for it)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_folder(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """The folder ``name``, filled by ``make`` once per run of pytest.

    Under pytest-xdist every worker has its own session (and its own basetemp, ``popen-gwN``
    inside the run's): the folder lives in the run's basetemp, and a lock makes the first
    worker that needs it build it while the others wait, then use it. ``make`` builds in
    place (a virtual environment or a git URL names its own path); a build that failed is
    started again by the next test that needs it."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with _locked(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


#: The example workspace's files, as a test copies them.
EXAMPLE = ("cxdsl.yaml", "personas", "journeys", "results", "docs", "mkdocs.yml")


def copy_example(ws: Path) -> Path:
    """The example workspace's files copied into ``ws`` (made if missing); ``ws`` back."""
    ws.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, ws / name)
    return ws


def _build_example(folder: Path) -> None:
    from cxdsl.site.build import build_site

    ws = copy_example(folder / "ws")
    report, _warnings = build_site(ws, ws / "site")
    assert report.built and report.prepared.result.ok
    assert not report.render.failed and not report.render.skipped


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace's site, built from a copy once per run and shared by every
    worker: read it, never write into it (a test that changes a site builds its own).
    Its parent is the workspace it was built from."""
    return shared_folder(tmp_path_factory, "example-site", _build_example) / "ws" / "site"


@pytest.fixture(scope="session")
def example_server(example_site: Path) -> Iterator[str]:
    """The example site served over http (``http://127.0.0.1:PORT``, no trailing slash)."""
    from ._serve import serve_folder

    with serve_folder(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cxdsl's runtime dependencies and setuptools as wheels, for offline installs."""
    from ._install_helpers import build_wheelhouse

    return shared_folder(tmp_path_factory, "wheelhouse", build_wheelhouse)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel of this checkout (built once per run)."""
    from ._install_helpers import build_dist

    return shared_folder(
        tmp_path_factory, "dist", lambda out: build_dist(out, tmp_path_factory.mktemp("checkout"))
    )


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory, dist: Path, wheelhouse: Path) -> Path:
    """The ``bin`` of a new virtual environment with the wheel installed, offline (not
    editable; nothing of this venv). Installed once per run: the tests run its commands
    and never install into it."""
    from ._install_helpers import install_fresh

    folder = shared_folder(
        tmp_path_factory, "installed", lambda f: install_fresh(f / "venv", dist, wheelhouse)
    )
    return folder / "venv" / "bin"


@pytest.fixture(scope="session")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    """This checkout as a hook repository tagged like a release, and one pre-commit home
    for the run: pre-commit installs the hooks' environment once (it locks its home while
    it installs), and each test runs its own config against it."""
    from ._install_helpers import Hooks, hook_repository

    folder = shared_folder(tmp_path_factory, "pre-commit", lambda f: hook_repository(f / "hooks"))
    return Hooks(repository=folder / "hooks", home=folder / "home")


#: What a test needs, told by the fixtures it asks for or the words in its source. Marking
#: by what a test uses, not by hand, keeps a new test in the right subset. ``slow``: the
#: test or its fixture runs mkdocs or builds the wheel (seconds; the rest take milliseconds).
_FIXTURES: dict[str, frozenset[str]] = {
    "browser": frozenset({"browser", "page"}),
    "npm": frozenset(),
    "slow": frozenset(
        {
            "built",
            "corpus_site",
            "dist",
            "example_out",
            "hooks",
            "installed",
            "no_config",
            "wheelhouse",
        }
    ),
}
_SOURCE: dict[str, tuple[str, ...]] = {
    "browser": ("chromium", "sync_playwright"),
    "npm": ("node_modules", "VALIDATOR", "sarif_validate("),
    "slow": ('"build"', '"serve"', "build_site(", "serve_site("),
}


def _needs(item: pytest.Item) -> set[str]:
    fixtures = set(getattr(item, "fixturenames", ()))
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        source = ""
    return {
        marker
        for marker, names in _FIXTURES.items()
        if fixtures & names or any(word in source for word in _SOURCE[marker])
    }


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests ``browser``, ``npm`` and ``slow`` (assertions stay as they are)."""
    for item in items:
        for marker in sorted(_needs(item)):
            item.add_marker(getattr(pytest.mark, marker))
