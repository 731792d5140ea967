"""Workspaces as they are at a git revision, or in the working tree.

Revisions come from the command line and, in CI, from event data: git is handed them only
as verified commit ids, never as text it could read as an option (``--output=...``).
Archives are extracted member by member: a symlink that would leave the workspace is
skipped and reported, never followed or written.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import codes
from ..diagnostics import Issue, Span

WORKTREE = "WORKTREE"
_COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


class RevisionError(Exception):
    """A revision that git cannot give (bad name, not a repository, git missing)."""


@dataclass
class Checkout:
    """A workspace extracted from a revision, and what was left out of it (and why)."""

    root: Path
    skipped: list[str] = field(default_factory=list)
    #: Links refused because they leave the workspace, as the loader reports them (CX014).
    refused: list[Issue] = field(default_factory=list)


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError as exc:
        raise RevisionError("git is not installed (cxdsl diff needs it)") from exc
    except subprocess.TimeoutExpired as exc:
        raise RevisionError(f"git {args[0]} took longer than 120 s") from exc
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def resolve(root: Path, revision: str) -> str:
    """The commit id that ``revision`` names; RevisionError naming it if there is none."""
    shown = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in revision)
    if not revision or revision.startswith("-"):
        raise RevisionError(f"'{shown}' is not a revision (a revision never starts with '-')")
    if any(ch in revision for ch in "\0\n\r"):
        raise RevisionError(f"'{shown}' is not a revision")
    try:
        # --end-of-options: whatever the text, git reads it as a revision, not an option.
        out = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except RevisionError as exc:
        if "not a git repository" in str(exc):
            raise
        raise RevisionError(f"'{shown}' is not a commit in this repository") from exc
    commit = out.decode("ascii", "replace").strip()
    if not _COMMIT_ID.fullmatch(commit):
        raise RevisionError(f"'{shown}' is not a commit in this repository")
    return commit


def resolve_pair(root: Path, base: str | None, head: str | None) -> tuple[str, str]:
    """Verified (base, head) commit ids; head may be WORKTREE; base defaults to the merge base."""
    base_id = resolve(root, base) if base else default_base(root)
    head_id = WORKTREE if head in (None, WORKTREE) else resolve(root, head or "")
    return base_id, head_id


def default_base(root: Path) -> str:
    """The merge base with the default branch (origin's HEAD, else main, else master)."""
    candidates = []
    try:
        ref = _git(root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").decode().strip()
        if ref.startswith("refs/"):
            candidates.append(ref)
    except RevisionError:
        pass
    candidates += ["origin/main", "main", "origin/master", "master"]
    for candidate in candidates:
        try:
            found = _git(root, "merge-base", "--end-of-options", "HEAD", candidate)
        except RevisionError:
            continue
        commit = found.decode("ascii", "replace").strip()
        if _COMMIT_ID.fullmatch(commit):
            return commit
    return resolve(root, "HEAD")


def checkout(root: Path, commit: str, into: Path) -> Checkout:
    """Extract the workspace at ``commit`` (a verified id) into ``into``."""
    if not _COMMIT_ID.fullmatch(commit):
        raise RevisionError(f"'{commit}' is not a verified commit id")
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    # From the workspace folder, "." is the workspace; members keep their full paths.
    data = _git(root, "archive", "--format=tar", commit, "--", ".")
    into.mkdir(parents=True, exist_ok=True)
    skipped: list[str] = []
    refused: list[Issue] = []
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            for member in archive:
                reason = _refusal(member, prefix)
                if reason is None:
                    try:
                        archive.extract(member, into, filter="data")
                        continue
                    except tarfile.FilterError as exc:
                        reason = str(exc)
                rel = member.name[len(prefix) :] or member.name
                skipped.append(f"{rel}: {reason}")
                if member.issym():
                    refused.append(
                        Issue(
                            codes.CX014_OUTSIDE_WORKSPACE,
                            f"symbolic link to {member.linkname}: {reason}",
                            Span(file=rel),
                        )
                    )
    except (tarfile.TarError, OSError) as exc:
        raise RevisionError(f"could not extract the workspace at {commit[:12]}: {exc}") from exc
    return Checkout(into / prefix if prefix else into, skipped, refused)


def _refusal(member: tarfile.TarInfo, prefix: str) -> str | None:
    """Why a member is not extracted (None: it is): links must stay in the workspace."""
    if not (member.issym() or member.islnk()):
        return None
    target = member.linkname
    if target.startswith("/") or os.path.isabs(target):
        return f"symlink to an absolute path ({target}) not followed"
    if member.issym():
        target = posixpath.join(posixpath.dirname(member.name), target)
    resolved = posixpath.normpath(target)
    inside = prefix.rstrip("/")
    if (
        resolved.startswith("../")
        or resolved == ".."
        or (inside and resolved != inside and not resolved.startswith(inside + "/"))
    ):
        return f"link to {member.linkname}, outside the workspace, not followed"
    return None


def short(root: Path, revision: str) -> str:
    """A revision's abbreviated id (or "working tree")."""
    if revision == WORKTREE:
        return "working tree"
    if not _COMMIT_ID.fullmatch(revision):
        return revision
    try:
        return _git(root, "rev-parse", "--short", revision).decode().strip()
    except RevisionError:
        return revision[:12]


def temporary() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="cxdsl-diff-")
