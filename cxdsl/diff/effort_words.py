"""Effort as-is → to-be in the comment's language: one line per to-be journey (named by
its title, against its as-is journey's), then a line for the whole journey and for each
compared stage, each measure by its name with its amounts counted in that language.

``active time 185 minutes → 5 minutes (−180); cost SAR 1,800 → SAR 300 (−1,500)`` in
English; «الوقت الفعلي من 185 دقيقة إلى 5 دقائق (−180)؛ التكلفة من 1,800 ر.س. إلى 300
ر.س. (−1,500)» in Arabic, never an arrow there. Every change is a number part, so a
right-to-left comment isolates it and draws its sign before its digits.
"""

from __future__ import annotations

import re

from ..i18n import clause_separator, count_text, format_count, money
from .effort_compare import EffortChange, MeasureChange, signed_amount
from .phrases import Line, Part, Parts, fill, words
from .view import DiffView, quoted_text

#: The counted noun of each measure's amounts (a measure without one shows bare numbers:
#: its name says what is counted).
_NOUNS = {"minutes": "minute", "wait_minutes": "minute", "walking_metres": "metre"}
#: An ISO 4217 code: anything else a model calls a currency is left out of the words.
_CURRENCY = re.compile(r"[A-Z]{3}")


def effort_lines(changes: list[EffortChange], view: DiffView, lang: str) -> list[Line]:
    """A line per to-be journey (``“Renew online” against “Renew”:``) with a sub-line for
    the whole journey and for each compared stage, in the order ``changes`` has them."""
    grouped: dict[tuple[str, str], list[EffortChange]] = {}
    for change in changes:
        grouped.setdefault((change.journey, change.as_is), []).append(change)
    out = []
    for (journey, as_is), parts in grouped.items():
        head = fill(
            "diff.effort_against",
            lang,
            journey=_title(view, "journey", journey, lang),
            current=_title(view, "journey", as_is, lang),
        )
        out.append(Line(head, "", tuple(Line(part_words(c, view, lang)) for c in parts)))
    return out


def part_words(change: EffortChange, view: DiffView, lang: str) -> Parts:
    """One part of a journey (the whole, or a stage by its title) and its measures."""
    changes = measures_words(change.measures, lang)
    if change.stage is None:
        return fill("diff.effort_whole", lang, changes=changes)
    title = change.title
    stage = quoted_text(view, title, lang) if title is not None else (Part("code", change.stage),)
    return fill("diff.effort_stage", lang, stage=stage, changes=changes)


def measures_words(measures: tuple[MeasureChange, ...], lang: str) -> Parts:
    """Each measure's move, joined by the clause separator of ``lang`` («؛ », "; ")."""
    out: list[Part] = []
    for index, m in enumerate(measures):
        if index:
            out.append(words(clause_separator(lang)))
        out += measure_words(m, lang)
    return tuple(out)


def measure_words(m: MeasureChange, lang: str) -> Parts:
    """``active time 185 minutes → 5 minutes (−180)``, «التكلفة من 1,800 ر.س. إلى 300
    ر.س. (−1,500)»; without the change where it is unknown (``waiting time 30 minutes →
    —``)."""
    move = fill(
        "diff.from_to",
        lang,
        before=words(amount_words(m, m.before, lang)),
        after=words(amount_words(m, m.after, lang)),
    )
    name = fill(f"diff.effort.{m.measure}", lang)
    if m.change is None:
        return fill("diff.effort_measure_unknown", lang, measure=name, move=move)
    delta = Part("number", signed_amount(m.change))
    return fill("diff.effort_measure", lang, measure=name, move=move, delta=delta)


def amount_words(m: MeasureChange, value: float | None, lang: str) -> str:
    """One side's amount as ``lang`` writes it: counted (``185 minutes``, «5 دقائق»), money
    in its currency (``SAR 300``, «300 ر.س.»), a bare number, or ``—`` when not stated."""
    if value is None:
        return "—"
    if m.measure == "cost":
        code = m.currency if m.currency and _CURRENCY.fullmatch(m.currency) else None
        return money(value, code, lang)
    noun = _NOUNS.get(m.measure)
    # after «من» and «إلى» an Arabic noun is oblique («إلى دقيقتين»)
    return count_text(value, noun, lang, oblique=True) if noun else format_count(value)


def _title(view: DiffView, kind: str, ident: str, lang: str) -> Parts:
    title = view.title(kind, ident)
    return quoted_text(view, title, lang) if title is not None else (Part("code", ident),)
