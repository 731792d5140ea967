"""Complete regions: a start and an end for every diagnostic that has a place.

Code hosts draw a finding from its start to its end; a loader that only knows where it
stopped (a YAML syntax error, an unreadable file) gives a start alone. The end is then
taken from the file's text as the loader read it (the end of the start's line, or the end
line's last character): never from the file system again, so a file the loader refused
unread (a FIFO, a link out of the workspace, a huge file) is never opened here either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..diagnostics import Span

#: The line breaks YAML counts (``\\r\\n``, ``\\r``, ``\\n``), not Unicode's wider set that
#: ``str.splitlines`` uses: a U+2028 inside a scalar is not a new line to the loader.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceLines:
    """The text the loader read, line by line (``[]`` for a file it did not read)."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = sources
        self._files: dict[str, list[str]] = {}

    def lines(self, file: str) -> list[str]:
        """The lines of ``file`` (workspace-relative), without their breaks."""
        if file not in self._files:
            text = self.sources.get(file, "")
            self._files[file] = _LINE_BREAK.split(text.removeprefix("\ufeff")) if text else []
        return self._files[file]

    def line_end(self, file: str, line: int) -> int | None:
        """The column just after the last character of ``line`` (``None`` past the end)."""
        lines = self.lines(file)
        return len(lines[line - 1]) + 1 if 0 < line <= len(lines) else None


def full_region(span: Span, source: SourceLines) -> dict[str, int]:
    """A SARIF region with start and end line and column; the end never before the start."""
    end_line = max(span.end_line or span.line, span.line)
    end_column = span.end_column
    if end_column is None:
        end_column = source.line_end(span.file, end_line) or span.column
    if end_line == span.line:
        end_column = max(end_column, span.column)
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": end_line,
        "endColumn": end_column,
    }
