"""``cxdsl check --format github``: GitHub Actions workflow commands, one per diagnostic."""

from __future__ import annotations

from ..diagnostics import Severity
from .base import CheckOutput, repo_prefix

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def emit(out: CheckOutput) -> str:
    """One annotation per diagnostic, placed by repository-relative path."""
    prefix = repo_prefix(out.root)
    lines = []
    for d in out.result.diagnostics:
        props = [f"title={_escape_property(f'{d.code} {d.name}')}"]
        if d.span:
            props.insert(0, f"file={_escape_property(prefix + d.span.file)}")
            props.insert(1, f"line={d.span.line}")
            props.insert(2, f"col={d.span.column}")
            if d.span.end_line:
                props.insert(3, f"endLine={d.span.end_line}")
            if d.span.end_column and d.span.end_line == d.span.line:
                props.insert(4, f"endColumn={d.span.end_column}")
        message = d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
