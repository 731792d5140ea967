"""What an emitter writes from: a check of one workspace, or a diff of two revisions."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..compiler import CheckResult
from ..diff.engine import WorkspaceDiff


@dataclass(frozen=True)
class CheckOutput:
    """A ``cxdsl check`` result and the workspace folder it was checked in."""

    result: CheckResult
    root: Path


@dataclass(frozen=True)
class DiffOutput:
    """A ``cxdsl diff``: the changes, both revisions' short names, and the head's check."""

    diff: WorkspaceDiff
    base_name: str
    head_name: str
    head: CheckResult
    #: The base's check (titles of what was removed, findings the change fixed).
    base: CheckResult | None = None
    #: The comment's language (default: the head workspace's first language).
    lang: str | None = None
    #: Where the preview site of the change is published (``--preview-url``).
    preview_url: str | None = None
    #: The code host's limit on a comment's length, in characters.
    limit: int = 65_536


#: An emitter: the whole output of one command in one format, as text.
CheckEmitter = Callable[[CheckOutput], str]
DiffEmitter = Callable[[DiffOutput], str]


def repo_prefix(root: Path) -> str:
    """The workspace's path inside its git repository ("" at the top or outside git).

    Code hosts place annotations by repository-relative path; a workspace in a
    sub-folder must prefix its own relative paths with it.
    """
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
