"""``cxdsl check --format text``: one line per diagnostic, then a summary line."""

from __future__ import annotations

from ..compiler import CheckResult
from ..diagnostics import Severity
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
    return f"checked {_plural(files, 'file')}: {', '.join(parts)}"


def format_text(result: CheckResult) -> str:
    """Every diagnostic with its related notes, then :func:`summary_line`."""
    lines = []
    for d in result.diagnostics:
        lines.append(d.render())
        lines.extend(f"    {r.span}: note: {r.message}" for r in d.related)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def emit(out: CheckOutput) -> str:
    """The text format of ``cxdsl check``."""
    return format_text(out.result)
