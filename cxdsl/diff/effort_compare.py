"""Effort before and after: the as-is journey's totals against the to-be journey's, for
the whole journey and per compared stage, added up by :func:`cxdsl.effort.effort_totals`
(the one answer). The comparison page shows them as a table; ``cxdsl diff`` as a line
per journey and stage in the comment's language (:mod:`.effort_words`) and, in its JSON,
in the fixed English words of :func:`effort_text` (``waiting 240 → 25 min (−215)``).

A measure one side states and the other does not has no change: the side that does not
state it may well have some (``30 → —``). A side with no steps at all (a stage the to-be
journey drops, or a new one) has none of anything: ``30 → 0 (−30)``. The whole journey's
change of a measure is unknown as soon as one compared stage's is, so the whole never
counts as 0 what a stage calls unknown (``1,030 → 1,000``, no change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..compiler import CheckResult
from ..effort import MEASURES, EffortTotals, effort_totals
from ..i18n import format_count
from ..model import Journey, Stage, Step, Text
from .compare import Comparison, compare_journeys

#: How ``cxdsl diff`` names each measure, and its unit after the numbers.
DIFF_WORDS = {
    "minutes": ("active", " min"),
    "wait_minutes": ("waiting", " min"),
    "visits": ("visits", ""),
    "documents": ("documents", ""),
    "walking_metres": ("walking", " m"),
}
_CURRENCY = re.compile(r"[A-Z]{3}")
MINUS = "\u2212"

#: A measure (a name of ``MEASURES``, or "cost") and, for "cost", its currency code.
MeasureKey = tuple[str, str | None]


@dataclass(frozen=True)
class EffortRow:
    """The totals of one part of the journey, before (as-is) and after (to-be)."""

    stage: str | None  # None: the whole journey
    title: Text | None  # the stage's title (the to-be one when both have the stage)
    before: EffortTotals
    after: EffortTotals
    #: Whether each side holds any step: a side with none has none of any measure.
    before_has_steps: bool = True
    after_has_steps: bool = True
    #: Measures whose change is unknown whatever the totals say (the whole journey's
    #: where a compared stage's is unknown).
    unknown: frozenset[MeasureKey] = frozenset()

    @property
    def empty(self) -> bool:
        """Neither side states any effort."""
        return self.before.empty and self.after.empty

    def changes(self) -> list[MeasureChange]:
        """Every measure either side states (``measure_changes``), a side without steps
        counting 0, and no change for the measures of ``unknown``."""
        out = []
        for m in measure_changes(self.before, self.after):
            before = 0.0 if m.before is None and not self.before_has_steps else m.before
            after = 0.0 if m.after is None and not self.after_has_steps else m.after
            known = m.key not in self.unknown
            out.append(MeasureChange(m.measure, m.currency, before, after, known))
        return out


@dataclass(frozen=True)
class MeasureChange:
    """One measure (or the cost in one currency) before and after; None: not stated."""

    measure: str  # a name of ``cxdsl.effort.MEASURES``, or "cost"
    currency: str | None  # for "cost": the currency code ("" when none is named)
    before: float | None
    after: float | None
    #: False: the change is unknown even though both sides state a total.
    known: bool = True

    @property
    def change(self) -> float | None:
        """After minus before; None when either side is not stated or it is not known."""
        if self.before is None or self.after is None or not self.known:
            return None
        return self.after - self.before

    @property
    def key(self) -> MeasureKey:
        return (self.measure, self.currency)


def effort_rows(comparison: Comparison, currency: str | None = None) -> list[EffortRow]:
    """The whole journey (the to-be side: its steps and the unchanged stages'), then each
    to-be stage against the as-is steps it takes the place of: those its steps match or
    replace, and the removed steps of the as-is stage with its id. An as-is stage whose
    steps all went elsewhere has no row; one with removed steps and no namesake has its own
    (to-be side empty). Each compared as-is step is counted in exactly one stage, so the
    whole journey's change of a measure is unknown when a stage's is."""

    def row(stage: Stage | None, before: list[Step], after: list[Step]) -> EffortRow:
        return EffortRow(
            stage.id if stage else None,
            stage.title if stage else None,
            effort_totals(before, currency),
            effort_totals(after, currency),
            bool(before),
            bool(after),
        )

    stages: list[EffortRow] = []
    owner = _owners(comparison)
    claimed = set(owner)
    as_is = {stage.id: stage for stage in comparison.compared}
    for stage in comparison.to_be.stages:
        namesake = as_is.pop(stage.id, None)
        removed = [s for s in (namesake.steps if namesake else []) if s.id not in claimed]
        before = [s for s in comparison.as_is_steps() if owner.get(s.id) == stage.id]
        stages.append(row(stage, [*before, *removed], stage.steps))
    for stage in as_is.values():
        removed = [s for s in stage.steps if s.id not in claimed]
        if removed:
            stages.append(row(stage, removed, []))
    whole = row(None, comparison.as_is.steps(), comparison.whole_to_be_steps())
    unknown = frozenset(m.key for part in stages for m in part.changes() if m.change is None)
    return [replace(whole, unknown=unknown), *stages]


def _owners(comparison: Comparison) -> dict[str, str]:
    """Matched or replaced as-is step id → the to-be stage of the first step matching it."""
    stage_of = [st.id for st in comparison.to_be.stages for _ in st.steps]
    return {ident: stage_of[index] for ident, index in comparison.anchors().items()}


def measure_changes(before: EffortTotals, after: EffortTotals) -> list[MeasureChange]:
    """Every measure either side states, in ``MEASURES`` order, then cost per currency."""
    out = [
        MeasureChange(m, None, before.value(m), after.value(m))
        for m in MEASURES
        if before.value(m) is not None or after.value(m) is not None
    ]
    for code in sorted(before.cost.keys() | after.cost.keys()):
        out.append(MeasureChange("cost", code, before.cost.get(code), after.cost.get(code)))
    return out


def signed_amount(value: float) -> str:
    """A change as shown: ``+5``, ``−215`` (a true minus sign), ``0``."""
    if value > 0:
        return f"+{format_count(value)}"
    if value < 0:
        return f"{MINUS}{format_count(-value)}"
    return "0"


def amount(value: float | None) -> str:
    """A total as shown (``1,800``); ``—`` when no step states it."""
    return "—" if value is None else format_count(value)


def effort_text(row: EffortRow) -> str:
    """The change in words for ``cxdsl diff``: ``active 185 → 5 min (−180); waiting 240 →
    25 min (−215); cost 1,800 → 300 SAR (−1,500)``; no change in brackets where it is
    unknown (``waiting 30 → — min``). Only numbers, fixed words and ISO currency codes:
    nothing a Markdown or terminal reader could take for markup."""
    parts = []
    for m in row.changes():
        if m.measure == "cost":
            code = m.currency if m.currency and _CURRENCY.fullmatch(m.currency) else ""
            word, unit = "cost", f" {code}" if code else ""
        else:
            word, unit = DIFF_WORDS[m.measure]
        moved = f" ({signed_amount(m.change)})" if m.change is not None else ""
        parts.append(f"{word} {amount(m.before)} → {amount(m.after)}{unit}{moved}")
    return "; ".join(parts)


def totals_json(totals: EffortTotals) -> dict[str, Any]:
    """The stated totals as JSON: each measure, and ``cost`` per currency code."""
    out: dict[str, Any] = {m: totals.value(m) for m in MEASURES if totals.value(m) is not None}
    if totals.cost:
        out["cost"] = dict(sorted(totals.cost.items()))
    return out


@dataclass(frozen=True)
class EffortChange:
    """For ``cxdsl diff``: a to-be journey's effort against its as-is journey's."""

    journey: str  # the to-be journey
    as_is: str
    stage: str | None  # None: the whole journey
    before: dict[str, Any]
    after: dict[str, Any]
    text: str
    #: Each measure before and after (:meth:`EffortRow.changes`), for the comment's words.
    measures: tuple[MeasureChange, ...] = ()
    #: The stage's title (the to-be one when both journeys have the stage).
    title: Text | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "journey": self.journey,
            "as_is": self.as_is,
            "stage": self.stage,
            "before": self.before,
            "after": self.after,
            "text": self.text,
        }


def to_be_effort(head: CheckResult, journeys: set[str]) -> list[EffortChange]:
    """Effort as-is → to-be of every to-be journey of ``head`` that is, or whose as-is
    journey is, among ``journeys`` (those the diff changed): whole, then per stage."""
    out: list[EffortChange] = []
    currency = head.workspace.settings.currency
    for doc in head.index.docs("journey"):
        to_be = doc.entity
        if not isinstance(to_be, Journey) or to_be.state != "to-be" or not to_be.based_on:
            continue
        as_is = head.index.entity("journey", to_be.based_on)
        if not isinstance(as_is, Journey) or not {to_be.id, as_is.id} & journeys:
            continue
        for row in effort_rows(compare_journeys(as_is, to_be), currency):
            if row.empty:
                continue
            before, after = totals_json(row.before), totals_json(row.after)
            measures = tuple(row.changes())
            out.append(
                EffortChange(
                    to_be.id,
                    as_is.id,
                    row.stage,
                    before,
                    after,
                    effort_text(row),
                    measures,
                    row.title,
                )
            )
    return out
