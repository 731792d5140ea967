"""Composite indices: a declared weighted mean of criteria, measured in the same cell
(journey, period, stage), with the interval propagated (``intervals.composite``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from . import intervals
from .compute import Context
from .figures import Cell, Estimate, Figure
from .plan import PlanItem


def index_figures(
    items: Sequence[PlanItem], figures: Sequence[Figure], ctx: Context
) -> list[Figure]:
    """A figure per cell where every component of an index metric has an estimate."""
    by_metric: dict[str, dict[Cell, Figure]] = defaultdict(dict)
    for f in figures:
        if f.statistic is None:
            by_metric[f.metric][f.cell] = f
    out: list[Figure] = []
    for item in items:
        parts = item.metric.components
        if item.metric.type != "index" or not parts:
            continue
        first = by_metric.get(parts[0].metric, {})
        for cell in first:
            if cell.journey != item.journey.id or cell.breakdown not in (None, "stage"):
                continue
            if item.stage is not None and cell.stage != item.stage:
                continue
            found: list[tuple[float, Estimate]] = []
            n = 0
            provisional = False
            for part in parts:
                figure = by_metric.get(part.metric, {}).get(cell)
                if figure is None or figure.estimate is None:
                    break
                found.append((part.weight, figure.estimate))
                n = max(n, figure.n)
                provisional = provisional or figure.provisional
            else:
                estimate = intervals.composite(found)
                status = intervals.status(
                    estimate,
                    target=item.target,
                    higher_is_better=item.higher_is_better,
                    n=n,
                    required=item.required,
                    min_cell=ctx.min_cell,
                )
                out.append(
                    Figure(item.metric.id, cell, n, estimate, item.target, status, provisional)
                )
    return out
