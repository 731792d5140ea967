"""Pydantic validation errors, turned into located issues."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from .. import codes
from ..diagnostics import Issue, Span
from ..model.introspect import fields_at, models_in
from ..suggest import did_you_mean
from .locate import node_at
from .yamlsafe import mark_span

__all__ = ["dotted", "fields_at", "models_in", "validation_issues"]

_TYPE_PARTS = ("str", "int", "float", "bool", "constrained-str", "list", "dict", "function")


def _is_type_part(part: object) -> bool:
    return isinstance(part, str) and (
        part in _TYPE_PARTS or "[" in part or part.startswith(("function-", "literal"))
    )


def _base_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The location up to the first union member: all alternatives of a value group."""
    out = []
    for part in loc:
        if _is_type_part(part):
            break
        out.append(part)
    return tuple(out)


def _bad_language_key(errors: list[ErrorDetails]) -> str | None:
    for err in errors:
        loc = tuple(err["loc"])
        if loc and loc[-1] == "[key]" and len(loc) >= 2:
            return str(loc[-2])
    return None


def dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


def _message(errors: list[ErrorDetails]) -> str:
    first = errors[0]
    if len(errors) > 1:
        parts = {p for e in errors for p in e["loc"] if isinstance(p, str)}
        if "str" in parts and any(p.startswith("dict[") for p in parts):
            return "expected text, or a mapping of language code to text ({en: ..., ar: ...})"
        msgs = sorted({e["msg"] for e in errors})
        return "matches none of the accepted forms: " + "; ".join(msgs)
    msg = first["msg"]
    return msg[0].lower() + msg[1:] if msg else "invalid value"


def validation_issues(
    exc: ValidationError,
    model: type[BaseModel],
    file: str,
    root: Node | None,
    *,
    code: str = codes.CX010_SCHEMA,
    fallback: Span | None = None,
) -> list[Issue]:
    """One issue per invalid place (union alternatives folded together)."""
    grouped: dict[tuple[Any, ...], list[ErrorDetails]] = {}
    for err in exc.errors(include_url=False):
        grouped.setdefault(_base_loc(tuple(err["loc"])), []).append(err)
    issues = []
    for loc, errors in grouped.items():
        kind = errors[0]["type"]
        span = fallback or Span(file=file)
        if kind == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            if root is not None:
                node, key_node = node_at(root, loc)
                span = mark_span(file, key_node or node)
            where = dotted(loc[:-1])
            issues.append(
                Issue(
                    code,
                    f"unknown key '{key}' in {where}",
                    span,
                    did_you_mean(key, fields_at(model, loc[:-1])),
                )
            )
            continue
        if kind == "missing":
            if root is not None:
                span = mark_span(file, node_at(root, loc[:-1])[0])
            issues.append(
                Issue(code, f"missing required key '{loc[-1]}' in {dotted(loc[:-1])}", span)
            )
            continue
        bad_key = _bad_language_key(errors)
        if bad_key is not None:
            if root is not None:
                node, key_node = node_at(root, (*loc, bad_key))
                span = mark_span(file, key_node or node)
            hint = (
                (
                    "a comma inside {en: ...} starts a new key; put the text in quotes: "
                    'en: "..., ..."'
                )
                if " " in bad_key
                else "use codes such as en, ar"
            )
            issues.append(
                Issue(code, f"'{bad_key}' in '{dotted(loc)}' is not a language code", span, hint)
            )
            continue
        if root is not None:
            span = mark_span(file, node_at(root, loc)[0])
        issues.append(Issue(code, f"invalid value for '{dotted(loc)}': {_message(errors)}", span))
    return issues
