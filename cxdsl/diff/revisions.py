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


class MissingHistory(RevisionError):
    """A merge base that this clone cannot give: its history is shallow or unrelated."""


#: How to get the history a merge base needs, on the code host and locally.
FETCH_HISTORY = (
    "fetch the history (in GitHub Actions, `fetch-depth: 0` in actions/checkout's `with:`; "
    "locally, `git fetch --deepen=N` or `git fetch --unshallow`)"
)


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
        if is_shallow(root):  # HEAD^1 or a base sha beyond the depth fetched
            raise MissingHistory(
                f"'{shown}' is not a commit in this shallow clone (it may be in the history "
                f"that was not fetched): {FETCH_HISTORY}"
            ) from exc
        raise RevisionError(f"'{shown}' is not a commit in this repository") from exc
    commit = out.decode("ascii", "replace").strip()
    if not _COMMIT_ID.fullmatch(commit):
        raise RevisionError(f"'{shown}' is not a commit in this repository")
    return commit


def resolve_pair(
    root: Path, base: str | None, head: str | None, *, direct: bool = False
) -> tuple[str, str]:
    """Verified (base, head) commit ids, head possibly WORKTREE, compared as a pull request is.

    The base is the merge base of ``base`` (default: the default branch) and the head, so a
    change made on the base branch after the branch point is not shown reversed; ``direct``
    compares the two revisions as they are instead.
    """
    head_id = WORKTREE if head in (None, WORKTREE) else resolve(root, head or "")
    tip = resolve(root, "HEAD") if head_id == WORKTREE else head_id
    if not base:
        base = default_branch(root)
        if base is None:
            if is_shallow(root):
                raise MissingHistory(
                    "this shallow clone has no default branch (origin/HEAD, main or master) "
                    "to compare with: name the base (cxdsl diff origin/main HEAD) and "
                    f"{FETCH_HISTORY}"
                )
            return tip, head_id  # nothing to branch from: the working tree against HEAD
    base_id = resolve(root, base)
    if direct:
        return base_id, head_id
    names = base.removeprefix("refs/remotes/"), head or "HEAD"
    return merge_base(root, base_id, tip, names), head_id


def default_branch(root: Path) -> str | None:
    """The default branch's name: origin's HEAD, else origin/main, main, origin/master, master."""
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
            resolve(root, candidate)
        except RevisionError:
            continue
        return candidate
    return None


def default_base(root: Path) -> str:
    """The merge base of HEAD with the default branch (HEAD itself when there is none)."""
    return resolve_pair(root, None, "HEAD")[0]


def merge_base(root: Path, base: str, head: str, names: tuple[str, str] | None = None) -> str:
    """The best common ancestor of two verified commit ids, the base of a pull request's diff.

    Never guessed: history too shallow to hold it is a MissingHistory naming the fix, where
    falling back to ``base`` or ``head`` would report the base branch's later changes
    reversed, or "No changes".
    """
    try:
        found = _git(root, "merge-base", "--end-of-options", base, head)
    except RevisionError as exc:
        if "not a git repository" in str(exc):
            raise
    else:
        commit = found.decode("ascii", "replace").strip()
        if _COMMIT_ID.fullmatch(commit):
            return commit
    shown = " and ".join(names or (short(root, base), short(root, head)))
    if is_shallow(root):
        raise MissingHistory(
            f"{shown} have no merge base in this shallow clone (the commits that hold it were "
            f"not fetched): {FETCH_HISTORY}; --direct compares the two trees as they are"
        )
    raise MissingHistory(
        f"{shown} have no common ancestor (unrelated histories, or history missing from "
        f"this clone: {FETCH_HISTORY}); --direct compares the two trees as they are"
    )


def is_shallow(root: Path) -> bool:
    """Whether this clone holds only part of its history (``git clone --depth``)."""
    try:
        return _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except RevisionError:
        return False


