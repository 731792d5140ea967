"""Discover and load a workspace: settings, YAML documents and Python model files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import codes
from ..diagnostics import Issue, Span
from ..i18n.override_check import check_ui_overrides
from ..model import ENTITY_KINDS, Entity, Settings
from ..suggest import did_you_mean
from .document import Document
from .errors import validation_issues
from .files import (
    MAX_FILE_BYTES,
    MODEL_DIRS,
    SETTINGS_FILE,
    YAML_SUFFIXES,
    discover,
    link_outside,
    read_text,
)
from .locate import node_at
from .python_files import load_python_file
from .yamlsafe import RawDocument, mark_span, parse_documents

__all__ = [
    "MAX_FILE_BYTES",
    "MODEL_DIRS",
    "SETTINGS_FILE",
    "YAML_SUFFIXES",
    "discover",
    "read_text",
]


@dataclass
class Workspace:
    """Everything loaded from a workspace, before references are resolved."""

    root: Path
    settings: Settings
    documents: list[Document] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: Ids of documents that failed to load, so references to them are not reported twice.
    broken_ids: set[tuple[str, str]] = field(default_factory=set)
    settings_root: Any = None
    #: The text of every model file read, by repo-relative path (for text-level rules).
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadOptions:
    allow_python: bool | None = None  # None: as the workspace settings say


def entity_from_raw(raw: RawDocument, text: str = "") -> tuple[Entity | None, list[Issue]]:
    """Validate one YAML document into an entity (or say exactly what is wrong); ``text``,
    the file's, lets a finding carry a fix."""
    file, root, data = raw.file, raw.root, raw.data
    start = mark_span(file, root)
    if data is None:
        return None, [Issue(codes.CX008_FILE_EMPTY, "empty document", start)]
    if not isinstance(data, dict):
        return None, [
            Issue(codes.CX010_SCHEMA, "a document must be a mapping with 'kind:' and 'id:'", start)
        ]
    kind = data.get("kind")
    if kind is None:
        return None, [
            Issue(
                codes.CX009_UNKNOWN_KIND,
                "document has no 'kind:'",
                start,
                "one of: " + ", ".join(sorted(ENTITY_KINDS)),
            )
        ]
    cls = ENTITY_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        span = mark_span(file, node_at(root, ("kind",))[0])
        hint = did_you_mean(str(kind), ENTITY_KINDS) or (
            "one of: " + ", ".join(sorted(ENTITY_KINDS))
        )
        return None, [Issue(codes.CX009_UNKNOWN_KIND, f"unknown kind '{kind}'", span, hint)]
    try:
        return cls.model_validate(data), []
    except ValidationError as exc:
        return None, validation_issues(exc, cls, file, root, fallback=start, text=text)


def load_settings(root: Path) -> tuple[Settings, Any, list[Issue], str | None]:
    """The workspace settings (defaults when invalid), their node tree, issues and text."""
    text, issues = read_settings_text(root)
    if text is None:
        return Settings(), None, issues, None
    raws, issues = parse_documents(text, SETTINGS_FILE)
    if issues or not raws or raws[0].issues:
        issues = issues + [i for r in raws for i in r.issues]
        if not raws and not issues:
            issues = [
                Issue(
                    codes.CX013_SETTINGS_INVALID,
                    f"{SETTINGS_FILE} is empty",
                    Span(file=SETTINGS_FILE),
                )
            ]
        return Settings(), None, issues, text
    raw = raws[0]
    if len(raws) > 1:
        issues.append(
            Issue(
                codes.CX013_SETTINGS_INVALID,
                f"{SETTINGS_FILE} must hold a single document",
                mark_span(SETTINGS_FILE, raws[1].root),
            )
        )
    if not isinstance(raw.data, dict):
        issues.append(
            Issue(
                codes.CX013_SETTINGS_INVALID,
                f"{SETTINGS_FILE} must be a mapping",
                mark_span(SETTINGS_FILE, raw.root),
            )
        )
        return Settings(), raw.root, issues, text
    settings, found = _lenient_settings(raw.data, raw.root, text)
    return settings, raw.root, issues + found + check_ui_overrides(settings, raw.root), text


def read_settings_text(root: Path) -> tuple[str | None, list[Issue]]:
    """The text of cxdsl.yaml, or why it is missing or refused (every problem an error)."""
    path = root / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return None, [
            Issue(
                codes.CX013_SETTINGS_INVALID,
                f"no {SETTINGS_FILE} in the workspace",
                Span(file=SETTINGS_FILE),
                "create it with name: and languages: (cxdsl init)",
            )
        ]
    outside = link_outside(root, SETTINGS_FILE)
    if outside is not None:
        return None, [outside]
    text, issues = read_text(path, SETTINGS_FILE)
    # A FIFO or the like in place of the settings is an error, not a skipped file.
    return text, [
        Issue(codes.CX013_SETTINGS_INVALID, f"{SETTINGS_FILE} {i.message}", i.span, i.hint)
        if i.code == codes.CX015_FILE_SPECIAL
        else i
        for i in issues
    ]


