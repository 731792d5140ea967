"""``cxdsl check --format text``: one line per diagnostic, then a summary line."""

from __future__ import annotations

from pathlib import Path

from ..compiler import CheckResult
from ..diagnostics import Severity, Span
from .base import CheckOutput


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    """``checked 12 files: 1 error, 0 warnings`` (the last line of every command's check)."""
    files = len(result.workspace.files)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    if not result.diagnostics:
        return f"checked {_plural(files, 'file')}: no problems"
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        parts.append(f"{infos} info")
    fixable = sum(1 for d in result.diagnostics if d.fix is not None)
    fixes = f" ({fixable} fixable with cxdsl check --fix)" if fixable else ""
    return f"checked {_plural(files, 'file')}: {', '.join(parts)}{fixes}"


def format_text(result: CheckResult, prefix: str = "") -> str:
    """Every diagnostic with its related notes, then :func:`summary_line`; ``prefix`` goes
    before every file name (the workspace's folder, seen from where cxdsl was run)."""
    lines = []
    for d in result.diagnostics:
        if prefix and d.span:
            d = d.model_copy(update={"span": _moved(d.span, prefix)})
        lines.append(d.render())
        lines.extend(f"    {_moved(r.span, prefix)}: note: {r.message}" for r in d.related)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _moved(span: Span, prefix: str) -> Span:
    return span.model_copy(update={"file": prefix + span.file}) if prefix else span


def emit(out: CheckOutput) -> str:
    """The text format of ``cxdsl check``: file names as seen from the current folder when
    the workspace is a folder below it (``cxdsl check cx`` from a repository's top, as
    pre-commit runs it, prints ``cx/journeys/...``, a path editors and terminals open)."""
    return format_text(out.result, seen_from_here(out.root))


def seen_from_here(root: Path) -> str:
    """The workspace's folder as a prefix of its files' names, seen from the current
    folder ("" when it is the current folder or not below it)."""
    try:
        below = root.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return ""
    return "" if below == Path(".") else f"{below.as_posix()}/"
