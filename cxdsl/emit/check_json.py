"""``cxdsl check --format json``: a versioned document with a summary and every diagnostic."""

from __future__ import annotations

import json
import re
from typing import Any

from ..diagnostics import Diagnostic, Fix, Severity
from .base import CheckOutput

#: What ``json.dumps(..., ensure_ascii=False)`` leaves raw that a terminal, a log viewer or
#: an editor would obey rather than show: C1 controls, bidi formatting, LS, PS, surrogates.
_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def dumps(payload: Any) -> str:
    """``payload`` as indented JSON text with every such character escaped (``\\u202e``):
    the same JSON value, shown rather than obeyed. A fix must carry the file's text
    exactly (a bidi control included); this is how it does so safely."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def fix_json(fix: Fix) -> dict[str, Any]:
    """A fix as a JSON object: what it does, and its edits (1-based places, end exclusive,
    columns in code points)."""
    return {
        "description": fix.description,
        "edits": [edit.model_dump() for edit in fix.edits],
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """One diagnostic as a JSON object (``file``/``line``/... null without a span)."""
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
        # A place without a line: a Parquet file's or a table's row and column.
        "record": span.record if span else None,
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
        # ``cxdsl check --fix`` applies it; null when the finding has no certain repair.
        "fix": fix_json(d.fix) if d.fix else None,
    }


def emit(out: CheckOutput) -> str:
    """The JSON format of ``cxdsl check``."""
    result = out.result
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
    return dumps(payload)
