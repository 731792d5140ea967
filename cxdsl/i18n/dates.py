"""Dates in both calendars: Gregorian, then Umm al-Qura (Hijri) in brackets.

``format_date(date(2025, 6, 5), "en")`` is "5 June 2025 (9 Dhu al-Hijjah 1446 AH)" and in
Arabic «5 يونيو 2025 (9 ذو الحجة 1446 هـ)». Month names come from CLDR (Babel) and from
``hijridate`` (the Umm al-Qura tables, valid from 1343 to 1500 AH, 1924–2077); a date
outside that range is shown in the Gregorian calendar only.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date as babel_format_date
from hijridate import Gregorian

from .languages import base_language
from .plurals import locale_of

HijriLanguage = Literal["en", "ar", "bn", "tr"]
#: The languages hijridate names months in; others read English names.
_HIJRI_NAMES: dict[str, HijriLanguage] = {"ar": "ar", "en": "en", "bn": "bn", "tr": "tr"}


def hijri_date(day: dt.date, lang: str) -> str | None:
    """``day`` in the Umm al-Qura calendar («9 ذو الحجة 1446 هـ»), or None outside the
    range the calendar's tables cover."""
    try:
        hijri = Gregorian.fromdate(day).to_hijri()
    except (OverflowError, ValueError):
        return None
    names = _HIJRI_NAMES.get(base_language(lang), "en")
    return f"{hijri.day} {hijri.month_name(names)} {hijri.year} {hijri.notation(names)}"


def gregorian_date(day: dt.date, lang: str) -> str:
    """``day`` in the Gregorian calendar, month by name («5 يونيو 2025», "5 June 2025")."""
    return str(babel_format_date(day, "d MMMM y", locale=locale_of(lang)))


def format_date(day: dt.date, lang: str) -> str:
    """``day`` in both calendars: "5 June 2025 (9 Dhu al-Hijjah 1446 AH)"."""
    gregorian = gregorian_date(day, lang)
    hijri = hijri_date(day, lang)
    return f"{gregorian} ({hijri})" if hijri else gregorian
