"""Counted nouns that follow the CLDR plural rules of the reader's language (Babel).

``count_text(16, "step", "ar")`` is «16 خطوة», ``count_text(3, "step", "ar")`` «3 خطوات»,
``count_text(2, "step", "ar")`` «خطوتان» and ``count_text(1, "step", "en")`` "1 step".
The forms are in :mod:`.nouns`; the category of a number comes from Babel's CLDR data.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError

from .languages import base_language
from .nouns import NOUNS, NOUNS_EN, OBLIQUE_TWO
from .strings import UnknownString


@cache
def locale_of(lang: str) -> Locale:
    """Babel's locale for a workspace language (``ar-SA``); its base language when Babel
    does not know the region, English when it does not know the language."""
    for tag in (lang, base_language(lang)):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale("en")


def format_count(n: float) -> str:
    """A count as shown: thousands grouped, at most two decimals, no trailing zeros."""
    if isinstance(n, int) or float(n).is_integer():
        return f"{int(n):,}"
    return f"{n:,.2f}".rstrip("0").rstrip(".")


def plural_category(n: float, lang: str) -> str:
    """The CLDR plural category of ``n`` as shown (``one``, ``two``, ``few``, ...)."""
    shown = format_count(abs(n)).replace(",", "")
    nouns = NOUNS.get(base_language(lang))
    rules = locale_of(lang) if nouns is not None else Locale("en")
    return str(rules.plural_form(Decimal(shown)))


def count_text(n: float, noun: str, lang: str, *, oblique: bool = False) -> str:
    """``n`` and ``noun``, grammatical in ``lang`` (English when cxdsl is not translated
    into it). ``oblique``: the count follows a preposition or is an object, which changes
    the Arabic dual («أقل من إجابتين»). An unknown noun is a bug in cxdsl and raises
    :class:`UnknownString`."""
    forms = NOUNS.get(base_language(lang), NOUNS_EN).get(noun)
    if forms is None:
        raise UnknownString(f"no counted noun {noun!r} in {lang!r}")
    category = plural_category(n, lang)
    if oblique and category == "two":
        category = OBLIQUE_TWO
    template = forms.get(category, forms["other"])
    if n < 0 and "{n}" not in template:  # «خطوة واحدة» has no numeral to carry the sign
        template = forms["other"]
    return template.replace("{n}", format_count(n))
