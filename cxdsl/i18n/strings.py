"""Interface strings: one table per shipped language, looked up by key.

A key missing from the tables is a bug in cxdsl, not a user mistake, so :func:`ui`
raises instead of printing the key; ``tests/test_i18n.py`` checks that every shipped
language has every key. A language cxdsl is not translated into reads English.

A workspace may override any string (``ui:`` in ``cxdsl.yaml``): the overrides of the
build being run are set by :func:`cxdsl.i18n.overrides` and consulted here first, so
no call site has to pass the settings along.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar, Token
from types import MappingProxyType

from .ar import ARABIC
from .en import ENGLISH
from .languages import base_language

#: The languages cxdsl's interface is translated into; English is the reference.
TABLES: dict[str, dict[str, str]] = {"en": ENGLISH, "ar": ARABIC}

#: An override table: key → {language: text}; the language ``*`` stands for any.
OverrideTable = Mapping[str, Mapping[str, str]]
ANY_LANGUAGE = "*"

_NONE: OverrideTable = MappingProxyType({})
_ACTIVE: ContextVar[OverrideTable] = ContextVar("cxdsl_ui_overrides", default=_NONE)


class UnknownString(KeyError):
    """An interface string key that no table defines."""


def has_string(key: str) -> bool:
    """Whether ``key`` names an interface string."""
    return key in ENGLISH


def shipped(key: str, lang: str) -> str:
    """The string cxdsl ships for ``key`` in ``lang``, ignoring the workspace's overrides."""
    table = TABLES.get(base_language(lang), ENGLISH)
    try:
        return table[key]
    except KeyError:
        raise UnknownString(f"no interface string {key!r} in {lang!r}") from None


def ui(key: str, lang: str) -> str:
    """A fixed interface string in ``lang`` (English when not translated), as the
    workspace of the build being run overrides it."""
    text = shipped(key, lang)
    chosen = _ACTIVE.get().get(key)
    if chosen:
        for code in (lang, base_language(lang), ANY_LANGUAGE):
            if code in chosen:
                return chosen[code]
    return text


def activate(table: OverrideTable) -> Token[OverrideTable]:
    """Make ``table`` the overrides :func:`ui` consults (until :func:`deactivate`)."""
    return _ACTIVE.set(table)


def deactivate(token: Token[OverrideTable]) -> None:
    """Restore the overrides that were active before :func:`activate` returned ``token``."""
    _ACTIVE.reset(token)


def active_overrides() -> OverrideTable:
    """The overrides :func:`ui` consults now (empty outside a build)."""
    return _ACTIVE.get()
