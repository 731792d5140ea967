"""How old evidence is, where it is cited: its age beside each link to it, flagged when it
is older than ``settings.evidence_stale_after_months`` (default 12).

The age is counted from the evidence's date to the day of the build (:func:`build_day`,
``SOURCE_DATE_EPOCH`` for a reproducible build): in whole months, in whole years from two
years on; evidence without a date has no age.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..i18n import count_text
from ..model import Evidence
from .content import PageContext
from .page_dates import build_day

#: From this many months on, an age is said in whole years.
YEARS_FROM = 24


def months_old(day: dt.date, today: dt.date) -> int:
    """Whole months from ``day`` to ``today`` (0 when less than a month, or later)."""
    months = (today.year - day.year) * 12 + today.month - day.month
    return max(0, months - (1 if today.day < day.day else 0))


def is_stale(day: dt.date, today: dt.date, limit_months: int) -> bool:
    """Whether ``day`` is longer than ``limit_months`` months before ``today``: the day
    ``limit_months`` months after it (the last of the month when that month is shorter)
    has passed."""
    months = day.year * 12 + day.month - 1 + limit_months
    year, month = divmod(months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last)) < today


def age_words(months: int, lang: str) -> str:
    """An age in words: «15 شهرًا», "15 months"; "2 years" from :data:`YEARS_FROM` on."""
    if months >= YEARS_FROM:
        return count_text(months // 12, "year", lang)
    return count_text(months, "month", lang)


def evidence_age(pc: PageContext, day: dt.date | None, explain: bool = False) -> str:
    """The age of evidence dated ``day`` as HTML for a page («قبل 15 شهرًا»), flagged ⚠
    when it is old; with ``explain``, the flag says the workspace's limit. Empty for no
    date, or for evidence less than a month old and not flagged."""
    if day is None:
        return ""
    today, limit = build_day(), pc.result.workspace.settings.evidence_stale_after_months
    months = months_old(day, today)
    age = age_words(months, pc.lang)
    if is_stale(day, today, limit):
        text = pc.w.t("evidence_old").format(age=age)
        if explain:
            note = pc.w.t("evidence_old_note").format(limit=age_words(limit, pc.lang))
            text += f" ({note})"
        return f'<span class="cx-age cx-stale">{pc.w.plain(text)}</span>'
    if months == 0:
        return ""
    return f'<span class="cx-age">{pc.w.plain(pc.w.t("evidence_age").format(age=age))}</span>'


def evidence_cited(pc: PageContext, ident: str, here: str) -> str:
    """A link to evidence with its age beside it (see :func:`evidence_age`)."""
    link = pc.w.entity_link("evidence", ident, here)
    found = pc.result.index.entity("evidence", ident)
    age = evidence_age(pc, found.date) if isinstance(found, Evidence) else ""
    return f"{link} {age}" if age else link


def evidence_date(pc: PageContext, day: dt.date | None) -> str:
    """The date of evidence on its catalog entry, with its age and why it is flagged."""
    if day is None:
        return ""
    age = evidence_age(pc, day, explain=True)
    return f"{pc.w.date(day)} {age}" if age else pc.w.date(day)