def checkout(root: Path, commit: str, into: Path) -> Checkout:
    """Extract the workspace at ``commit`` (a verified id) into ``into``.

    The workspace may be any folder of the repository (``root`` is it, or inside it): its
    tree at ``commit`` is archived from the repository's top, so the result does not hang on
    where git is run from. A workspace folder that the revision does not have is empty.
    """
    if not _COMMIT_ID.fullmatch(commit):
        raise RevisionError(f"'{commit}' is not a verified commit id")
    top = Path(os.fsdecode(_git(root, "rev-parse", "--show-toplevel").removesuffix(b"\n")))
    prefix = os.fsdecode(_git(root, "rev-parse", "--show-prefix").removesuffix(b"\n"))
    dest = into / prefix if prefix else into
    dest.mkdir(parents=True, exist_ok=True)
    tree = _workspace_tree(top, commit, prefix.rstrip("/"))
    if tree is None:
        note = f"{prefix or './'}: not in revision {commit[:12]}; compared as an empty workspace"
        return Checkout(dest, [note])
    data = _git(top, "archive", "--format=tar", tree)
    skipped = _left_out(top, tree, data)
    refused: list[Issue] = []
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            for member in archive:
                reason = _refusal(member)
                if reason is None:
                    try:
                        archive.extract(member, dest, filter="data")
                        continue
                    except tarfile.FilterError as exc:
                        reason = str(exc)
                skipped.append(f"{member.name}: {reason}")
                if member.issym():
                    refused.append(
                        Issue(
                            codes.CX014_OUTSIDE_WORKSPACE,
                            f"symbolic link to {member.linkname}: {reason}",
                            Span(file=member.name),
                        )
                    )
    except (tarfile.TarError, OSError) as exc:
        raise RevisionError(f"could not extract the workspace at {commit[:12]}: {exc}") from exc
    return Checkout(dest, skipped, refused)


def _left_out(top: Path, tree: str, data: bytes) -> list[str]:
    """Files of ``tree`` that its archive ``data`` lacks: ``export-ignore`` drops them silently.

    Said, not hidden: a file missing from one side would show up as added or removed.
    """
    listed = set()
    for record in _git(top, "ls-tree", "-r", "-z", "--full-tree", tree).split(b"\0"):
        meta, _, name = record.partition(b"\t")
        if name and b" commit " not in meta:  # a submodule is not the workspace's file
            listed.add(os.fsdecode(name))
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            listed -= set(archive.getnames())
    except tarfile.TarError as exc:
        raise RevisionError(f"git archive gave no readable archive: {exc}") from exc
    return [f"{name}: left out by export-ignore in .gitattributes" for name in sorted(listed)]


def _workspace_tree(top: Path, commit: str, folder: str) -> str | None:
    """The id of the tree at ``folder`` (top-relative, "" the top) in ``commit``, if it has one."""
    if not folder:
        return commit
    try:
        # "<commit>:<path>" reads the path literally (no pathspec magic, no glob).
        found = _git(top, "rev-parse", "--verify", "--quiet", f"{commit}:{folder}")
        tree = found.decode("ascii", "replace").strip()
        kind = _git(top, "cat-file", "-t", tree).decode("ascii", "replace").strip()
    except RevisionError:
        return None
    return tree if _COMMIT_ID.fullmatch(tree) and kind == "tree" else None


def _refusal(member: tarfile.TarInfo) -> str | None:
    """Why a member is not extracted (None: it is): links must stay in the workspace.

    Member names are relative to the workspace folder, so anything that climbs above the
    archive's top leaves the workspace.
    """
    if not (member.issym() or member.islnk()):
        return None
    target = member.linkname
    if target.startswith("/") or os.path.isabs(target):
        return f"symlink to an absolute path ({target}) not followed"
    if member.issym():
        target = posixpath.join(posixpath.dirname(member.name), target)
    resolved = posixpath.normpath(target)
    if resolved.startswith("../") or resolved == "..":
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
