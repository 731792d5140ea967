"""How a measured figure reads on a page: its value with the metric's unit, the 95 %
interval, its status as a symbol and a word (why, when suppressed; marked when
provisional), the change since the previous period, and the charts registered as files
beside the journey's diagrams. Shared by the Measured section, the metric pages and the
home page; every model or data text goes through the page writer (escaped, isolated).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from string import Formatter

from ..i18n import clause_separator, has_string, period_label
from ..i18n import with_unit as unit_text
from ..model import Journey, Metric, Step
from ..paths import anchor_id
from ..render import results_charts as charts
from ..render.chart_parts import PROVISIONAL_SYMBOL, interval, number, signed_number
from ..render.chart_parts import status_text as chart_status
from ..results.figures import Association, Figure, FunnelStep, Results, StepReading
from .content import PageContext, chart_alt
from .diagram_embed import figure as figure_md
from .markdown import escape_markdown, relative


@dataclass
class JourneyResults:
    """What was measured for one journey."""

    periods: list[str]
    figures: list[Figure] = field(default_factory=list)
    readings: list[StepReading] = field(default_factory=list)
    funnels: list[FunnelStep] = field(default_factory=list)
    association: Association | None = None

    @property
    def empty(self) -> bool:
        return not (self.figures or self.readings or self.funnels or self.association)

    def reading(self, measure: str) -> dict[str, StepReading]:
        """The readings of one measure, by step id."""
        return {r.step: r for r in self.readings if r.measure == measure}


def ordered_periods(results: Results, seen: Iterable[str]) -> list[str]:
    """``seen`` in the results' period order (oldest first); unlisted ones after, sorted."""
    wanted = set(seen)
    known = [p for p in results.periods if p in wanted]
    return known + sorted(wanted - set(known))


def journey_results(pc: PageContext, journey: str) -> JourneyResults | None:
    """Everything the workspace's results hold for ``journey`` (None without results);
    grouped by journey once per site, so pages cost what their journey holds."""
    results = pc.result.results
    if results is None:
        return None
    if pc.by_journey is None:
        pc.by_journey = _by_journey(results)
    return pc.by_journey.get(journey) or JourneyResults([])


def _by_journey(results: Results) -> dict[str, JourneyResults]:
    groups: dict[str, JourneyResults] = defaultdict(lambda: JourneyResults([]))
    for f in results.figures:
        if f.cell.journey is not None:
            groups[f.cell.journey].figures.append(f)
    for r in results.readings:
        groups[r.journey].readings.append(r)
    for step in results.funnels:
        groups[step.journey].funnels.append(step)
    for a in results.associations:
        groups[a.journey].association = groups[a.journey].association or a
    for data in groups.values():
        seen = [f.cell.period for f in data.figures] + [f.period for f in data.funnels]
        data.periods = ordered_periods(results, seen)
    return dict(groups)


def status_md(pc: PageContext, figure: Figure | None) -> str:
    """A figure's status as Markdown: symbol and word, why when suppressed, provisional."""
    w, t = pc.w, pc.w.t
    status = figure.status if figure is not None else "no_data"
    text = f'<span class="cx-status cx-status-{status}">{w.plain(chart_status(status, w.lang))}'
    if status == "suppressed":
        fewer = t("suppressed_fewer").format(n=pc.ctx.settings.min_cell_size)
        text += f" <small>({w.plain(fewer)})</small>"
    text += "</span>"
    if figure is not None and figure.provisional:
        text += (
            f' <span class="cx-provisional" title="{t("provisional_help")}">'
            f"{PROVISIONAL_SYMBOL} {t('provisional')}</span>"
        )
    return text


def value_md(pc: PageContext, figure: Figure | None, unit: str | None) -> tuple[str, str]:
    """(value with its unit, 95 % interval) as Markdown; empty when nothing may be shown."""
    estimate = charts.shown(figure)
    if estimate is None:
        return "", ""
    shown = with_unit(pc, estimate.value, unit)
    return pc.w.nowrap(pc.w.plain(shown)), pc.w.nowrap(pc.w.plain(interval(estimate)))


