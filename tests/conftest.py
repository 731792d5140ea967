"""Shared fixtures: fixture workspaces and snapshot files.

Regenerate snapshots with ``CXDSL_UPDATE_SNAPSHOTS=1 make unit`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"
REPO = Path(__file__).parent.parent
UPDATE = os.environ.get("CXDSL_UPDATE_SNAPSHOTS") == "1"


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
