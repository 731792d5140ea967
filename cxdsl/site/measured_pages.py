"""The Measured section of a journey's page: metric cards with their trends, the criteria ×
stages matrix, and the charts of what was measured per step (emotion over the designed
curve, funnel, expected against perceived, whether emotions explain drop-off).

Nothing here when the workspace has no results for the journey (its page stays as it
was); where a metric has none, the card says so. Every status reads without colour (a
symbol and a word), a suppressed figure shows why and never its value, a provisional one
is marked. Each chart (:mod:`cxdsl.render.results_charts`) is written beside the
journey's diagrams and its figures are in a table beside it.
"""

from __future__ import annotations

from ..model import Journey, Metric, Segment
from ..render.chart_parts import status_text
from ..results.figures import Figure, Status
from .content import PageContext
from .measured_figures import (
    JourneyResults,
    Series,
    change_md,
    earlier_periods,
    figure_headers,
    figure_row,
    formula,
    indent,
    journey_level,
    journey_results,
    metric_of,
    ordered_periods,
    period_table,
    series_md,
    series_of,
    series_text,
    statistic_label,
    status_md,
    trend_chart,
)
from .measured_steps import step_sections


def measured_section(pc: PageContext, journey: Journey, here: str) -> str:
    """The Measured section of a journey's page ("" when nothing was measured for it)."""
    data = journey_results(pc, journey.id)
    if data is None or data.empty:
        return ""
    w, t = pc.w, pc.w.t
    out = [f"\n## {t('measured')} {{#measured}}\n", f"{w.plain(t('measured_intro'))}\n"]
    out.append(_cards(pc, journey, data, here))
    out.append(_matrix(pc, journey, data, here))
    out += step_sections(pc, journey, data, here)
    return "\n".join(part for part in out if part)


def _card_series(journey: Journey, data: JourneyResults) -> list[Series]:
    """The series shown as cards: the journey's plan (entries not per stage; each
    statistic measured), then anything else measured for the whole journey."""
    measured = [series_of(f) for f in data.figures if f.cell.breakdown is None]
    out: list[Series] = []
    for entry in journey.measurement_plan:
        if not entry.stages:
            out += [s for s in measured if s[0] == entry.metric] or [(entry.metric, None)]
    return list(dict.fromkeys(out + measured))


