"""Dates written in either calendar: Gregorian (``2025-06-05``) or Umm al-Qura Hijri with
the suffix ``H`` (``1446-12-09H``), converted with ``hijridate`` and stored as a date.

Saudi public-sector seasons, programmes and evidence are often dated by the Hijri year; a
Hijri date written without the suffix would read as a Gregorian date 600 years ago, which
rule CX221 flags (with a hint about ``H``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

#: ``1446-12-09H``; also with the Arabic abbreviation (``1446-12-09هـ``) and Arabic-Indic
#: digits (``١٤٤٦-١٢-٠٩H``), as Arabic keyboards write them.
HIJRI_PATTERN = r"^([0-9٠-٩]{4})-([0-9٠-٩]{1,2})-([0-9٠-٩]{1,2}) ?(?:[Hh]|هـ|ه)$"
_HIJRI = re.compile(HIJRI_PATTERN)
#: Gregorian years before this are almost certainly a Hijri date without its ``H``.
PLAUSIBLE_FROM_YEAR = 1900


#: The Hijri years the Umm al-Qura tables of ``hijridate`` cover.
HIJRI_YEARS = (1343, 1500)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of an Umm al-Qura date; ``ValueError`` with a readable message when
    it is not a date of that calendar or lies outside the years it covers."""
    from hijridate import Hijri  # imported lazily: most workspaces write no Hijri date

    written = f"{year:04d}-{month:02d}-{day:02d}H"
    first, last = HIJRI_YEARS
    if not first <= year <= last:
        raise ValueError(f"{written}: the Umm al-Qura calendar covers the years {first}–{last}")
    if not 1 <= month <= 12:
        raise ValueError(f"{written}: a Hijri month is 1 to 12")
    length = Hijri(year, month, 1).month_length()
    if not 1 <= day <= length:
        raise ValueError(f"{written}: month {month} of {year} has {length} days")
    gregorian = Hijri(year, month, day).to_gregorian()
    return dt.date(gregorian.year, gregorian.month, gregorian.day)


def _parse(value: Any) -> Any:
    if isinstance(value, str) and (match := _HIJRI.match(value.strip())):
        year, month, day = (int(part) for part in match.groups())
        return hijri_to_gregorian(year, month, day)
    return value


#: A date: ``YYYY-MM-DD`` (Gregorian) or ``YYYY-MM-DDH`` (Umm al-Qura Hijri).
CalendarDate = Annotated[
    dt.date,
    BeforeValidator(_parse),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"format": "date"}, {"pattern": HIJRI_PATTERN}],
            "description": "A date: YYYY-MM-DD (Gregorian) or YYYY-MM-DDH (Umm al-Qura "
            "Hijri, e.g. 1446-12-09H).",
        }
    ),
]
