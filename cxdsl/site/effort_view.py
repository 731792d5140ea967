"""What steps cost the customer, on the journey page: each step's effort cell and the
totals per stage and for the journey (from :func:`cxdsl.effort.effort_totals`, the one
answer the comparison page and ``cxdsl diff`` use too)."""

from __future__ import annotations

from ..effort import EffortTotals, effort_totals
from ..model import Effort, Journey
from .content import PageContext

#: (measure, column title key, counted noun) in the order shown.
COLUMNS = (
    ("minutes", "active_time", "minute"),
    ("wait_minutes", "waiting_time", "minute"),
    ("visits", "visits_title", "visit"),
    ("documents", "documents_title", "document"),
    ("walking_metres", "walking", "metre"),
)


def costs_text(pc: PageContext, costs: dict[str, float]) -> str:
    """Amounts by currency, each as the page's locale writes money («1,500 ر.س. + 20 US$»,
    "SAR 1,500"); a cost naming no currency, with none set for the workspace, shows the
    amount alone."""
    return " + ".join(pc.w.money(amount, code or None) for code, amount in costs.items())


def _measure(pc: PageContext, measure: str, value: float | None) -> str:
    """One measure's amount with its noun («240 دقيقة», "3 visits"), "" when unknown."""
    if value is None:
        return ""
    noun = next(noun for name, _, noun in COLUMNS if name == measure)
    return pc.w.count(value, noun)


#: How a step's cell names a measure, when its noun alone does not say it.
CELL_KEYS = {
    "minutes": "effort_active_cell",
    "wait_minutes": "effort_waiting_cell",
    "walking_metres": "effort_walking_cell",
}


def effort_cell(pc: PageContext, effort: Effort | None) -> str:
    """A step's effort, one line per measure it states ("150 minutes active", "240 minutes
    waiting", "1 visit", "3 documents", "850 metres on foot", "1,500 SAR"); cost in its
    currency (the step's, else the workspace's ``currency``)."""
    if effort is None:
        return ""
    t = pc.w.t
    parts = []
    for measure, _, _ in COLUMNS:
        shown = _measure(pc, measure, getattr(effort, measure))
        if shown and measure in CELL_KEYS:
            shown = t(CELL_KEYS[measure]).format(amount=shown)
        if shown:
            parts.append(shown)
    if effort.cost is not None:
        currency = effort.currency or pc.result.workspace.settings.currency or ""
        parts.append(costs_text(pc, {currency: effort.cost}))
    return "<br>".join(parts)


def _row(
    pc: PageContext, label: str, totals: EffortTotals, shown: list[str], cost: bool
) -> list[str]:
    cells = [label]
    cells += [_measure(pc, measure, totals.value(measure)) for measure in shown]
    return [*cells, costs_text(pc, totals.cost)] if cost else cells


def effort_totals_table(pc: PageContext, journey: Journey) -> str:
    """Effort added up per stage and for the whole journey, as a small table (only the
    measures some step states); "" when no step states any effort."""
    currency = pc.result.workspace.settings.currency
    whole = effort_totals(journey.steps(), currency)
    if whole.empty:
        return ""
    w, t = pc.w, pc.w.t
    shown = [measure for measure, _, _ in COLUMNS if whole.value(measure) is not None]
    titles = [title for measure, title, _ in COLUMNS if measure in shown]
    rows = []
    for stage in journey.stages:
        totals = effort_totals(stage.steps, currency)
        if not totals.empty:
            rows.append(_row(pc, w.inline(stage.title), totals, shown, bool(whole.cost)))
    rows.append(_row(pc, f"**{t('whole_journey')}**", whole, shown, bool(whole.cost)))
    headers = [t("stage"), *(t(title) for title in titles)]
    return w.table(headers + ([t("cost_title")] if whole.cost else []), rows)
