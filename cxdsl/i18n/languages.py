"""Language codes: the base language of a tag, its direction, and its name in itself."""

from __future__ import annotations

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

#: Each language's name in that language, for language switchers and the root page.
LANGUAGE_NAMES = {"ar": "العربية", "en": "English", "fr": "Français", "ur": "اردو"}


def base_language(lang: str) -> str:
    """``ar`` for ``ar-SA``: interface strings and direction go by the base language."""
    return lang.split("-")[0]


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return base_language(lang) in RTL_LANGUAGES
