"""A measured figure that moved, in the comment's language: the metric by its name (and
the statistic by its label), the journey by its title, the period in words, and each
side's value with its 95 % interval, status in words and number of responses.

``Figure moved: “Satisfaction” on “Renew a permit”, Q4 2025: 58.4 [52.2–64.3],
underpowered, 250 responses → 67.2 [61.2–72.7], underpowered, 250 responses (+8.8)``;
in Arabic «تغيّر رقم: «الرضا» في «تجديد تصريح»، الربع الرابع 2025: من … إلى …».
Numbers are written as the site writes them (:func:`cxdsl.render.chart_parts.number`).
"""

from __future__ import annotations

import re

from ..i18n import count_text, has_string, period_label, ui
from ..render.chart_parts import interval, number, signed_number
from ..results.figures import Figure
from .engine import Change
from .figures import find_figure
from .phrases import Line, Part, Parts, code, fill, words
from .view import DiffView, quoted_text

#: Periods :func:`~cxdsl.i18n.period_label` writes in words (a month, a quarter, all).
_IN_WORDS = re.compile(r"\d{4}-(\d{2}|Q[1-4])|all")
_YEAR = re.compile(r"\d{4}")


def figure_line(change: Change, view: DiffView, lang: str) -> Line:
    """A ``figure.added``, ``figure.moved`` or ``figure.removed`` change as a line."""
    op = change.category.rsplit(".", 1)[-1]
    before, after = _sides(change, view)
    key = f"diff.figure_{op}"
    delta: Parts = ()
    if before is not None and after is not None and before.estimate and after.estimate:
        delta = (Part("number", signed_number(after.estimate.value - before.estimate.value)),)
    elif op == "moved":
        key = "diff.figure_moved_status"  # only the status or n moved: no change to give
    parts = fill(
        key,
        lang,
        metric=metric_words(change.entity, _statistic(before or after), view, lang),
        where=place_words(before or after, change, view, lang),
        before=_value(before, change.before, lang),
        after=_value(after, change.after, lang),
        detail=delta,
    )
    return Line(parts, "📊")


def _sides(change: Change, view: DiffView) -> tuple[Figure | None, Figure | None]:
    """The figure before and after (None: that side has none, or the view cannot tell)."""
    after = find_figure(view.head.results, change)
    if view.base is view.head:  # no base to look in: the raw text says what it was
        return None, after
    return find_figure(view.base.results, change), after


def _statistic(figure: Figure | None) -> str | None:
    return figure.statistic if figure is not None else None


def metric_words(metric: str, statistic: str | None, view: DiffView, lang: str) -> Parts:
    """The metric by its name (its id where it has none), and the statistic by its label:
    ``“Time to permit” (median)``."""
    name = view.title("metric", metric)
    shown = quoted_text(view, name, lang) if name is not None else (code(metric),)
    if not statistic:
        return shown
    key = f"statistic_{statistic}"
    label = words(ui(key, lang)) if has_string(key) else code(statistic)
    return fill("diff.figure_statistic", lang, metric=shown, statistic=label)


def place_words(figure: Figure | None, change: Change, view: DiffView, lang: str) -> Parts:
    """The journey by its title and the period in words: ``“Renew a permit”, Q4 2025``;
    the change's raw place as code when no side has the figure any more."""
    if figure is None:
        return (code(change.path),)
    period = period_words(figure.cell.period, view, lang)
    journey = figure.cell.journey
    if journey is None:
        return period
    title = view.title("journey", journey)
    named = quoted_text(view, title, lang) if title is not None else (code(journey),)
    return fill("diff.figure_where", lang, journey=named, period=period)


def period_words(period: str, view: DiffView, lang: str) -> Parts:
    """A period as the site writes it: a month or quarter in words («الربع الرابع 2025»,
    "Q4 2025"), a season by its name, a year as a number; any other period, which a
    dataset names, as code."""
    seasons = view.head.workspace.settings.seasons
    season = next((s for s in seasons if s.id == period), None)
    if season is not None:
        return quoted_text(view, season.name, lang)
    if _IN_WORDS.fullmatch(period):
        return (words(period_label(period, lang)),)
    if _YEAR.fullmatch(period):
        return (Part("number", period),)
    return (code(period),)


def _value(figure: Figure | None, raw: object, lang: str) -> Parts:
    """A side's value: ``58.4 [52.2–64.3], met, 250 responses``; its status and count
    when it has no estimate; ``suppressed`` alone (its n is as private as its value)."""
    if figure is None:
        return (Part("text", str(raw), "en"),) if raw is not None else (words("—"),)
    status = words(ui(f"diff.status.{figure.status}", lang))
    if figure.status == "suppressed":
        return (status,)
    n = words(count_text(figure.n, "response", lang))
    e = figure.estimate
    if e is None:
        return fill("diff.figure_status", lang, status=status, n=n)
    value, spread = Part("number", number(e.value)), Part("number", interval(e))
    return fill("diff.figure_value", lang, value=value, interval=spread, status=status, n=n)