def with_unit(pc: PageContext, value: float, unit: str | None) -> str:
    """A value and the metric's unit in the page's language: ``78.4%``, «12 يومًا» ("12
    days"), ``5.6 (1-7)`` (a scale)."""
    return unit_text(number(value), unit, pc.lang)


def period_text(pc: PageContext, period: str) -> str:
    """A period in words, as plain text («الربع الثالث 2026», "March 2026", a season's
    name): the page writer's :meth:`~cxdsl.site.markdown.Writer.period` without Markdown."""
    seasons = {s.id: pc.ctx.text(s.name) for s in pc.ctx.settings.seasons}
    return period_label(period, pc.lang, seasons)


def change_md(pc: PageContext, figure: Figure, previous: str | None) -> str:
    """The change since the previous period, and whether it is larger than the noise."""
    if figure.change is None or previous is None or charts.shown(figure) is None:
        return ""
    t = pc.w.t
    since = period_text(pc, previous)
    text = t("change_since").format(change=signed_number(figure.change), period=since)
    if figure.change_significant is not None:
        key = "change_significant" if figure.change_significant else "change_not_significant"
        text += f" ({t(key)})"
    return pc.w.plain(text)


def figure_row(pc: PageContext, figure: Figure | None, metric: Metric | None) -> list[str]:
    """Value, interval, n, target, status: the columns every table of figures shares."""
    unit = metric.unit if metric else None
    value, ci = value_md(pc, figure, unit)
    target = figure.target if figure else None
    return [
        value,
        ci,
        pc.w.plain(f"{figure.n:,}")
        if figure is not None and figure.n and figure.status != "suppressed"
        else "",
        pc.w.plain(with_unit(pc, target, unit)) if target is not None else "",
        status_md(pc, figure),
    ]


def figure_headers(pc: PageContext) -> list[str]:
    t = pc.w.t
    return [t("value"), t("interval_95"), t("n_header"), t("target"), t("status")]


def chart_md(pc: PageContext, name: str, svg: str, title: str, here: str) -> str:
    """Register a chart file (``diagrams/<name>.svg``) and show it with its caption."""
    path = f"diagrams/{name}.svg"
    pc.charts[path] = svg
    src = relative(here, path)
    caption = pc.w.plain(title)
    alt = chart_alt(svg, title)  # what it shows (its <desc>), not the caption again
    return figure_md(src, alt, caption, escape_markdown(pc.w.t("open_full_size")), svg)


#: One line of figures: a metric, and which statistic of it (``median``, ``p90``) or None.
Series = tuple[str, str | None]


def series_of(figure: Figure) -> Series:
    return (figure.metric, figure.statistic)


def statistic_label(pc: PageContext, statistic: str) -> str:
    """A statistic's name in the page's language (its own name when cxdsl has none)."""
    key = f"statistic_{statistic}"
    return pc.w.t(key) if has_string(key) else statistic


def series_text(pc: PageContext, metric: Metric | None, series: Series) -> str:
    """A series' name as plain text: the metric's name and its statistic."""
    ident, statistic = series
    name = (pc.ctx.text(metric.name) if metric else "") or ident
    return f"{name} ({statistic_label(pc, statistic)})" if statistic else name


def series_md(pc: PageContext, series: Series, here: str) -> str:
    """A series as Markdown: a link to the metric, and its statistic."""
    ident, statistic = series
    link = pc.w.entity_link("metric", ident, here)
    return f"{link} ({pc.w.plain(statistic_label(pc, statistic))})" if statistic else link


def metric_of(pc: PageContext, ident: str) -> Metric | None:
    metric = pc.result.index.entity("metric", ident)
    return metric if isinstance(metric, Metric) else None


