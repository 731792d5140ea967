"""Workspaces as they are at a git revision, or in the working tree."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

WORKTREE = "WORKTREE"


class RevisionError(Exception):
    """A revision that git cannot give (bad name, not a repository)."""


def _git(root: Path, *args: str, binary: bool = False) -> bytes:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False,
                          timeout=120)
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def default_base(root: Path) -> str:
    """The merge base with the default branch (origin's HEAD, else main, else master)."""
    candidates = []
    try:
        ref = _git(root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").decode().strip()
        candidates.append(ref)
    except RevisionError:
        pass
    candidates += ["origin/main", "main", "origin/master", "master"]
    for candidate in candidates:
        try:
            return _git(root, "merge-base", "HEAD", candidate).decode().strip()
        except RevisionError:
            continue
    return "HEAD"


def checkout(root: Path, revision: str, into: Path) -> Path:
    """Extract the workspace at ``revision`` into ``into``; the workspace folder back."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    data = _git(root, "archive", "--format=tar", revision, "--", prefix or ".", binary=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into, filter="data")
    return into / prefix if prefix else into


def short(root: Path, revision: str) -> str:
    if revision == WORKTREE:
        return "working tree"
    try:
        return _git(root, "rev-parse", "--short", revision).decode().strip()
    except RevisionError:
        return revision


def temporary() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="cxdsl-diff-")
