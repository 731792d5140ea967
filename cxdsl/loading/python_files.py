"""Python model files: code that builds the same model objects as YAML.

A Python model file is an ordinary module that imports the model classes from
``cxdsl.api`` and assigns entities (or lists of entities) to module-level names::

    from cxdsl.api import Journey, Stage, Step

    journey = Journey(id="request-certificate", title={"en": "...", "ar": "..."}, ...)

Every module-level entity (names not starting with ``_``) joins the workspace. They only
run when ``cxdsl.yaml`` sets ``allow_python: true`` and ``--no-python`` is not given.
"""

from __future__ import annotations

import ast
import traceback
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Issue, Span
from ..model import Entity
from .document import Document
from .errors import dotted


def _id_lines(tree: ast.AST) -> dict[str, tuple[int, int]]:
    """Line and column of every ``SomeModel(id="x", ...)`` call, by id."""
    out: dict[str, tuple[int, int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if (kw.arg == "id" and isinstance(kw.value, ast.Constant)
                        and isinstance(kw.value.value, str)):
                    out.setdefault(kw.value.value, (node.lineno, node.col_offset + 1))
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


def _raise_line(exc: BaseException, filename: str) -> int:
    line = 1
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename and frame.lineno:
            line = frame.lineno
    return line


def _collect(namespace: dict[str, Any]) -> list[Entity]:
    found: list[Entity] = []
    seen: set[int] = set()
    for name, value in namespace.items():
        if name.startswith("_"):
            continue
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, Entity) and id(item) not in seen:
                seen.add(id(item))
                found.append(item)
    return found


def load_python_file(path: Path, rel: str, text: str) -> tuple[list[Document], list[Issue]]:
    """Run one Python model file; every failure becomes a located issue."""
    filename = str(path)
    try:
        tree = ast.parse(text, filename)
        code = compile(tree, filename, "exec")
    except SyntaxError as exc:
        return [], [Issue("CX011", f"Python syntax error: {exc.msg}",
                          Span(file=rel, line=exc.lineno or 1, column=exc.offset or 1))]
    namespace: dict[str, Any] = {"__name__": f"cxdsl_model_{path.stem}", "__file__": filename}
    try:
        exec(code, namespace)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        return [], [Issue("CX011",
                          f"invalid {exc.title} in Python model file: "
                          f"{dotted(tuple(first['loc']))}: {first['msg']}",
                          Span(file=rel, line=_raise_line(exc, filename)))]
    except (Exception, SystemExit) as exc:
        return [], [Issue("CX011", f"Python model file raised {type(exc).__name__}: {exc}",
                          Span(file=rel, line=_raise_line(exc, filename)))]
    lines = _id_lines(tree)
    docs = []
    for entity in _collect(namespace):
        line = lines.get(entity.id, (1, 1))[0]
        docs.append(Document(file=rel, entity=entity, id_lines=lines, line=line))
    if not docs:
        return [], [Issue("CX008", "Python model file defines no entities", Span(file=rel),
                          "assign Journey, Persona, ... objects to module-level names")]
    return docs, []