def _lenient_settings(
    data: dict[str, Any], root: Any, text: str = ""
) -> tuple[Settings, list[Issue]]:
    """Validate settings; report every problem, then keep what was valid.

    Falling back to all defaults would turn one typo into hundreds of findings (a
    bilingual workspace checked as English-only); dropping only the faulty keys does not.
    """
    issues = _inconsistent_defaults(data, root)
    kept = dict(data)
    for _ in range(4):  # each round drops the keys that failed; cross-field checks last
        try:
            return Settings.model_validate(kept), issues
        except ValidationError as exc:
            issues.extend(
                validation_issues(
                    exc, Settings, SETTINGS_FILE, root, code=codes.CX013_SETTINGS_INVALID, text=text
                )
            )
            faulty = {e["loc"][0] for e in exc.errors() if e["loc"]}
            kept = {k: v for k, v in kept.items() if k not in faulty}
    return Settings(), issues


def _inconsistent_defaults(data: dict[str, Any], root: Any) -> list[Issue]:
    issues = []
    pairs = (("default_language", "languages"), ("default_emotion_scale", "emotion_scales"))
    for key, pool_key in pairs:
        value, pool = data.get(key), data.get(pool_key)
        if isinstance(value, str) and isinstance(pool, list | dict) and value not in pool:
            listed = ", ".join(str(p) for p in pool)
            issues.append(
                Issue(
                    codes.CX013_SETTINGS_INVALID,
                    f"{key} '{value}' is not one of {pool_key}: {listed}",
                    mark_span(SETTINGS_FILE, node_at(root, (key,))[0]),
                    did_you_mean(str(value), [str(p) for p in pool]),
                )
            )
    return issues


def load_yaml_text(text: str, rel: str) -> tuple[list[Document], list[Issue], set[tuple[str, str]]]:
    """Every entity of one YAML file, the issues found, and the ids of broken documents."""
    raws, issues = parse_documents(text, rel)
    docs: list[Document] = []
    broken: set[tuple[str, str]] = set()
    if not raws and not issues:
        issues.append(
            Issue(
                codes.CX008_FILE_EMPTY,
                "empty file",
                Span(file=rel),
                "remove it, or add a document with kind: and id:",
            )
        )
    for raw in raws:
        entity = None
        if raw.issues:
            issues.extend(raw.issues)
        else:
            entity, found = entity_from_raw(raw, text)
            issues.extend(found)
        if entity is not None:
            docs.append(
                Document(
                    file=rel,
                    entity=entity,
                    text=text,
                    index=raw.index,
                    line=raw.root.start_mark.line + 1,
                )
            )
        elif isinstance(raw.data, dict) and isinstance(raw.data.get("id"), str):
            broken.add((str(raw.data.get("kind")), raw.data["id"]))
    return docs, issues, broken


def load_workspace(root: Path, options: LoadOptions | None = None) -> tuple[Workspace, list[Issue]]:
    """Load every file of the workspace at ``root``; user mistakes become issues."""
    options = options or LoadOptions()
    settings, settings_root, issues, settings_text = load_settings(root)
    ws = Workspace(root=root, settings=settings, settings_root=settings_root)
    if settings_text is not None:
        ws.sources[SETTINGS_FILE] = settings_text
        ws.files.append(SETTINGS_FILE)
    allow_python = (
        settings.allow_python
        if options.allow_python is None
        else (options.allow_python and settings.allow_python)
    )
    for path in discover(root, issues):
        rel = path.relative_to(root).as_posix()
        ws.files.append(rel)
        if path.suffix == ".py" and not allow_python:
            why = (
                "--no-python was given"
                if options.allow_python is False
                else "the workspace does not set allow_python: true"
            )
            issues.append(
                Issue(
                    codes.CX012_PYTHON_NOT_RUN,
                    f"Python model file not run: {why}",
                    Span(file=rel),
                    "its entities are missing from this check",
                )
            )
            continue
        text, read_issues = read_text(path, rel)
        issues.extend(read_issues)
        if text is None:
            continue
        ws.sources[rel] = text
        if path.suffix == ".py":
            docs, found, broken = load_python_file(path, rel, text, timeout=settings.python_timeout)
            ws.broken_ids |= broken
        else:
            docs, found, broken = load_yaml_text(text, rel)
            ws.broken_ids |= broken
        ws.documents.extend(docs)
        issues.extend(found)
    return ws, issues
