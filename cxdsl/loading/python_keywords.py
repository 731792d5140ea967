"""Where a Python model file wrote the keyword a model refused, and what it meant.

Runs in the worker's child, right after the file raised pydantic's ``ValidationError``:
the traceback says which call raised (its line and column), the file's syntax tree finds
that call's keyword (``Step(id="a", titel="x")``), or the key of a dictionary written in
it (``effort={"minuts": 3}``), and a misspelt one gets the field it resembles, as a YAML
key does. Everything here only places and explains the file's own diagnostic.
"""

from __future__ import annotations

import ast
import re
import traceback
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

_BREAKS = re.compile(r"\r\n|\r|\n")


def raise_position(exc: BaseException, filename: str) -> tuple[int, int | None]:
    """The line (and byte column, when known) of the innermost frame of ``filename``."""
    line, column = 1, None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename and frame.lineno:
            line, column = frame.lineno, getattr(frame, "colno", None)
    return line, column


def model_named(title: str) -> type[BaseModel] | None:
    """The model class of ``cxdsl.api`` a ``ValidationError``'s title names."""
    import cxdsl.api

    found = getattr(cxdsl.api, title, None)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _call(tree: ast.AST, title: str, line: int, column: int | None) -> ast.Call | None:
    """The call that raised: at the frame's exact place, else the innermost call of a
    class named ``title`` around the frame's line."""
    around: list[ast.Call] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if (node.lineno, node.col_offset) == (line, column):
            return node
        end = node.end_lineno or node.lineno
        if _name(node.func) == title and node.lineno <= line <= end:
            around.append(node)
    return min(around, key=lambda n: (n.end_lineno or n.lineno) - n.lineno, default=None)


def _part(node: ast.AST, part: Any) -> tuple[ast.AST, ast.AST] | None:
    """The value ``part`` names inside ``node``, and the node naming it (a keyword or a
    dictionary's key)."""
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg == part:
                return kw.value, kw
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == part:
                return value, key
    elif isinstance(node, ast.List | ast.Tuple) and isinstance(part, int) and part < len(node.elts):
        item = node.elts[part]
        return item, item
    return None


def _located(call: ast.Call, loc: tuple[Any, ...]) -> tuple[ast.AST, bool]:
    """The deepest node written for ``loc`` below ``call`` (its naming node), and whether
    it is the one for the whole of ``loc``."""
    node: ast.AST = call
    named: ast.AST = call
    for depth, part in enumerate(loc):
        found = _part(node, part)
        if found is None:
            return named, False
        node, named = found
        if depth == len(loc) - 1:
            return named, True
    return named, not loc


class _Source:
    """The file's lines, to turn the syntax tree's byte columns into code points."""

    def __init__(self, text: str) -> None:
        self.lines = _BREAKS.split(text)

    def column(self, line: int, byte_column: int) -> int:
        """1-based code-point column of a 0-based UTF-8 byte column."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", "replace")) + 1


def _first(exc: ValidationError) -> ErrorDetails:
    """The error to report: an unknown keyword first (it explains a 'missing' one)."""
    errors = exc.errors(include_url=False)
    extra = [e for e in errors if e["type"] == "extra_forbidden"]
    return min(extra, key=lambda e: len(e["loc"])) if extra else errors[0]


def keyword_error(
    exc: ValidationError, filename: str, tree: ast.AST, text: str, model: type[BaseModel] | None
) -> dict[str, Any]:
    """The worker's error for a refused model call: message, place, hint and rename.

    ``model`` is the class that raised (for the fields a misspelt keyword resembles).
    """
    from cxdsl.loading.errors import dotted
    from cxdsl.model.introspect import fields_at
    from cxdsl.suggest import suggest

    first = _first(exc)
    loc = tuple(first["loc"])
    line, byte_column = raise_position(exc, filename)
    error: dict[str, Any] = {
        "message": f"invalid {exc.title} in Python model file: {dotted(loc)}: {first['msg']}",
        "line": line,
    }
    call = _call(tree, exc.title, line, byte_column)
    if call is None:
        return error
    named, exact = _located(call, loc)
    source = _Source(text)
    error["line"] = getattr(named, "lineno", line)
    error["column"] = source.column(error["line"], getattr(named, "col_offset", 0))
    if first["type"] != "extra_forbidden" or not exact or model is None:
        return error
    key = str(loc[-1])
    if len(loc) == 1:
        error["message"] = f"unknown keyword '{key}' for {exc.title}"
    else:
        error["message"] = f"unknown key '{key}' in {dotted(loc[:-1])} of {exc.title}"
    found = suggest(key, fields_at(model, loc[:-1]))
    if found is not None:
        error["hint"] = found.hint
        rename = _rename(named, key, source, found.name) if found.unambiguous else None
        if rename is not None:
            error["rename"] = rename
    return error


def _rename(named: ast.AST, key: str, source: _Source, to: str) -> dict[str, Any] | None:
    """The edit renaming a keyword (``titel=``) or a dictionary's key (``"minuts"``) to
    ``to``, when the source says exactly that name there."""
    line = getattr(named, "lineno", 0)
    if not 0 < line <= len(source.lines):
        return None
    raw = source.lines[line - 1].encode("utf-8")
    start = getattr(named, "col_offset", 0)
    if isinstance(named, ast.keyword):
        written, replacement = key, to
    else:
        quote = raw[start : start + 1].decode("ascii", "replace")
        if quote not in ("'", '"'):
            return None
        written, replacement = f"{quote}{key}{quote}", f"{quote}{to}{quote}"
    if not raw.startswith(written.encode("utf-8"), start):
        return None  # written otherwise (escapes, a normalised identifier): no edit
    column = source.column(line, start)
    return {
        "line": line,
        "column": column,
        "end_line": line,
        "end_column": column + len(written),
        "to": replacement,
    }
