"""Pydantic validation errors, turned into located issues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode

from .. import codes
from ..diagnostics import Edit, Fix, Issue, Span
from ..model.introspect import fields_at, models_in
from ..suggest import suggest
from .comma import CommaSplit, comma_splits, split_fix, split_hint, split_span, written_text
from .locate import node_at
from .yamlsafe import mark_span

__all__ = ["dotted", "fields_at", "models_in", "rename_fix", "validation_issues"]

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
    if first["type"] == "value_error":
        # A model's own check (a Hijri date, a scale's bounds) says what is wrong already;
        # pydantic's "Value error, " prefix adds nothing a reader needs.
        msg = msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else "invalid value"


def validation_issues(
    exc: ValidationError,
    model: type[BaseModel],
    file: str,
    root: Node | None,
    *,
    code: str = codes.CX010_SCHEMA,
    fallback: Span | None = None,
    text: str = "",
) -> list[Issue]:
    """One issue per invalid place (union alternatives folded together).

    ``text`` is the file's text, when at hand: fixes are written from it (a text a comma
    split is quoted as it was written).
    """
    grouped: dict[tuple[Any, ...], list[ErrorDetails]] = {}
    for err in exc.errors(include_url=False):
        grouped.setdefault(_base_loc(tuple(err["loc"])), []).append(err)
    place = _Place(model, file, root, code, fallback or Span(file=file), text)
    issues = []
    for loc, errors in grouped.items():
        issues.extend(place.issues(loc, errors))
    return issues


@dataclass(frozen=True)
class _Place:
    """What every issue of one validation error needs: the model, the file, its nodes."""

    model: type[BaseModel]
    file: str
    root: Node | None
    code: str
    fallback: Span
    text: str

    def span(self, loc: tuple[Any, ...], key: bool = False) -> Span:
        """Where ``loc`` was written (its key with ``key``); the fallback without nodes."""
        if self.root is None:
            return self.fallback
        node, key_node = node_at(self.root, loc)
        return mark_span(self.file, (key_node or node) if key else node)

    def issues(self, loc: tuple[Any, ...], errors: list[ErrorDetails]) -> list[Issue]:
        kind = errors[0]["type"]
        if kind == "extra_forbidden":
            return [self.unknown_key(loc)]
        if kind == "missing":
            where = self.span(loc[:-1])
            return [
                Issue(self.code, f"missing required key '{loc[-1]}' in {dotted(loc[:-1])}", where)
            ]
        if _is_text(errors) and self.root is not None:
            splits = comma_splits(node_at(self.root, loc)[0])
            if splits:
                return [self.comma_split(loc, split) for split in splits]
        bad_key = _bad_language_key(errors)
        if bad_key is not None:
            return [
                Issue(
                    self.code,
                    f"'{bad_key}' in '{dotted(loc)}' is not a language code",
                    self.span((*loc, bad_key), key=True),
                    "use codes such as " + ", ".join(_LANGUAGE_EXAMPLES),
                )
            ]
        message = f"invalid value for '{dotted(loc)}': {_message(errors)}"
        return [Issue(self.code, message, self.span(loc))]

    def unknown_key(self, loc: tuple[Any, ...]) -> Issue:
        """An unknown key, with the field it resembles and, when that is certain, a fix
        renaming it."""
        key = str(loc[-1]) if loc else "?"
        span = self.span(loc, key=True)
        found = suggest(key, fields_at(self.model, loc[:-1]))
        fix = None
        if found is not None and found.unambiguous and self.root is not None:
            fix = rename_fix(self.root, loc, found.name, span)
        message = f"unknown key '{key}' in {dotted(loc[:-1])}"
        return Issue(self.code, message, span, found.hint if found else None, fix=fix)

    def comma_split(self, loc: tuple[Any, ...], split: CommaSplit) -> Issue:
        """A text a comma cut short: the language it belongs to, and its repair."""
        fragment = str(split.first_fragment.value)
        message = (
            f"the {split.language} text of '{dotted(loc)}' was cut at a comma: "
            f"'{fragment}' became a key"
        )
        hint = split_hint(split, written_text(split, self.file, self.text))
        fix = split_fix(split, self.file, self.text)
        return Issue(self.code, message, split_span(split, self.file), hint, fix=fix)


#: Named in the hint for a key that is not a language code.
_LANGUAGE_EXAMPLES = ("en", "ar")


def _is_text(errors: list[ErrorDetails]) -> bool:
    """Do the errors come from a Text field (a string, or a mapping of language to text),
    not from another mapping written in braces (``emotion: {sara: 1}``)?"""
    parts = {part for e in errors for part in e["loc"] if isinstance(part, str)}
    return "str" in parts and any(p.startswith("dict[") and p.endswith(",str]") for p in parts)


def rename_fix(root: Node, loc: tuple[Any, ...], name: str, span: Span) -> Fix | None:
    """Rename the key at ``loc`` (written at ``span``) to ``name``, unless the mapping has
    a key ``name`` already (the rename would make a duplicate)."""
    parent = node_at(root, loc[:-1])[0]
    if not isinstance(parent, MappingNode) or any(
        isinstance(k, ScalarNode) and k.value == name for k, _ in parent.value
    ):
        return None
    if span.end_line is None or span.end_column is None:
        return None
    edit = Edit(
        file=span.file,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        replacement=name,
    )
    return Fix(description=f"rename the key to '{name}'", edits=(edit,))