def _cards(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> str:
    """A card per series: latest value, interval, target, status, change and trend; the
    figures of every period in a table below (collapsed)."""
    w, t = pc.w, pc.w.t
    every = _card_series(journey, data)
    if not every:
        return ""
    out = [f"### {t('measured_metrics')}\n", '<div class="cx-results" markdown>']
    tables = []
    for series in every:
        figures = journey_level(data.figures, series)
        out.append(_card(pc, journey, series, figures, data, here))
        if figures:
            name = w.plain(series_text(pc, metric_of(pc, series[0]), series))
            table = period_table(pc, metric_of(pc, series[0]), figures, data.periods)
            tables.append(f"**{name}**\n\n{table}")
    out.append("</div>\n")
    if tables:
        out.append(f'??? info "{t("values_by_period")}"\n\n' + indent("\n".join(tables)))
    return "\n".join(out)


def _card(
    pc: PageContext,
    journey: Journey,
    series: Series,
    figures: list[Figure],
    data: JourneyResults,
    here: str,
) -> str:
    w, t = pc.w, pc.w.t
    name = series_md(pc, series, here)
    if not figures:
        return f'<div class="cx-result" markdown>\n**{name}**<br>\n{status_md(pc, None)}\n</div>'
    periods = [p for p in data.periods if any(f.cell.period == p for f in figures)]
    latest = next(f for f in figures if f.cell.period == periods[-1])
    value, ci, _, target, status = figure_row(pc, latest, metric_of(pc, series[0]))
    k = len(periods) - 1
    n = formula(pc, f"n = {latest.n:,}") if latest.n and latest.status != "suppressed" else ""
    lines = [
        f"**{name}**",
        f'<span class="cx-figure">{value or "—"}</span>',
        " · ".join(x for x in (f"{t('interval_95')}: {ci}" if ci else "", n) if x),
        (f"{t('target')}: {target} · " if target else "") + status,
        change_md(pc, latest, periods[k - 1] if k > 0 else None),
        f"<small>{w.period(latest.cell.period)}</small>",
    ]
    body = "<br>\n".join(line for line in lines if line)
    chart = trend_chart(pc, journey, series, data, here)
    return f'<div class="cx-result cx-result-{latest.status}" markdown>\n{body}\n\n{chart}</div>'


def _matrix(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> str:
    """Criteria × stages (figures per stage, and plan entries measured at several stages):
    the latest period, then the others (collapsed), newest first."""
    w, t = pc.w, pc.w.t
    staged = [f for f in data.figures if f.cell.breakdown == "stage"]
    planned: list[Series] = [(m.metric, None) for m in journey.measurement_plan if m.stages]
    every = list(dict.fromkeys(planned + [series_of(f) for f in staged]))
    if not every:
        return ""
    periods = [p for p in data.periods if any(f.cell.period == p for f in staged)]
    unmeasured = [x for x in every if not any(series_of(f) == x for f in staged)]
    tables = []
    for k, period in enumerate(reversed(periods or data.periods[-1:])):
        cells = [f for f in staged if f.cell.period == period]
        # Each period's series (cadences differ); the latest also says what has no data.
        rows = [x for x in every if any(series_of(f) == x for f in cells)]
        rows += unmeasured if k == 0 else []
        tables.append((period, _matrix_table(pc, journey, rows, cells, here)))
    (latest, table), *earlier = tables
    return (
        f"### {t('indicator_matrix')}\n\n**{w.period(latest)}** ({t('latest')})\n\n{table}\n"
        + earlier_periods(pc, earlier)
    )


def _matrix_table(
    pc: PageContext, journey: Journey, every: list[Series], figures: list[Figure], here: str
) -> str:
    """Rows: series; columns: the journey's stages; each cell value, interval, status."""
    w = pc.w
    cells = {(series_of(f), f.cell.stage): f for f in figures}
    headers = [w.t("metric"), *(w.inline(stage.title) for stage in journey.stages)]
    rows = []
    for series in every:
        row = [series_md(pc, series, here)]
        for stage in journey.stages:
            figure = cells.get((series, stage.id))
            value, ci, _, _, status = figure_row(pc, figure, metric_of(pc, series[0]))
            small = f"<small>{ci}</small>" if ci else ""
            row.append("<br>".join(x for x in (value, small, status) if x))
        rows.append(row)
    return w.table(headers, rows)


def metric_block(pc: PageContext, metric: Metric, here: str) -> str:
    """A metric's measured figures and trend in every journey ("" without results)."""
    if pc.result.results is None:
        return ""
    w, t = pc.w, pc.w.t
    out = [f"\n**{t('measured')}**\n"]
    for journey in pc.journeys():
        data = journey_results(pc, journey.id)
        if data is None:
            continue
        every = [s for s in _card_series(journey, data) if s[0] == metric.id]
        for series in every:
            figures = journey_level(data.figures, series)
            if not figures:
                continue
            label = w.entity_link("journey", journey.id, here)
            if series[1]:
                label += f" ({w.plain(statistic_label(pc, series[1]))})"
            out.append(f"\n{label}\n")
            out.append(trend_chart(pc, journey, series, data, here))
            out.append(period_table(pc, metric, figures, data.periods))
        out += _by_stage(pc, journey, metric, data, here)
    if len(out) == 1:
        out.append(f"{status_md(pc, None)}\n")
    return "\n".join(out)


def _by_stage(
    pc: PageContext, journey: Journey, metric: Metric, data: JourneyResults, here: str
) -> list[str]:
    """A metric's figures per stage of one journey (the matrix's cells of its rows),
    newest period first, each period's stages in the journey's order."""
    w, t = pc.w, pc.w.t
    staged = [f for f in data.figures if f.metric == metric.id and f.cell.breakdown == "stage"]
    titles = {stage.id: w.inline(stage.title) for stage in journey.stages}
    order = {ident: k for k, ident in enumerate(titles)}
    out = []
    for series in dict.fromkeys(series_of(f) for f in staged):
        figures = [f for f in staged if series_of(f) == series]
        figures.sort(key=lambda f: order.get(f.cell.stage or "", len(order)))
        rows = [
            [
                w.period(p),
                titles.get(f.cell.stage or "", w.plain(f.cell.stage or "")),
                *figure_row(pc, f, metric),
            ]
            for p in reversed(data.periods)
            for f in figures
            if f.cell.period == p
        ]
        label = w.entity_link("journey", journey.id, here)
        if series[1]:
            label += f" ({w.plain(statistic_label(pc, series[1]))})"
        label += f" ({w.plain(t('each_stage'))})"
        out += [f"\n{label}\n", w.table([t("period"), t("stage"), *figure_headers(pc)], rows)]
    return out


#: What the home page lists as needing attention, in this order.
ATTENTION: tuple[Status, ...] = ("not_met", "underpowered")


def latest_figures(pc: PageContext) -> list[Figure]:
    """The newest figure of every metric in every cell (journey, breakdown)."""
    results = pc.result.results
    if results is None:
        return []
    periods = ordered_periods(results, [f.cell.period for f in results.figures])
    rank = {period: i for i, period in enumerate(periods)}
    latest: dict[tuple[object, ...], Figure] = {}
    for figure in sorted(results.figures, key=lambda f: rank[f.cell.period]):
        c = figure.cell
        where = (c.journey, c.step, c.stage, c.segment, c.channel, c.persona)
        latest[(series_of(figure), where)] = figure
    return list(latest.values())


def attention_list(pc: PageContext, here: str, *, heading: bool = True) -> str:
    """The list of figures off target and underpowered in their latest period ("" without
    results); under its own "Needs attention" heading unless ``heading`` is False (for a
    page that gives it a heading of its own)."""
    if pc.result.results is None:
        return ""
    w, t = pc.w, pc.w.t
    latest = latest_figures(pc)
    out = [f"\n## {t('needs_attention')}\n"] if heading else []
    headers = [t("metric"), t("journey"), t("where"), t("period"), *figure_headers(pc)]
    for status in ATTENTION:
        found = sorted(
            (f for f in latest if f.status == status),
            key=lambda f: (f.cell.journey or "", f.metric, f.statistic or ""),
        )
        whole = [_attention_row(pc, f, here) for f in found if f.cell.breakdown is None]
        parts = [_attention_row(pc, f, here) for f in found if f.cell.breakdown is not None]
        out.append(f"\n### {w.plain(status_text(status, w.lang))}\n")
        if not found:
            out.append(f"*{t('nothing_' + status)}*\n")
            continue
        if whole:
            out.append(w.table(headers, whole))
        if parts:  # by stage, step, segment, channel or persona: collapsed, they are many
            title = f"{t('breakdowns')} ({len(parts)})"
            out.append(f'??? note "{title}"\n\n{indent(w.table(headers, parts))}')
    return "\n".join(out)


def _attention_row(pc: PageContext, figure: Figure, here: str) -> list[str]:
    w = pc.w
    journey = figure.cell.journey
    return [
        series_md(pc, series_of(figure), here),
        w.entity_link("journey", journey, here) if journey else "",
        where_md(pc, figure),
        w.period(figure.cell.period),
        *figure_row(pc, figure, metric_of(pc, figure.metric)),
    ]


def where_md(pc: PageContext, figure: Figure) -> str:
    """The breakdown a figure applies to, named (``Stage: Apply``); "" for a journey."""
    c = figure.cell
    breakdown = c.breakdown
    if breakdown is None:
        return ""
    ident = getattr(c, breakdown)
    journey = pc.result.index.entity("journey", c.journey) if c.journey else None
    name = (
        pc.ctx.name_of(breakdown, ident) if breakdown in ("segment", "channel", "persona") else ""
    )
    if isinstance(journey, Journey) and breakdown in ("stage", "step"):
        parts = journey.stages if breakdown == "stage" else journey.steps()
        match = next((p for p in parts if p.id == ident), None)
        name = pc.ctx.text(match.title) if match is not None else name
    return pc.w.plain(f"{pc.w.t(breakdown)}: {name or ident}")


def measured_volume(pc: PageContext, segment: Segment) -> str:
    """The customer tree's measured volume of a segment ("" without results)."""
    results = pc.result.results
    if results is None:
        return ""
    volume = results.volumes.get(segment.id)
    if volume is None:
        fewer = pc.w.t("volume_not_shown").format(n=pc.ctx.settings.min_cell_size)
        return pc.w.plain(f"{status_text('no_data', pc.lang)} ({fewer})")
    return pc.w.plain(f"{volume:,}")
