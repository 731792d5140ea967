"""Model text in one language: the one place a ``{ar: ..., en: ...}`` value is read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Control and format characters a model text must not smuggle into any output.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]"
)


def clean(text: str) -> str:
    """Drop control and bidi-format characters; normalise to NFC."""
    return unicodedata.normalize("NFC", _UNSAFE.sub("", text))


@dataclass(frozen=True)
class Localized:
    """A text in the requested language, or in another one (``fallback`` says which)."""

    text: str
    fallback: str | None = None


def localize(
    value: str | dict[str, str] | None, lang: str, languages: list[str] | tuple[str, ...] = ()
) -> Localized:
    """The text in ``lang``; else the first available workspace language, marked."""
    if value is None:
        return Localized("")
    if isinstance(value, str):
        return Localized(clean(value))
    if lang in value:
        return Localized(clean(value[lang]))
    for other in (*languages, *sorted(value)):
        if other in value:
            return Localized(clean(value[other]), fallback=other)
    return Localized("")
