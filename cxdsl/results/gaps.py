"""What the plan expected and the data do not give: periods without data (CX311) and
periods with fewer responses than the plan requires (CX312), at the plan entry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import codes
from ..diagnostics import Issue
from .figures import Figure
from .periods import first_month, months_between, period_of

if TYPE_CHECKING:
    from .engine import Run


def gap_issues(run: Run, figures: Sequence[Figure]) -> list[Issue]:
    """CX311 and CX312 for every plan item with data."""
    overall: dict[tuple[str, str, str | None], list[Figure]] = defaultdict(list)
    for f in figures:
        if f.statistic in (None, "median") and (
            f.cell.breakdown is None or f.cell.breakdown == "stage"
        ):
            overall[(f.metric, f.cell.journey or "", f.cell.stage)].append(f)
    out: list[Issue] = []
    seen: set[int] = set()
    for item in run.items:
        found = overall.get((item.metric.id, item.journey.id, item.stage), [])
        if not found or item.entry is None:
            continue
        span = run.rules.span(item.entry, (), item.document)
        if id(item.entry) not in seen:
            seen.add(id(item.entry))
            out += [
                Issue(
                    codes.CX311_PERIOD_WITHOUT_DATA,
                    f"'{item.metric.id}' has no data for {period}, between periods that do",
                    span,
                )
                for period in _missing(found, item.period_kind)
            ]
        out += [
            Issue(
                codes.CX312_FEWER_RESPONSES,
                f"'{item.metric.id}'{_at(item.stage)} has {f.n} responses in {f.cell.period}, "
                f"fewer than the {item.required} the plan requires",
                run.rules.span(
                    item.entry, ("sample_size",) if item.entry.sample_size else (), item.document
                ),
                "its figure is marked underpowered",
            )
            for f in found
            if f.status == "underpowered"
        ]
    return out


def _at(stage: str | None) -> str:
    return f" at stage '{stage}'" if stage else ""


def _missing(found: Sequence[Figure], kind: str) -> list[str]:
    if kind not in ("month", "quarter", "year"):
        return []
    periods = {f.cell.period for f in found}
    months = sorted(m for m in (first_month(p) for p in periods) if m is not None)
    if not months:
        return []
    expected = {period_of(m, kind) for m in months_between(months[0], months[-1])}  # type: ignore[arg-type]
    return sorted(expected - periods)
