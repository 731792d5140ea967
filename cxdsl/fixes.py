"""``cxdsl check --fix``: apply the fixes that diagnostics carry, as ruff does.

A fix is applied only when every one of its edits can be: none overlaps an edit already
taken (the first diagnostic in file order wins; the other waits for the next pass), the
file is a regular file inside the workspace (never one outside it, or hidden in it), and
its text is still the text the check read (a file changed since is left alone). Each file
is rewritten once per pass, its edits from the last to the first, atomically (a
temporary file beside it, then a rename): a failure leaves the file as it was. Every
byte outside the edits is kept (a byte-order mark, CR LF line ends, comments).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .compiler import CheckResult, check_workspace
from .diagnostics import Diagnostic, Edit, Fix, line_offsets
from .loading import LoadOptions
from .loading.files import MAX_FILE_BYTES, out_of_bounds

_BOM = "\ufeff".encode()


@dataclass
class Applied:
    """What one pass of :func:`apply_fixes` did."""

    #: Diagnostics whose fix was applied, in file order.
    fixed: list[Diagnostic] = field(default_factory=list)
    #: Diagnostics whose fix was left for now, and why.
    skipped: list[tuple[Diagnostic, str]] = field(default_factory=list)
    #: Files rewritten (workspace-relative).
    files: list[str] = field(default_factory=list)
    #: Files that could not be written, and why (``cxdsl check --fix`` exits 2).
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _File:
    """One file to edit: where it really is, its text and the edits taken so far."""

    real: str
    text: str
    bom: bool
    offsets: list[int]
    #: (start, end, replacement) as offsets into ``text``.
    taken: list[tuple[int, int, str]] = field(default_factory=list)


def apply_fixes(
    root: Path, diagnostics: Sequence[Diagnostic], sources: Mapping[str, str]
) -> Applied:
    """Apply the fix of every diagnostic that has one; ``sources``: the text of every file
    as the check read it (``CheckResult.workspace.sources``)."""
    applied = Applied()
    files: dict[str, _File | str] = {}  # a file's state, or why it cannot be edited
    for d in diagnostics:
        if d.fix is None:
            continue
        why = _take(d.fix, files, root, sources)
        if why is None:
            applied.fixed.append(d)
        else:
            applied.skipped.append((d, why))
    for rel, state in files.items():
        if isinstance(state, _File) and state.taken:
            try:
                _write(state)
            except OSError as exc:
                applied.errors.append((rel, f"cannot write: {exc.strerror or exc}"))
                continue
            applied.files.append(rel)
    if applied.errors:  # a fix counts as applied only when all its files were written
        failed = {rel for rel, _ in applied.errors}
        kept = [d for d in applied.fixed if d.fix and not failed & set(d.fix.files)]
        applied.fixed = kept
    return applied


def _take(
    fix: Fix, files: dict[str, _File | str], root: Path, sources: Mapping[str, str]
) -> str | None:
    """Take every edit of ``fix`` (None), or none of them (why not)."""
    planned: list[tuple[_File, tuple[int, int, str]]] = []
    for edit in fix.edits:
        state = files.get(edit.file)
        if state is None:
            state = files[edit.file] = _open(root, edit.file, sources)
        if isinstance(state, str):
            return state
        span = _offsets(state, edit)
        if span is None:
            return f"{edit.file}: the fix points outside the file"
        if span in state.taken or any(span == s for _, s in planned):
            continue  # the same edit, from another finding: applied once
        others = state.taken + [s for f, s in planned if f is state]
        if any(_overlap(span, other) for other in others):
            return "it overlaps another fix; run cxdsl check --fix again"
        planned.append((state, span))
    for state, span in planned:
        state.taken.append(span)
    return None


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion conflicts with anything at its place
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def _offsets(state: _File, edit: Edit) -> tuple[int, int, str] | None:
    """The edit as offsets into the file's text; None when a place is not in the file."""
    start = _offset(state, edit.line, edit.column)
    end = _offset(state, edit.end_line, edit.end_column)
    if start is None or end is None or end < start:
        return None
    return start, end, edit.replacement


def _offset(state: _File, line: int, column: int) -> int | None:
    if not 0 < line <= len(state.offsets) or column < 1:
        return None
    start = state.offsets[line - 1]
    end = state.offsets[line] if line < len(state.offsets) else len(state.text)
    # The line's text without its break: a column may point just past its last character.
    length = len(state.text[start:end].rstrip("\r\n\x85\u2028\u2029"))
    return start + column - 1 if column - 1 <= length else None


def _open(root: Path, rel: str, sources: Mapping[str, str]) -> _File | str:
    """The file ``rel`` ready to edit, or why it may not be edited."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
        return f"{rel}: not a path inside the workspace"
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, *parts))
    where = out_of_bounds(real, real_root)
    if where is not None or real == real_root:
        return f"{rel}: the file is {where or 'the workspace itself'}; left alone"
    try:
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return f"{rel}: not a model file cxdsl reads; left alone"
        with open(real, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return f"{rel}: cannot read: {exc.strerror or exc}"
    bom = data.startswith(_BOM)
    try:
        text = data[len(_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        return f"{rel}: not UTF-8; left alone"
    if sources.get(rel) != text:
        return f"{rel}: changed since it was checked; left alone"
    return _File(real, text, bom, line_offsets(text, rel))


def _write(state: _File) -> None:
    """The file with its edits, last to first, written to a temporary file and renamed
    over the original (same folder, same permissions)."""
    text = state.text
    for start, end, replacement in sorted(state.taken, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    data = (_BOM if state.bom else b"") + text.encode("utf-8")
    folder, name = os.path.split(state.real)
    mode = stat.S_IMODE(os.stat(state.real).st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".cxdsl-fix", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, state.real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: Passes of check and fix at most: a fix left for an overlap is taken in the next pass.
MAX_PASSES = 10


@dataclass
class FixRun:
    """What ``cxdsl check --fix`` did: every fix applied, and the check after them."""

    result: CheckResult
    fixed: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def report(self, prefix: str = "") -> list[str]:
        """One line per fix applied (``fixed journeys/a.yaml:3:12: CX010 quote the en
        text``), then how many; nothing when nothing was fixed. ``prefix`` goes before
        every file name (the workspace's folder, seen from where cxdsl runs)."""
        lines = [
            f"fixed {prefix}{d.span}: {d.code} {d.fix.description}"
            for d in self.fixed
            if d.fix is not None and d.span is not None
        ]
        if self.fixed:
            findings = f"{len(self.fixed)} finding{'' if len(self.fixed) == 1 else 's'}"
            files = f"{len(self.files)} file{'' if len(self.files) == 1 else 's'}"
            lines.append(f"fixed {findings} in {files}")
        return lines


def fix_workspace(root: Path, options: LoadOptions | None = None) -> FixRun:
    """Check, apply every fix, check again; until nothing is left to fix (at most
    :data:`MAX_PASSES` passes). The last check is the one to report."""
    run = FixRun(check_workspace(root, options))
    for _ in range(MAX_PASSES):
        applied = apply_fixes(root, run.result.diagnostics, run.result.workspace.sources)
        run.fixed += applied.fixed
        run.files += [f for f in applied.files if f not in run.files]
        run.errors += applied.errors
        if not applied.files:
            break
        run.result = check_workspace(root, options)
        if applied.errors:
            break
    return run
