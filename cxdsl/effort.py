"""What a run of steps costs the customer, added up: one answer for the journey page, the
comparison page and ``cxdsl diff``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Step

#: The additive measures of ``Effort``, in the order they are shown.
MEASURES = ("minutes", "wait_minutes", "visits", "documents", "walking_metres")


@dataclass(frozen=True)
class EffortTotals:
    """Sums over steps; a measure no step states is None (unknown), not zero."""

    minutes: float | None = None
    wait_minutes: float | None = None
    visits: float | None = None
    documents: float | None = None
    walking_metres: float | None = None
    #: Cost per currency code ("" when neither the step nor the workspace names one).
    cost: dict[str, float] = field(default_factory=dict)
    #: How many of the steps state any effort at all.
    steps_with_effort: int = 0

    def value(self, measure: str) -> float | None:
        """One additive measure by name (``minutes``, ``wait_minutes``, ...)."""
        found: float | None = getattr(self, measure)
        return found

    @property
    def total_minutes(self) -> float | None:
        """Active and waiting minutes together (None when neither is stated)."""
        if self.minutes is None and self.wait_minutes is None:
            return None
        return (self.minutes or 0) + (self.wait_minutes or 0)

    @property
    def empty(self) -> bool:
        return self.steps_with_effort == 0


def effort_totals(steps: Iterable[Step], default_currency: str | None = None) -> EffortTotals:
    """The effort of ``steps`` added up, per measure, and cost per currency."""
    sums: dict[str, float] = {}
    cost: dict[str, float] = defaultdict(float)
    counted = 0
    for step in steps:
        effort = step.effort
        if effort is None:
            continue
        counted += 1
        for measure in MEASURES:
            value = getattr(effort, measure)
            if value is not None:
                sums[measure] = sums.get(measure, 0) + value
        if effort.cost is not None:
            cost[effort.currency or default_currency or ""] += effort.cost
    return EffortTotals(
        minutes=sums.get("minutes"),
        wait_minutes=sums.get("wait_minutes"),
        visits=sums.get("visits"),
        documents=sums.get("documents"),
        walking_metres=sums.get("walking_metres"),
        cost=dict(cost),
        steps_with_effort=counted,
    )
