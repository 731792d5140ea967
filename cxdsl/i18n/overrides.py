"""Interface strings a workspace overrides (``ui:`` in ``cxdsl.yaml``), checked and applied.

``ui: {journey_map: {ar: خريطة رحلة العميل}}`` replaces one shipped string: a plain text
applies to every language, ``{language: text}`` to the languages it names. Each override
is checked against the shipped string (:func:`override_problems`): the key must exist, the
text must keep the shipped ``{placeholders}`` exactly (a renamed or missing one would
break or mislead the sentence it fills; an attribute or format spec would reach into the
values), and, since interface strings are written into pages as they are, it must not
contain characters that Markdown or HTML would read as markup. An override with a
problem is reported by the loader (``check_ui_overrides``) and left out here, so a build
never fails on it: the shipped string is shown instead.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from ..suggest import did_you_mean
from .en import ENGLISH
from .strings import ANY_LANGUAGE, OverrideTable, activate, deactivate, has_string, shipped
from .text import clean

#: One override as written: a text for every language, or {language: text}.
UiValue = str | Mapping[str, str]

#: What pages would read as markup in an interface string (which they print as is).
_MARKUP = re.compile(r"[<>&\"`*_\[\]|\\\n\r]")
_SHOWN_MARKUP = '< > & " ` * _ [ ] | \\'


class HasUi(Protocol):
    """Anything carrying a workspace's overrides (``cxdsl.model.Settings``)."""

    @property
    def ui(self) -> Mapping[str, UiValue]: ...


@dataclass(frozen=True)
class OverrideProblem:
    """Why one override is refused; ``path`` leads to it inside ``cxdsl.yaml``."""

    path: tuple[str, ...]
    message: str
    hint: str | None = None
    #: Whether the key itself is wrong (located at the key, not its value).
    at_key: bool = False


def _entries(value: UiValue) -> list[tuple[str, str]]:
    return [(ANY_LANGUAGE, value)] if isinstance(value, str) else list(value.items())


def _placeholders(text: str) -> list[tuple[str, str | None, str]]:
    """(name, conversion, spec) of every ``{placeholder}``; ``ValueError`` on a stray brace
    and on a brace written as text (``{{``), which no interface string needs."""
    found = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        if "{" in literal or "}" in literal:
            raise ValueError("a brace written as text")
        if name is not None:
            found.append((name, conversion, spec or ""))
    return found


def _shown(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def text_problem(key: str, text: str) -> tuple[str, str | None] | None:
    """Why ``text`` cannot replace the shipped string ``key`` (message, hint), or None."""
    if not text.strip():
        return f"ui: '{key}' is empty", "remove the override to use cxdsl's text"
    if match := _MARKUP.search(text):
        char = "a line break" if match.group() in "\r\n" else f"'{match.group()}'"
        return (
            f"ui: '{key}' contains {char}, which a page would read as markup",
            f"write it without {_SHOWN_MARKUP} or a line break",
        )
    expected = {name for name, _, _ in _placeholders(shipped(key, "en"))}
    try:
        found = _placeholders(text)
    except ValueError:
        return (
            f"ui: '{key}' has a brace that is not a placeholder",
            f"placeholders are written {{name}}; this text's are: {_shown(expected)}",
        )
    written = {
        name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        for name, conversion, spec in found
    }
    if written != expected:
        return (
            f"ui: '{key}' must keep the placeholders of cxdsl's text: {_shown(expected)} "
            f"(it has {_shown(written)})",
            "keep each {placeholder} as written (no format, no attribute); "
            "move them anywhere in the sentence",
        )
    return None


def override_problems(ui: Mapping[str, UiValue]) -> list[OverrideProblem]:
    """Every override that cannot be applied, and why."""
    problems = []
    for key, value in ui.items():
        if not has_string(key):
            hint = did_you_mean(key, ENGLISH) or "the keys are listed in cxdsl/i18n/en.py"
            problems.append(
                OverrideProblem(("ui", key), f"ui: '{key}' is not an interface string", hint, True)
            )
            continue
        for lang, text in _entries(value):
            problem = text_problem(key, text)
            if problem is not None:
                path = ("ui", key) if lang == ANY_LANGUAGE else ("ui", key, lang)
                problems.append(OverrideProblem(path, *problem))
    return problems


def override_table(ui: Mapping[str, UiValue]) -> dict[str, dict[str, str]]:
    """The overrides that can be applied: key → {language (or ``*``): text}."""
    table: dict[str, dict[str, str]] = {}
    for key, value in ui.items():
        if not has_string(key):
            continue
        texts = {
            lang: clean(text)
            for lang, text in _entries(value)
            if text_problem(key, clean(text)) is None
        }
        if texts:
            table[key] = texts
    return table


def ui_mapping(settings: HasUi | Mapping[str, UiValue] | None) -> Mapping[str, UiValue]:
    """The overrides ``settings`` carry (``settings`` may be the mapping itself, or None)."""
    if settings is None:
        return {}
    if isinstance(settings, Mapping):
        return settings
    return settings.ui


@contextmanager
def overrides(settings: HasUi | Mapping[str, UiValue] | None) -> Iterator[OverrideTable]:
    """Within this block, :func:`cxdsl.i18n.ui` reads the workspace's overrides.

    ``settings`` is the workspace's ``Settings`` (or its ``ui`` mapping). Blocks nest (the
    innermost wins) and are local to the thread or task that entered them.
    """
    table = override_table(ui_mapping(settings))
    token = activate(table)
    try:
        yield table
    finally:
        deactivate(token)
