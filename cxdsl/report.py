"""Diagnostics as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from .compiler import CheckResult
from .diagnostics import Diagnostic, Severity


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
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
    lines = []
    for d in result.diagnostics:
        lines.append(d.render())
        lines.extend(f"    {r.span}: note: {r.message}" for r in d.related)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    span = d.span
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "file": span.file if span else None,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "hint": d.hint,
        "related": [
            {
                "message": r.message,
                "file": r.span.file,
                "line": r.span.line,
                "column": r.span.column,
            }
            for r in d.related
        ],
    }


def format_json(result: CheckResult) -> str:
    payload = {
        "version": 1,
        "summary": {
            "files": len(result.workspace.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
        },
        "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
