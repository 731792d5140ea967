"""Reporting periods: months, quarters, years and the seasons declared in cxdsl.yaml.

Data are aggregated by calendar month (``2026-03``) and by season; every other period is
a union of months. Period keys sort in time order within their kind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from ..model import Measurement, Season

PeriodKind = Literal["month", "quarter", "year", "season", "all"]

#: The key of the one period of a plan measured ``once``.
ALL = "all"

_BY_CADENCE: dict[str, PeriodKind] = {
    "continuous": "month",
    "daily": "month",
    "weekly": "month",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "once": "all",
    "season": "season",
}


def period_kind(entry: Measurement | None) -> PeriodKind:
    """How a plan entry's figures are reported: its ``reporting`` cadence, else its
    collection ``cadence`` (continuous and finer collection is reported monthly), else
    quarterly."""
    if entry is None:
        return "quarter"
    cadence = entry.reporting or entry.cadence
    return _BY_CADENCE[cadence] if cadence else "quarter"


def month_key(moment: dt.date | dt.datetime) -> str:
    """``2026-03``."""
    return f"{moment.year:04d}-{moment.month:02d}"


def period_of(month: str, kind: PeriodKind) -> str:
    """The period of ``kind`` that month ``2026-03`` falls in (not for seasons)."""
    year, mon = month.split("-")
    if kind == "month":
        return month
    if kind == "quarter":
        return f"{year}-Q{(int(mon) - 1) // 3 + 1}"
    if kind == "year":
        return year
    return ALL


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive."""
    y, m = (int(x) for x in first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def expected_periods(months: Iterable[str], kind: PeriodKind) -> list[str]:
    """The periods between the first and the last month with data, gaps included."""
    seen = sorted(set(months))
    if not seen or kind in ("season", "all"):
        return []
    return sorted({period_of(m, kind) for m in months_between(seen[0], seen[-1])})


def season_of(day: dt.date, seasons: Iterable[Season]) -> str | None:
    """The first declared season that ``day`` falls in."""
    for season in seasons:
        if season.start <= day <= season.end:
            return season.id
    return None


def order_periods(periods: Iterable[str], seasons: list[Season]) -> list[str]:
    """Periods in time order: calendar periods by key, seasons by start date, ``all`` last."""
    starts = {s.id: s.start.isoformat() for s in seasons}

    def key(p: str) -> str:
        if p in starts:
            return starts[p]
        return "9999" if p == ALL else p

    return sorted(set(periods), key=key)


_CALENDAR = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")


#: Calendar periods outside these years are typing mistakes, not data.
YEARS = range(1900, 2200)


def is_period(key: str, seasons: Iterable[Season]) -> bool:
    """Whether ``key`` names a period: ``2026``, ``2026-03``, ``2026-Q1`` (a year from
    1900 to 2199), a declared season's id or ``all``."""
    if key == ALL or any(s.id == key for s in seasons):
        return True
    found = _CALENDAR.match(key)
    return found is not None and int(found.group(1)) in YEARS


def first_month(period: str) -> str | None:
    """The first month of a calendar period (None for a season, ``all`` or anything
    else)."""
    found = _CALENDAR.match(period)
    if found is None:
        return None
    year, month, quarter = found.groups()
    if month:
        return f"{year}-{month}"
    if quarter:
        return f"{year}-{(int(quarter) - 1) * 3 + 1:02d}"
    return f"{year}-01"
