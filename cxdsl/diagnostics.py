"""Diagnostics: what every stage of the pipeline reports instead of raising."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel


class Severity(StrEnum):
    """How serious a finding is; ``error`` makes ``cxdsl check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Characters that would rewrite a terminal line, a CI log or an annotation around them:
#: C0/C1 controls (but tab; a newline would start a line a CI log reads as a command, such
#: as GitHub's ``::error``), bidi embeddings, overrides and isolates, line and
#: paragraph separators, lone surrogates.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def printable(text: str) -> str:
    """``text`` with every character that could disguise what it says shown as ``\\uXXXX``.

    Diagnostics quote values from model files (an unknown key, a kind, a file name); every
    output format (terminal, JSON, GitHub annotations, SARIF, the site) shows them as
    written here, so a bidi override in a value cannot reorder the message around it.
    """
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Span(BaseModel, frozen=True):
    """A place in a file: repo-relative path, 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    #: A place with no line and column: a row of a Parquet file or a table (``row 12,
    #: column nps``). ``line`` and ``column`` stay 1 for formats that need them.
    record: str | None = None

    def __str__(self) -> str:
        if self.record is not None:
            return f"{printable(self.file)}:{printable(self.record)}"
        return f"{printable(self.file)}:{self.line}:{self.column}"


#: What ends a line, as the loader of each kind of file counts lines: libyaml counts NEL,
#: LS and PS too (a YAML reader refuses the other characters ``str.splitlines`` breaks
#: at); Python's tokenizer counts only CR LF, CR and LF.
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_PYTHON_BREAKS = re.compile("\r\n|[\r\n]")


def source_lines(text: str, file: str) -> list[str]:
    """``text`` split into lines as the loader of ``file`` counted them for its spans and
    edits (without their line breaks)."""
    breaks = _PYTHON_BREAKS if file.endswith(".py") else _YAML_BREAKS
    return breaks.split(text)


def line_offsets(text: str, file: str) -> list[int]:
    """The offset in ``text`` where each line starts (see :func:`source_lines`)."""
    breaks = _PYTHON_BREAKS if file.endswith(".py") else _YAML_BREAKS
    return [0, *(m.end() for m in breaks.finditer(text))]


class Edit(BaseModel, frozen=True):
    """Replace the text of ``file`` from (``line``, ``column``) up to, not including,
    (``end_line``, ``end_column``) with ``replacement``.

    Places are counted as :class:`Span`'s are: 1-based lines as the file's loader counts
    them (:func:`source_lines`) and 1-based columns in Unicode code points. An empty range
    inserts; an empty ``replacement`` deletes.
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str


class Fix(BaseModel, frozen=True):
    """A machine-applicable repair of a finding (``cxdsl check --fix``, SARIF ``fixes``).

    ``description`` says what it does in a few words (``quote the en text``); ``edits``
    never overlap, and apply together or not at all.
    """

    description: str
    edits: tuple[Edit, ...]

    @property
    def files(self) -> list[str]:
        """The files the fix edits, in the order of their first edit."""
        return list(dict.fromkeys(edit.file for edit in self.edits))


class Related(BaseModel, frozen=True):
    """Another place that explains a diagnostic (e.g. a first definition)."""

    message: str
    span: Span


class Diagnostic(BaseModel, frozen=True):
    """One finding: a code, a severity, a message and where it is."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span | None = None
    hint: str | None = None
    related: tuple[Related, ...] = ()
    #: See :attr:`Issue.subject`.
    subject: str | None = None
    #: See :attr:`Issue.fix`.
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        s = self.span
        return (
            s.file if s else "",
            s.line if s else 0,
            s.column if s else 0,
            self.code,
            self.message,
        )

    def render(self) -> str:
        """The one-line text form: ``file:line:col: severity CODE message (hint)``."""
        where = f"{self.span}: " if self.span else ""
        text = f"{where}{self.severity.value} {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass(frozen=True)
class Issue:
    """What a stage reports: the engine stamps name and severity from the catalogue."""

    code: str
    message: str
    span: Span | None
    hint: str | None = None
    related: tuple[Related, ...] = ()
    #: What the finding is about, without its position (``journey:renew/stages/0/steps/1``):
    #: a code host's stable identity for it (SARIF ``partialFingerprints``).
    subject: str | None = None
    #: A machine-applicable repair, only when there is exactly one right one (the text
    #: quoted, a misspelt key renamed to the one field it resembles).
    fix: Fix | None = None


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Deterministic order: by file, line, column, code; duplicates removed."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.code, d.span, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
