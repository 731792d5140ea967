"""Language and country codes as names in the reader's language (CLDR data, via Babel).

``language_name("id", "ar")`` is «الإندونيسية», ``language_name("bug", "en")`` "Buginese",
``country_name("ID", "ar")`` «إندونيسيا». A code CLDR does not name is shown as written.
The names are plain text: pages escape and isolate them like any other text.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale, UnknownLocaleError

from .languages import is_rtl
from .plurals import locale_of


def language_name(code: str, lang: str) -> str:
    """The name of the language ``code`` (``id``, ``ar-SA``) in ``lang``; ``code`` itself
    when CLDR has no name for it."""
    names = locale_of(lang).languages
    key = code.replace("-", "_")
    if key in names:
        return str(names[key])
    if "_" in key:
        try:
            shown = Locale.parse(key).get_display_name(locale_of(lang))
        except (UnknownLocaleError, ValueError):
            shown = None
        if shown:
            return str(shown)
        base = key.split("_")[0]
        if base in names:
            return f"{names[base]} ({code})"
    return code


def country_name(code: str, lang: str) -> str:
    """The name of the country or territory ``code`` (ISO 3166 alpha-2, ``SA``) in
    ``lang``; ``code`` itself when CLDR has no name for it."""
    name = locale_of(lang).territories.get(code.upper())
    return str(name) if name else code


def list_separator(lang: str) -> str:
    """What separates the items of a list in ``lang`` («، » in Arabic, ", " otherwise)."""
    return "، " if is_rtl(lang) else ", "


def language_names(codes: Iterable[str], lang: str) -> str:
    """Several languages' names in ``lang``, as a list («الإندونيسية، البجينيزية»)."""
    return list_separator(lang).join(language_name(code, lang) for code in codes)
