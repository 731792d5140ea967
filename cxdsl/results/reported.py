"""Reported figures: a period's value and n from a vendor report, a mystery-shopper round
or a national programme's publication, taken as reported. Where the report gives no
interval, one is derived where the metric allows (Wilson for a proportion; for NPS the
widest variance its value admits), else the figure carries its value alone."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .. import codes
from ..diagnostics import Issue, Span
from ..model import Metric
from . import intervals
from .figures import Cell, Estimate, Figure
from .periods import first_month, is_period, month_key
from .tables import DataTable, missing_column

if TYPE_CHECKING:
    from .engine import Run

_PROPORTIONS = frozenset({"csat", "completion_rate", "drop_off", "first_contact_resolution"})
#: What a reported value of each type can be.
_RANGES: dict[str, tuple[float, float]] = {
    **{kind: (0.0, 100.0) for kind in _PROPORTIONS},
    "nps": (-100.0, 100.0),
    "time_to_complete": (0.0, math.inf),
}


def reported_figures(run: Run, data: DataTable) -> list[Figure]:
    """One figure per row of a reported-figures dataset."""
    needed = ["period", "value", "n"] + ([] if data.dataset.metric else ["metric"])
    missing = [name for name in needed if not data.has(name)]
    for name in missing:
        run.issues.append(missing_column(data, name, f"the reported {name}"))
    if missing:
        return []
    from .aggregate import reported_rows

    out = []
    seen: dict[tuple[str, Cell], int] = {}
    for number, row in enumerate(reported_rows(data), start=1):
        figure = _figure(run, data, row, number)
        if figure is None:
            continue
        where = int(row.get("__row", number))
        first = seen.setdefault((figure.metric, figure.cell), where)
        if first != where:
            run.issues.append(
                Issue(
                    codes.CX307_DUPLICATE_RESPONSE,
                    f"'{figure.metric}' is reported twice for {figure.cell.period} "
                    f"(first at row {first}); the first is kept",
                    _span(data, where, "period"),
                )
            )
            continue
        out.append(figure)
    return out


def _row_problem(
    run: Run, metric: Metric, value: float, n: float, row: dict[str, Any]
) -> str | None:
    """Why a reported row cannot stand, or None."""
    low, high = _RANGES.get(metric.type, (-math.inf, math.inf))
    if not low <= value <= high:
        return f"value {value:g} is outside {low:g}..{high:g} for a {metric.type} metric"
    if n != int(n):
        return f"n {n:g} is not a whole number of responses"
    known = run.context.known
    for name in ("journey", "step", "stage", "segment"):
        ident = _text(row.get(name))
        if ident is not None and name in known and ident not in known[name]:
            return f"{name} {ident!r} is not a {name} id of the model"
    period = _text(row.get("period")) or ""
    start = first_month(period)
    if start is not None and start > month_key(run.now):
        return f"period {period} has not begun yet"
    return None


def _refused(run: Run, data: DataTable, row: dict[str, Any], where: int) -> Issue | None:
    """Why a reported row is left out (unreadable metric, value or n; an impossible value;
    a period that is not one), located at its cell; None when it stands."""
    metric_id = data.dataset.metric or _text(row.get("metric"))
    metric = run.rules.index.entity("metric", metric_id) if metric_id else None
    value, n = _float(row.get("value")), _float(row.get("n"))
    if not isinstance(metric, Metric) or value is None or n is None or n < 0:
        what = "metric" if not isinstance(metric, Metric) else "value" if value is None else "n"
        code = codes.CX306_UNKNOWN_ID_IN_ROW if what == "metric" else codes.CX305_VALUE_OUT_OF_SCALE
        message = f"reported {what} {_text(row.get(what))!r} cannot be read"
        return Issue(code, message, _span(data, where, what))
    problem = _row_problem(run, metric, value, n, row)
    if problem is not None:
        return Issue(
            codes.CX305_VALUE_OUT_OF_SCALE, f"reported row: {problem}", _span(data, where, "value")
        )
    period = _text(row.get("period")) or ""
    if not is_period(period, run.rules.settings.seasons):
        return Issue(
            codes.CX308_TIMESTAMP,
            f"reported period {period!r} is not a period",
            _span(data, where, "period"),
            "write 2026, 2026-03, 2026-Q1 or the id of a season declared in cxdsl.yaml",
        )
    return None


def _figure(run: Run, data: DataTable, row: dict[str, Any], number: int) -> Figure | None:
    refused = _refused(run, data, row, int(row.get("__row", number)))
    if refused is not None:
        run.issues.append(refused)
        return None
    metric = run.rules.index.entity("metric", data.dataset.metric or _text(row.get("metric")))
    value, n = _float(row.get("value")), _float(row.get("n"))
    assert isinstance(metric, Metric) and value is not None and n is not None
    journey = data.dataset.journey or _text(row.get("journey"))
    period = _text(row.get("period")) or ""
    cell = Cell(
        journey,
        period,
        step=_text(row.get("step")),
        stage=_text(row.get("stage")),
        segment=_text(row.get("segment")),
    )
    estimate = _estimate(metric, value, int(n), row)
    item = next(
        (i for i in run.items if i.metric.id == metric.id and i.journey.id == journey), None
    )
    target = item.target if item else metric.target
    status = intervals.status(
        estimate,
        target=target,
        higher_is_better=metric.direction == "higher_is_better",
        n=int(n),
        required=item.required if item and cell.breakdown is None else None,
        min_cell=run.context.min_cell,
    )
    shown = estimate if int(n) >= run.context.min_cell else None
    return Figure(metric.id, cell, int(n), shown, target, status)


def _estimate(metric: Metric, value: float, n: int, row: dict[str, Any]) -> Estimate:
    low, high = _float(row.get("ci_low")), _float(row.get("ci_high"))
    if low is not None and high is not None:
        return Estimate(value, min(low, value), max(high, value), n, "reported")
    if metric.type in _PROPORTIONS and 0 <= value <= 100 and n > 0:
        found = intervals.proportion(round(value * n / 100), n)
        if found is not None:
            return Estimate(value, min(found.ci_low, value), max(found.ci_high, value), n, "wilson")
    if metric.type == "nps" and -100 <= value <= 100 and n > 0:
        half = 1.959963984540054 * 100 * math.sqrt(max(1 - (value / 100) ** 2, 0) / n)
        return Estimate(value, max(value - half, -100), min(value + half, 100), n, "nps")
    return Estimate(value, value, value, n, "reported")


def _span(data: DataTable, row: int, column: str) -> Span:
    """Where a reported row's cell is: its line and column in a file, else its row."""
    if data.locate is not None:
        return data.locate(row, data.source_names.get(column, column))
    return Span(file=data.label, record=f"row {row}, column {column}")


def _float(raw: object) -> float | None:
    try:
        number = float(str(raw)) if raw is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _text(raw: object) -> str | None:
    return None if raw is None or str(raw) == "" else str(raw)
