"""The workspace's copy of the JSON Schemas: stale or current (CX018), and every document
checked against it (``cxdsl schema --validate``), with locations.

check-jsonschema reads one document per file and reports JSON paths; cxdsl's files hold
many documents, and a reviewer wants ``file:line:column``. So the documents are parsed by
cxdsl's own safe loader (which keeps every node's place) and checked with ``jsonschema``
(check-jsonschema's engine), imported only when ``--validate`` runs.
"""

from __future__ import annotations

import datetime
import importlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import codes
from .diagnostics import Issue, Span
from .loading.files import SETTINGS_FILE, YAML_SUFFIXES, discover, read_text
from .loading.locate import node_at
from .loading.yamlsafe import parse_documents
from .schema import MODEL_FILE, schemas
from .schema import SETTINGS_FILE as SETTINGS_SCHEMA

#: Where ``cxdsl init`` writes the schemas and the modelines point.
SCHEMAS_DIR = "schemas"
#: A schema file larger than this is not read (the published ones are ~60 KB).
_MAX_SCHEMA_BYTES = 4 * 1024 * 1024


@cache
def _published() -> dict[str, Any]:
    return {name: json.loads(text) for name, text in schemas().items()}


def stale_schemas(root: Path, sources: Mapping[str, str] | None = None) -> list[Issue]:
    """CX018 for each schema in the workspace's ``schemas/`` that this version would not write.

    Compared as JSON data, not bytes: a copy re-indented by an editor is still current.
    A workspace without ``schemas/`` is warned only when its files' modelines point there
    (``sources``: the text of every file read); otherwise its schemas come from the
    editor's settings.
    """
    folder = root / SCHEMAS_DIR
    if not folder.is_dir():
        return _modelines_into_nothing(sources or {})
    out = []
    for name, expected in _published().items():
        path = folder / name
        rel = f"{SCHEMAS_DIR}/{name}"
        if not path.exists():
            why = "missing: the modelines point at it, so editors check nothing"
        elif _read_json(path) != expected:
            why = "stale: it differs from the schema this version of cxdsl writes"
        else:
            continue
        out.append(
            Issue(
                codes.CX018_SCHEMA_STALE,
                f"the workspace's copy of {name} is {why}",
                Span(file=rel),
                f"run cxdsl schema --out {SCHEMAS_DIR} in the workspace and commit the result",
            )
        )
    return out


#: A modeline that names a schema of the workspace by a relative path.
_LOCAL_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(?![a-z]+://)\S*schemas/")


def _modelines_into_nothing(sources: Mapping[str, str]) -> list[Issue]:
    """CX018 at the first modeline that points into a ``schemas/`` that is not there."""
    for rel in sorted(sources):
        for number, line in enumerate(sources[rel].splitlines()[:2000], start=1):
            if _LOCAL_MODELINE.match(line.strip()):
                return [
                    Issue(
                        codes.CX018_SCHEMA_STALE,
                        f"the modelines point at {SCHEMAS_DIR}/, which the workspace does not "
                        "have: editors check nothing",
                        Span(file=rel, line=number),
                        f"run cxdsl schema --out {SCHEMAS_DIR} in the workspace and commit it",
                    )
                ]
    return []


def _read_json(path: Path) -> Any:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_SCHEMA_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class ValidatorMissing(Exception):
    """``jsonschema`` is not installed (it is a test dependency, not a runtime one)."""


@dataclass
class ValidationResult:
    """Every schema error as ``(file:line:column, message)``, sorted; what was checked."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0
    documents: int = 0


def validate_workspace(root: Path) -> ValidationResult:
    """Check cxdsl.yaml and each document of each model file against the published schemas."""
    try:
        jsonschema = importlib.import_module("jsonschema")
    except ImportError as exc:
        raise ValidatorMissing(
            "cxdsl schema --validate needs the jsonschema package: pip install jsonschema"
        ) from exc
    validators = {
        name: jsonschema.Draft202012Validator(schema) for name, schema in _published().items()
    }
    result = ValidationResult()
    paths = [p for p in discover(root) if p.suffix in YAML_SUFFIXES]
    if (root / SETTINGS_FILE).is_file():
        paths.insert(0, root / SETTINGS_FILE)
    for path in paths:
        rel = path.relative_to(root).as_posix()
        schema = SETTINGS_SCHEMA if rel == SETTINGS_FILE else MODEL_FILE
        _validate_file(path, rel, validators[schema], result)
    result.errors.sort(key=_by_place)
    return result


def _validate_file(path: Path, rel: str, validator: Any, result: ValidationResult) -> None:
    text, issues = read_text(path, rel)
    result.files += 1
    docs, parse_issues = parse_documents(text, rel) if text is not None else ([], [])
    # What the loader refuses cannot be checked against a schema: said, not skipped.
    for issue in [*issues, *parse_issues, *(i for d in docs for i in d.issues)]:
        if issue.code != codes.CX019_YAML_AMBIGUOUS:
            result.errors.append((str(issue.span or Span(file=rel)), issue.message))
    for doc in docs:
        result.documents += 1
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        for error in validator.iter_errors(_as_json(doc.data)):
            node = node_at(doc.root, list(error.absolute_path))[0]
            where = f"{rel}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
            prefix = f"{kind}: " if isinstance(kind, str) else ""
            result.errors.append((where, prefix + _message(error)))


def _message(error: Any) -> str:
    """The validator's message; an unexpected key beside the ``^x-`` extension pattern reads
    as an unexpected key (jsonschema would say it "does not match any of the regexes")."""
    schema, instance = error.schema, error.instance
    if error.validator != "additionalProperties" or not schema.get("patternProperties"):
        return str(error.message)
    known = set(schema.get("properties", {}))
    extra = [k for k in instance if k not in known and not str(k).startswith("x-")]
    listed = ", ".join(repr(k) for k in extra)
    verb = "was" if len(extra) == 1 else "were"
    return (
        f"Additional properties are not allowed ({listed} {verb} unexpected; "
        "a team's own keys start with x-)"
    )


def _as_json(value: Any) -> Any:
    """The data as JSON sees it: a YAML date is a string (as check-jsonschema reads it)."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _by_place(item: tuple[str, str]) -> tuple[str, int, int, str]:
    file, line, column = item[0].rsplit(":", 2)
    return file, int(line), int(column), item[1]
