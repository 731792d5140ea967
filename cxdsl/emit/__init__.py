"""Output emitters: one module per format, chosen by name from a table (ruff's shape).

``cxdsl check --format`` picks from :data:`CHECK_EMITTERS` and ``cxdsl diff --format``
from :data:`DIFF_EMITTERS`; each emitter turns the command's whole result into text.
Adding a format is one module with an ``emit`` function and one entry here.
"""

from __future__ import annotations

from . import check_json, check_text, diff_json, diff_markdown, github, sarif
from .base import CheckEmitter, CheckOutput, DiffEmitter, DiffOutput, repo_prefix
from .check_text import format_text, summary_line

#: ``cxdsl check --format``: name → emitter, in the order ``--help`` lists them.
CHECK_EMITTERS: dict[str, CheckEmitter] = {
    "text": check_text.emit,
    "json": check_json.emit,
    "github": github.emit,
    "sarif": sarif.emit,
}
#: ``cxdsl diff --format``: name → emitter.
DIFF_EMITTERS: dict[str, DiffEmitter] = {
    "markdown": diff_markdown.emit,
    "json": diff_json.emit,
}

__all__ = [
    "CHECK_EMITTERS",
    "DIFF_EMITTERS",
    "CheckEmitter",
    "CheckOutput",
    "DiffEmitter",
    "DiffOutput",
    "format_text",
    "repo_prefix",
    "summary_line",
]
