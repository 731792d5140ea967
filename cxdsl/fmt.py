"""``cxdsl fmt``: canonical formatting of YAML model files, keeping every comment and value.

Canonical means: keys in the model's order (``kind`` and ``id`` first, then fields as the
model declares them; unknown keys keep their place after those), languages in the
workspace's order inside ``{ar: ..., en: ...}``, two-space indentation with list dashes
indented under their key, and quotes only where a value needs them. Flow or block style
and every comment are kept; text is never re-wrapped. A string stays quoted when any YAML
1.1 tool would read it as something else (``"No"``, ``"on"``, ``"1e3"``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .diagnostics import Issue, Severity, Span
from .loading.errors import models_in
from .loading.files import SETTINGS_FILE, YAML_SUFFIXES, discover, read_text
from .loading.locate import node_at
from .loading.workspace import read_settings_text
from .loading.yamlsafe import RawDocument, parse_documents
from .model import ENTITY_KINDS, Settings
from .rules import load_rules
from .rules._helpers import text_fields

_PYYAML_RESOLVER = yaml.resolver.Resolver()


def _represent_float(representer: Any, value: float) -> Any:
    """Shortest exact form that YAML 1.1 and 1.2 both read as this float.

    ruamel's round-trip floats can drop a digit (5.960464477539063e-08 came back ...062e-08),
    and ``1e-08`` is a string to a YAML 1.1 reader: always repr, with a decimal point.
    """
    if value != value:
        text = ".nan"
    elif value in (float("inf"), float("-inf")):
        text = ".inf" if value > 0 else "-.inf"
    else:
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = mantissa + (f"e{exponent}" if exponent else "")
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never fold long text
    y.preserve_quotes = False
    y.allow_duplicate_keys = False
    y.representer.add_representer(float, _represent_float)
    return y


_SPECIAL_BREAKS = ("\x85", "\u2028", "\u2029")


def _needs_quotes(value: str) -> bool:
    """Would a YAML 1.1 parser (PyYAML) read this plain string as something else?

    Also: NEL, LS and PS are line breaks to YAML and fold to spaces unless escaped, which
    only double quotes do.
    """
    if any(ch in value for ch in _SPECIAL_BREAKS):
        return True
    if value == "" or value != value.strip():
        return False  # ruamel quotes these itself
    tag: str = _PYYAML_RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, value, (True, False)
    )
    return tag != "tag:yaml.org,2002:str"


def _languages_first(node: CommentedMap, languages: list[str]) -> None:
    order = {code: i for i, code in enumerate(languages)}
    keys = sorted(node, key=lambda k: (order.get(k, len(order)), list(node).index(k)))
    for key in keys:
        node.move_to_end(key)


def _canonical(node: Any, model: type[BaseModel] | None, languages: list[str]) -> Any:
    """Reorder keys below ``node`` (in place) and quote strings where YAML 1.1 would not."""
    if isinstance(node, CommentedMap):
        if model is not None:
            fields = list(model.model_fields)
            if "id" in fields:
                fields.remove("id")
                fields.insert(0, "id")
            if "kind" in fields:
                fields.remove("kind")
                fields.insert(0, "kind")
            rank = {name: i for i, name in enumerate(fields)}
            current = list(node)
            for key in sorted(current, key=lambda k: (rank.get(k, len(rank)), current.index(k))):
                node.move_to_end(key)
            for key in list(node):
                info = model.model_fields.get(key)
                sub = models_in(info.annotation) if info is not None else []
                child = node[key]
                shape = text_fields(model).get(key)
                if shape == "one":
                    node[key] = _canonical_text(child, languages)
                    continue
                if shape == "list" and isinstance(child, CommentedSeq):
                    for i, item in enumerate(child):
                        child[i] = _canonical_text(item, languages)
                    continue
                if shape == "values" and isinstance(child, CommentedMap):
                    for label in list(child):
                        child[label] = _canonical_text(child[label], languages)
                    continue
                node[key] = _canonical(child, sub[0] if len(sub) == 1 else None, languages)
        else:
            for key in list(node):
                node[key] = _canonical(node[key], None, languages)
        return node
    if isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            node[i] = _canonical(item, model, languages)
        return node
    return _quoted(node)


def _canonical_text(value: Any, languages: list[str]) -> Any:
    """A Text: a {language: text} map in the workspace's language order, or a string."""
    if isinstance(value, CommentedMap):
        _languages_first(value, languages)
        for key in list(value):
            value[key] = _quoted(value[key])
        return value
    return _quoted(value)


def _quoted(value: Any) -> Any:
    if isinstance(value, float) and type(value) is not float:
        return float(value)  # a plain float, written by _represent_float
    if (
        isinstance(value, str)
        and not isinstance(value, DoubleQuotedScalarString)
        and (_needs_quotes(value))
    ):
        return DoubleQuotedScalarString(value)
    return value


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
    issues += [i for raw in before for i in raw.issues]
    if issues:
        span = issues[0].span or Span(file="")
        raise FormatError(issues[0].message, span.line, span.column)
    y = _yaml()
    try:
        docs = list(y.load_all(text))
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FormatError(
            str(problem), mark.line + 1 if mark else 1, mark.column + 1 if mark else 1
        ) from exc
    out_docs = []
    for doc in docs:
        if settings_file:
            model: type[BaseModel] | None = Settings
        else:
            kind = doc.get("kind") if isinstance(doc, CommentedMap) else None
            model = ENTITY_KINDS.get(kind) if isinstance(kind, str) else None
        out_docs.append(_canonical(doc, model, languages))
    buffer = io.StringIO()
    try:
        if len(out_docs) == 1:
            y.dump(out_docs[0], buffer)
        else:
            y.dump_all(out_docs, buffer)
    except YAMLError as exc:
        raise FormatError(f"cannot write this file back: {exc}") from exc
    formatted = buffer.getvalue()
    _verify(before, formatted)
    return formatted


def _verify(before: list[RawDocument], after: str) -> None:
    """Refuse a result that cxdsl's own loader would read differently.

    ruamel types plain scalars by YAML 1.2 rules and cxdsl's loader does not always agree
    (``0E0`` is a float to one and text to the other); rather than trust either, the
    formatted text is read back and compared value by value.
    """
    new_docs, new_issues = parse_documents(after, "after")
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