def trend_chart(
    pc: PageContext, journey: Journey, series: Series, data: JourneyResults, here: str
) -> str:
    """The trend chart of one series in one journey (the same file wherever it is shown)."""
    metric = metric_of(pc, series[0])
    by_period = {f.cell.period: f for f in journey_level(data.figures, series)}
    periods = [p for p in data.periods if p in by_period]  # its own cadence's periods
    figures = [by_period.get(p) for p in periods]
    title = f"{pc.w.t('trend')}: {series_text(pc, metric, series)} — {pc.ctx.text(journey.title)}"
    parts = []
    for period, figure in zip(periods, figures, strict=True):
        estimate = charts.shown(figure)
        value = f"{number(estimate.value)} ({interval(estimate)}) " if estimate else ""
        status = chart_status(figure.status if figure else "no_data", pc.lang)
        parts.append(f"{period_text(pc, period)}: {value}{status}")
    target = next((f.target for f in figures if f is not None and f.target is not None), None)
    if target is None and metric is not None and series[1] is None:
        target = metric.target  # a statistic (p90) has a target only where the plan sets one
    if target is not None:
        parts.append(f"{pc.w.t('target')}: {number(target)}")
    labels = [period_text(pc, period) for period in periods]
    description = clause_separator(pc.lang).join(parts)
    svg = charts.trend_svg(pc.ctx, labels, figures, target, title, description)
    name = "-".join(anchor_id(part) for part in series if part)
    return chart_md(pc, f"journeys/{anchor_id(journey.id)}/measured-trend-{name}", svg, title, here)


def journey_level(figures: list[Figure], series: Series) -> list[Figure]:
    """The figures of one series for the whole journey (no breakdown)."""
    return [f for f in figures if series_of(f) == series and f.cell.breakdown is None]


def period_table(
    pc: PageContext, metric: Metric | None, figures: list[Figure], order: list[str]
) -> str:
    """One series' figures by period, newest first (the trend chart's data); ``order``:
    the periods in order, of which those the series has figures for are shown."""
    w, t = pc.w, pc.w.t
    by_period = {f.cell.period: f for f in figures}
    periods = [p for p in order if p in by_period]
    rows = []
    for k in range(len(periods) - 1, -1, -1):
        figure = by_period.get(periods[k])
        previous = periods[k - 1] if k > 0 else None
        change = change_md(pc, figure, previous) if figure else ""
        rows.append([w.period(periods[k]), *figure_row(pc, figure, metric), change])
    return w.table([t("period"), *figure_headers(pc), t("change")], rows)


def indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.rstrip().splitlines()) + "\n"


def earlier_periods(pc: PageContext, tables: list[tuple[str, str]]) -> str:
    """Tables of earlier periods, (period, table) newest first, in one collapsed block."""
    if not tables:
        return ""
    title = pc.w.plain(pc.w.t("earlier_periods").format(n=len(tables)))
    body = "\n".join(f"**{pc.w.period(period)}**\n\n{table}" for period, table in tables)
    return f'??? note "{title}"\n\n{indent(body)}'


def step_title(pc: PageContext, journey: Journey, step: Step) -> str:
    """A step's number and title, escaped for Markdown."""
    number_of = {s.id: i + 1 for i, s in enumerate(journey.steps())}
    return f"{number_of[step.id]}. {pc.w.inline(step.title)}"


def formula(pc: PageContext, text: str) -> str:
    """A formula (``n = 520``, ``ρ = -0.90``) escaped, and read left to right on a
    right-to-left page."""
    body = escape_markdown(text)
    return f'<bdi dir="ltr">{body}</bdi>' if pc.w.rtl else body


def filled(pc: PageContext, template: str, **formulas: str) -> str:
    """An interface sentence as Markdown, its placeholders filled with formulas."""
    out = []
    for literal, name, _, _ in Formatter().parse(template):
        out.append(pc.w.plain(literal))
        if name is not None:
            out.append(formula(pc, formulas[name]))
    return "".join(out)
