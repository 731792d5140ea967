"""Quantities as a reader of each language reads them: a metric's type and unit, amounts
of money, reporting periods.

- :func:`metric_type_name`: ``completion_rate`` as "completion rate", «معدل الإكمال»;
- :func:`with_unit`: a figure and its metric's unit, the unit counted when cxdsl knows
  it («10.9 يوم»، «7 أيام»، «يوم واحد»، «35 نقطة», "35 points", "78.4%", "4.6 (1-7)"); a
  unit cxdsl does not know is shown as the workspace wrote it;
- :func:`money`: an amount in a currency, formatted per locale by CLDR (Babel): «1,500
  ر.س.», "SAR 1,500"; :func:`currency_symbol`: the currency alone, as the same locale
  writes it («ر.س.», "SAR"), for a label such as «التكلفة (ر.س.)»;
- :func:`period_label`: a period key as words: ``2026-03`` «مارس 2026» / "March 2026",
  ``2026-Q3`` «الربع الثالث 2026» / "Q3 2026", a season by its name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from babel.dates import format_date, format_skeleton
from babel.numbers import UnknownCurrencyError, format_currency, get_currency_symbol

from .plurals import count_text, format_count, locale_of
from .strings import has_string, ui

#: Units cxdsl counts in every language: how a workspace may write them → counted noun.
UNIT_NOUNS = {
    "day": "day",
    "days": "day",
    "يوم": "day",
    "أيام": "day",
    "hour": "hour",
    "hours": "hour",
    "ساعة": "hour",
    "ساعات": "hour",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "دقيقة": "minute",
    "دقائق": "minute",
    "point": "point",
    "points": "point",
    "نقطة": "point",
    "نقاط": "point",
    "visit": "visit",
    "visits": "visit",
    "زيارة": "visit",
    "زيارات": "visit",
    "year": "year",
    "years": "year",
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
#: Bidi marks CLDR puts in some locales' patterns: pages isolate text themselves.
_MARKS = re.compile("[\u200e\u200f\u061c]")


def metric_type_name(kind: str, lang: str) -> str:
    """A metric's type in ``lang`` (``nps`` is "NPS", ``completion_rate`` «معدل الإكمال»);
    a type cxdsl does not name is shown as written."""
    for key in (f"metric_type.{kind}", f"value_{kind}"):
        if has_string(key):
            return ui(key, lang)
    return kind.replace("_", " ")


def with_unit(shown: str, unit: str | None, lang: str) -> str:
    """A figure as printed (``shown``: ``10.9``, ``1,140``) and its metric's unit, as text
    in ``lang``: a percentage ``78.4%``, a scale in brackets ``4.6 (1-7)``, a unit cxdsl
    knows counted as the number reads («10.9 يوم»، «7 أيام»، «يوم واحد»، "1 day"), any other
    unit after the number as written."""
    if not unit:
        return shown
    if unit.strip() == "%":
        return f"{shown}%"
    if unit[0].isdigit():
        return f"{shown} ({unit})"
    noun = UNIT_NOUNS.get(unit.strip().lower())
    try:
        value = float(shown.replace(",", ""))
    except ValueError:
        noun = None
    return f"{shown} {unit}" if noun is None else count_text(value, noun, lang)


def unit_name(unit: str, lang: str) -> str:
    """A metric's unit on its own, in ``lang`` when cxdsl knows it («أيام», "days"), else
    as the workspace wrote it."""
    noun = UNIT_NOUNS.get(unit.strip().lower())
    return unit if noun is None else count_text(3, noun, lang).replace("3", "", 1).strip()


def money(amount: float, currency: str | None, lang: str) -> str:
    """``amount`` in ``currency`` (an ISO 4217 code) as ``lang``'s locale writes it, with
    no decimals when it has none («1,500 ر.س.», "SAR 1,500"); the amount alone when no
    currency is named, the code after it when CLDR does not know the code."""
    if not currency:
        return format_count(amount)
    locale = locale_of(lang)
    pattern = locale.currency_formats["standard"].pattern.replace("0.00", "0.##")
    try:
        text = format_currency(amount, currency, pattern, locale=locale, currency_digits=False)
    except UnknownCurrencyError:
        return f"{format_count(amount)} {currency}"
    text = _MARKS.sub("", text).replace("\u00a0", " ").strip()
    # CLDR's currency spacing: a code of letters never touches the digits ("SAR 1,500").
    return re.sub(r"(?<=[A-Za-z])(?=[\d\-])|(?<=\d)(?=[A-Za-z])", " ", text)


def currency_symbol(currency: str, lang: str) -> str:
    """A currency (an ISO 4217 code) as ``lang``'s locale writes it next to an amount
    (the symbol :func:`money` uses: «ر.س.» in Arabic, "SAR" in English, "€"); the code
    as written when CLDR does not know it."""
    symbol = get_currency_symbol(currency, locale=locale_of(lang))
    return _MARKS.sub("", symbol).strip() or currency


def period_label(period: str, lang: str, seasons: Mapping[str, str] | None = None) -> str:
    """A reporting period in words: a month «مارس 2026», a quarter «الربع الثالث 2026»
    ("Q3 2026"), a year as its number, the one period of a plan measured once, a season
    by its name (``seasons``: id → name in ``lang``); anything else as written."""
    locale = locale_of(lang)
    if match := _MONTH.match(period):
        day = dt.date(int(match[1]), int(match[2]), 1)
        return str(format_date(day, "MMMM y", locale=locale))
    if match := _QUARTER.match(period):
        day = dt.date(int(match[1]), int(match[2]) * 3, 1)
        width = "yQQQQ" if locale.language == "ar" else "yQQQ"
        return str(format_skeleton(width, day, locale=locale))
    if period == "all":
        return ui("period_all", lang)
    if seasons and period in seasons:
        return seasons[period]
    return period
