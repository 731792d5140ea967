"""Interface strings: one table per shipped language, looked up by key.

A key missing from the tables is a bug in cxdsl, not a user mistake, so :func:`ui`
raises instead of printing the key; ``tests/test_i18n.py`` checks that every shipped
language has every key. A language cxdsl is not translated into reads English.
"""

from __future__ import annotations

from .ar import ARABIC
from .en import ENGLISH
from .languages import base_language

#: The languages cxdsl's interface is translated into; English is the reference.
TABLES: dict[str, dict[str, str]] = {"en": ENGLISH, "ar": ARABIC}


class UnknownString(KeyError):
    """An interface string key that no table defines."""


def has_string(key: str) -> bool:
    """Whether ``key`` names an interface string."""
    return key in ENGLISH


def ui(key: str, lang: str) -> str:
    """A fixed interface string in ``lang`` (English when not translated)."""
    table = TABLES.get(base_language(lang), ENGLISH)
    try:
        return table[key]
    except KeyError:
        raise UnknownString(f"no interface string {key!r} in {lang!r}") from None
