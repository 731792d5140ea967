"""``cxdsl fmt``: canonical formatting of YAML model files, keeping every comment and value.

The canonical form is :mod:`cxdsl.writer`'s (the one writer ``cxdsl init``/``new`` and
the generators use too); this module finds and reads the files as ``cxdsl check`` does,
refuses what cxdsl's safe loader refuses, and checks that formatting changed no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError

from . import codes
from .diagnostics import Issue, Severity, Span
from .loading.files import SETTINGS_FILE, YAML_SUFFIXES, discover, read_text
from .loading.locate import node_at
from .loading.workspace import read_settings_text
from .loading.yamlsafe import RawDocument, parse_documents
from .rules import load_rules
from .writer import canonical, dump_documents, model_of, yaml_writer


class FormatError(Exception):
    """The file is not YAML that fmt can safely rewrite (cxdsl check says why)."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


def format_text(text: str, languages: list[str], settings_file: bool = False) -> str:
    """The canonical form of one YAML file's text; raises only FormatError.

    cxdsl's own safe loader reads the text first: whatever it refuses (syntax errors,
    tags, aliases, duplicate keys, nesting past 64 levels) is refused here too, with its
    location, before ruamel.yaml (which recurses once per level) sees the text.
    """
    before, issues = parse_documents(text, "")
    # CX019 (a plain scalar other parsers read differently) is what fmt quotes, not a stop.
    issues = [i for i in issues if i.code != codes.CX019_YAML_AMBIGUOUS]
    issues += [i for raw in before for i in raw.issues]
    if issues:
        span = issues[0].span or Span(file="")
        raise FormatError(issues[0].message, span.line, span.column)
    y = yaml_writer()
    try:
        docs = list(y.load_all(_comments_before_start_kept(text)))
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FormatError(
            str(problem), mark.line + 1 if mark else 1, mark.column + 1 if mark else 1
        ) from exc
    out_docs = [canonical(doc, model_of(doc, settings_file), languages) for doc in docs]
    try:
        formatted = dump_documents(out_docs, y)
    except YAMLError as exc:
        raise FormatError(f"cannot write this file back: {exc}") from exc
    formatted = repeat_modeline(formatted)
    _verify(before, formatted)
    return formatted


#: The YAML language server's modeline: a comment naming the schema of its document.
MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=")


def repeat_modeline(text: str) -> str:
    """Give every document of the stream the modeline of the file's first one.

    The YAML language server (VS Code's YAML extension) reads the modeline of each
    document separately: a document without one gets no diagnostics, hover or completion.
    A document that names its own schema keeps it; a file without a modeline is left as
    it is (the team chose no schema, or gives it in the editor's settings).
    """
    lines = text.splitlines(keepends=True)
    modeline = next((line for line in lines if MODELINE.match(line)), None)
    if modeline is None:
        return text
    out: list[str] = []
    content_seen = False  # a --- before any content starts the first document
    for i, line in enumerate(lines):
        out.append(line)
        if line.rstrip() == "---" and content_seen and not _has_modeline(lines, i + 1):
            out.append(modeline)
        stripped = line.strip()
        content_seen = content_seen or (stripped != "" and not stripped.startswith(("#", "%")))
    return "".join(out)


def _comments_before_start_kept(text: str) -> str:
    """The text without an explicit ``---`` that only comments precede.

    ruamel.yaml drops the comments before a stream's first ``---`` (a modeline among
    them); without the marker they are the first document's leading comments, kept.
    """
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip() == "---":
            return "".join(lines[:i] + lines[i + 1 :]) if i else text
        if line.strip() and not line.lstrip().startswith("#"):
            return text
    return text


def _has_modeline(lines: list[str], start: int) -> bool:
    """Does the document starting at ``lines[start]`` carry a modeline?"""
    for line in lines[start:]:
        if line.startswith("---") and line[3:4] in ("", " ", "\t", "\n", "\r"):
            return False
        if MODELINE.match(line):
            return True
    return False


