"""Analytics events: one row per event. Cases are reduced on the engine to the steps they
reached, whether they completed and how long it took; completion, drop-off, time to
complete and the funnel come from those counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import Issue
from ..model import Instrument, Journey
from ..rules.cx219_dataset_declaration import DatasetDeclaration
from .aggregate import cases
from .compute import case_figures, funnel
from .figures import Figure
from .plan import PlanItem
from .questions import EVENT_TYPES
from .tables import DataTable, missing_column
from .validate import timestamp_counts_issues

if TYPE_CHECKING:
    from .engine import Run

_NEEDED = {
    "case": "the case or session id",
    "event": "the event's name",
    "submitted_at": "the event's timestamp",
}


def step_events(journey: Journey, mapping: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The journey's steps that events mark, in journey order, with their event names."""
    out = []
    for step in journey.steps():
        names = sorted(event for event, target in mapping.items() if target == step.id)
        if names:
            out.append((step.id, names))
    return out


def read(
    run: Run,
    data: DataTable,
    instrument: Instrument | None,
    items: Sequence[PlanItem],
    default_journey: str | None,
) -> list[Figure]:
    """Figures of the event metrics fed by this dataset; funnels into the run."""
    missing = [name for name in _NEEDED if not data.has(name)]
    for name in missing:
        run.issues.append(missing_column(data, name, _NEEDED[name]))
    if missing:
        return []
    mapping = {**(instrument.events if instrument else {}), **data.dataset.events}
    end_event = data.dataset.end_event or (instrument.event if instrument else None)
    if end_event is None and any(i.metric.type in EVENT_TYPES for i in items):
        run.issues.append(
            Issue(
                DatasetDeclaration.code,
                f"dataset '{data.dataset.id}' names no end event (`end_event`, or its "
                "instrument's `event`): no case can complete, so completion, drop-off and "
                "time to complete are not computed",
                run.rules.span(data.dataset, ("instrument",) if data.dataset.instrument else ()),
            )
        )
    journey = _journey(run, default_journey, items)
    steps = step_events(journey, mapping) if journey else []
    groups, durations, problems = cases(
        data, steps, end_event, run.engine, run.rules.settings.seasons, run.now
    )
    states = Counter({"bad": problems["unreadable"], "future": problems["future"]})
    run.issues.extend(timestamp_counts_issues(data, run.engine, states, run.now))
    if journey is not None and len(steps) >= 2:  # a funnel needs two steps
        kinds = {i.period_kind for i in items} or {"quarter"}
        kind = "month" if "month" in kinds else sorted(kinds)[0]
        run.results.funnels.extend(
            funnel(
                data.dataset.id,
                journey.id,
                [s for s, _ in steps],
                groups,
                default_journey,
                kind,
                run.context,
            )
        )
    figures: list[Figure] = []
    for item in items:
        if item.metric.type in EVENT_TYPES:
            found = case_figures(item, groups, durations, default_journey, run.context)
            figures += _still_open(found)
    return figures


def _still_open(figures: list[Figure]) -> list[Figure]:
    """The latest period's figures marked provisional: cases started late in it may not
    have completed yet when the data were exported (censored), so its completion is
    biased down and its time to complete biased short until the next export."""
    if not figures:
        return figures
    latest = max(f.cell.period for f in figures)
    return [replace(f, provisional=True) if f.cell.period == latest else f for f in figures]


def _journey(run: Run, default: str | None, items: Sequence[PlanItem]) -> Journey | None:
    ident = default or next((i.journey.id for i in items), None)
    found = run.rules.index.entity("journey", ident) if ident else None
    return found if isinstance(found, Journey) else None