def _verify(before: list[RawDocument], after: str) -> None:
    """Refuse a result that cxdsl's own loader would read differently.

    ruamel types plain scalars by YAML 1.2 rules and cxdsl's loader does not always agree
    (``0E0`` is a float to one and text to the other); rather than trust either, the
    formatted text is read back and compared value by value.
    """
    new_docs, new_issues = parse_documents(after, "after")
    new_issues = [i for i in new_issues if i.code != codes.CX019_YAML_AMBIGUOUS]
    old = [d.data for d in before]
    new = [d.data for d in new_docs]
    if new_issues or any(d.issues for d in new_docs) or old != new:
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            where = _first_difference(a, b, ())
            if where is not None:
                mark = node_at(before[i].root, where)[0].start_mark
                raise FormatError(
                    f"formatting would change the value at document {i + 1}, "
                    f"{'.'.join(map(str, where)) or 'top'}; left as is",
                    mark.line + 1,
                    mark.column + 1,
                )
        raise FormatError("formatting would change the file's values; left as is")


def _first_difference(a: Any, b: Any, path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            found = _first_difference(a.get(key), b.get(key), (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, (*path, i))
            if found is not None:
                return found
        return None
    return None if (a == b and type(a) is type(b)) else path


@dataclass
class FmtResult:
    """What ``format_workspace`` did; every place is ``path:line:column``."""

    changed: list[str] = field(default_factory=list)
    #: Files left as they are, and why (an error: fmt exits 1).
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Files skipped with a warning (a FIFO among the model files).
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Failures of fmt itself or of the file system (fmt exits 2).
    errors: list[tuple[str, str]] = field(default_factory=list)


def format_workspace(root: Path, languages: list[str], check: bool) -> FmtResult:
    """Format every YAML model file (and cxdsl.yaml); with ``check`` write nothing.

    Files are found and read as ``cxdsl check`` finds and reads them (links out of the
    workspace, special files, binary and oversized files refused unread); one file's
    problem never stops the others.
    """
    result = FmtResult()
    refused: list[Issue] = []
    paths = [p for p in discover(root, refused) if p.suffix in YAML_SUFFIXES]
    settings = root / SETTINGS_FILE
    if settings.exists() or settings.is_symlink():
        paths.insert(0, settings)
    for issue in refused:
        if issue.span is not None and not issue.span.file.endswith(".py"):
            _report(result, issue)
    for path in paths:
        rel = path.relative_to(root).as_posix()
        text, issues = read_settings_text(root) if rel == SETTINGS_FILE else read_text(path, rel)
        for issue in issues:
            _report(result, issue)
        if text is None:
            continue
        # As Python's text mode reads it: a CRLF checkout is not a change to make.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            formatted = format_text(text, languages, settings_file=rel == SETTINGS_FILE)
        except FormatError as exc:
            result.failed.append((f"{rel}:{exc.line}:{exc.column}", str(exc)))
            continue
        except Exception as exc:  # a bug in fmt or ruamel: reported, the others go on
            result.errors.append((f"{rel}:1:1", f"fmt failed: {type(exc).__name__}: {exc}"))
            continue
        if formatted == text:
            continue
        result.changed.append(rel)
        if not check:
            try:
                path.write_text(formatted, encoding="utf-8")
            except OSError as exc:
                result.errors.append((f"{rel}:1:1", f"cannot write: {exc.strerror}"))
    result.failed.sort(key=_by_place)
    result.skipped.sort(key=_by_place)
    return result


def _by_place(item: tuple[str, str]) -> tuple[str, int, int]:
    file, line, column = item[0].rsplit(":", 2)
    return file, int(line), int(column)


def _report(result: FmtResult, issue: Issue) -> None:
    span = issue.span or Span(file="")
    where = f"{span.file}:{span.line}:{span.column}"
    check = load_rules().checks.get(issue.code)
    if check is not None and check.severity is not Severity.ERROR:
        result.skipped.append((where, issue.message))
    else:
        result.failed.append((where, issue.message))
