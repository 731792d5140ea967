"""Charts of measured results, written as SVG directly (see :mod:`.chart_parts`).

- :func:`trend_svg`: one metric over the periods, each value with its 95 % interval;
- :func:`emotion_overlay_svg`: the measured emotion per step over the designed curve;
- :func:`funnel_svg`: the cases that reached each step and the share lost before the next;
- :func:`expected_perceived_svg`: what was expected beside what was perceived, per step;
- :func:`association_svg`: measured emotion against drop-off, one point per step.

Series differ by shape and dash as well as colour; values the privacy threshold hides are
drawn as 🔒, never as a value. Callers pick the data (a journey's, a period's); the page
beside each chart holds the same figures as a table. The trend, measured-emotion and
expected-vs-perceived charts describe themselves (``<desc>``, the image's alt text on the
site) with a one-line summary (:mod:`.chart_summaries`), not every figure; the
``description`` a caller gives stands in only where there is nothing to summarise.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import ui
from ..model import Journey, Step
from ..results.figures import Association, Estimate, Figure, FunnelStep, StepReading
from .chart_parts import (
    INK,
    MUTED,
    XAxis,
    YAxis,
    diamond,
    dot,
    fit_lines,
    interval,
    label,
    line,
    nice_range,
    number,
    polyline,
    reading_anchor,
    serialise,
    status_text,
    svg_root,
    text_width,
    tip,
    whisker,
    y_grid,
)
from .chart_summaries import emotion_summary, gap_summary, trend_summary
from .context import RenderContext
from .curve_legend import ROW, draw_legend, legend_rows, step_notes
from .emotion_curve import (
    BELOW_LEGEND,
    EDGE,
    WIDTH,
    Plot,
    draw_grid,
    draw_stage_bands,
    draw_step_marks,
    with_step_names,
)
from .palette import SERIES
from .step_axis import NUMBER_ROW, draw_names, layout_names
from .text import signed

DESIGNED, MEASURED, SECOND = "#6b7785", SERIES[0], SERIES[1]
LOCK = "🔒"
#: The smallest label: 11 px where the chart is shown at its own width (a trend chart in
#: a result card); the page-wide charts are ``WIDTH`` px wide, shown 1:1 on a 1280 px page.
SMALL = 11


def shown(figure: Figure | None) -> Estimate | None:
    """The estimate a figure may show: none when suppressed or without data."""
    if figure is None or figure.status in ("suppressed", "no_data"):
        return None
    return figure.estimate


def _runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Consecutive drawn points: a line is broken where a value is missing."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def trend_svg(
    ctx: RenderContext,
    periods: Sequence[str],
    figures: Sequence[Figure | None],
    target: float | None,
    title: str,
    description: str,
) -> str:
    """A small chart of one metric over ``periods`` (``figures`` in the same order)."""
    width, height = 300, 130
    summary = trend_summary(ctx, periods, figures, target) or description
    svg = svg_root(ctx, width, height, title, summary)
    x = XAxis(14, width - 48, ctx.rtl) if ctx.rtl else XAxis(48, width - 14, False)
    values = [v for f in figures if (e := shown(f)) for v in (e.ci_low, e.ci_high)]
    y = YAxis(12, height - 30, *nice_range(values + ([target] if target is not None else [])))
    y_grid(svg, ctx, x, y, SMALL)
    if target is not None:
        line(svg, x.left, y.at(target), x.right, y.at(target), MUTED, 1.5, "5 3")
        words = f"{ui('target', ctx.lang)} {number(target)}"
        far = x.left if ctx.rtl else x.right
        # Over the line, or under it when the line runs along the top of the chart.
        ty = y.at(target) - 4 if y.at(target) - 4 >= 12 else y.at(target) + 12
        label(svg, ctx, far, ty, words, "start" if ctx.rtl else "end", SMALL, MUTED)
    points: list[tuple[float, float] | None] = []
    for i, (period, figure) in enumerate(zip(periods, figures, strict=True)):
        px = x.band(i, len(periods))
        estimate = shown(figure)
        status = status_text(figure.status if figure else "no_data", ctx.lang)
        if estimate is None:
            group = tip(svg, f"{period}: {status}")
            label(group, ctx, px, y.bottom - 4, "–", size=12, fill=MUTED)
            points.append(None)
            continue
        points.append((px, y.at(estimate.value)))
        group = tip(svg, f"{period}: {number(estimate.value)} ({interval(estimate)}), {status}")
        whisker(group, px, y.at(estimate.ci_low), y.at(estimate.ci_high), MEASURED)
        dot(
            group, px, y.at(estimate.value), MEASURED, 4, hollow=bool(figure and figure.provisional)
        )
    for run in _runs(points):
        polyline(svg, run, MEASURED)
    for px, words in period_ticks(periods, x, width):
        label(svg, ctx, px, height - 10, words, size=SMALL, fill=MUTED)
    return serialise(svg)


#: The least room between two period labels under a trend, in pixels.
TICK_GAP = 8


def period_ticks(periods: Sequence[str], x: XAxis, width: int) -> list[tuple[float, str]]:
    """Where the periods' labels go under a trend: each centred under its point and moved
    inward as far as needed to stay in the chart; the latest always, then the first, then
    the others, each only where it overlaps none already placed (long names such as
    «الربع الرابع 2025» leave room for two or three)."""
    placed: dict[int, tuple[float, float, float]] = {}  # index: (centre, left, right)

    def place(i: int) -> None:
        half = text_width(periods[i], SMALL) / 2
        px = min(max(x.band(i, len(periods)), 4 + half), width - 4 - half)
        left, right = px - half - TICK_GAP / 2, px + half + TICK_GAP / 2
        if all(right <= lo or left >= hi for _, lo, hi in placed.values()):
            placed[i] = (px, left, right)

    ends = dict.fromkeys((len(periods) - 1, 0)) if periods else {}
    for i in [*ends, *(i for i in range(len(periods)) if i not in ends)]:
        place(i)
    return [(placed[i][0], periods[i]) for i in sorted(placed)]


def _heading(svg: ET.Element, ctx: RenderContext, text: str, width: int = WIDTH) -> None:
    label(svg, ctx, width / 2, 28, text, size=16).set("font-weight", "bold")


def _legend(
    svg: ET.Element | None, ctx: RenderContext, x: XAxis, y: float, notes: list[str]
) -> int:
    """Legend notes (a symbol and its words) flowed into rows from the reading side, from
    ``y`` down (``svg`` None: only counted); how many rows they take."""
    rows = legend_rows([], notes, x.right - x.left)
    if svg is not None:
        draw_legend(svg, rows, (x.start, y), ctx.lang, ctx.rtl, _no_marker)
    return len(rows)


def _no_marker(parent: ET.Element, kind: str, x: float, y: float, colour: str) -> None:
    """Legends of symbols only draw no line sample (nor its marker)."""
    del parent, kind, x, y, colour


def emotion_overlay_svg(
    ctx: RenderContext,
    journey: Journey,
    readings: dict[str, StepReading],
    title: str,
    description: str,
) -> str:
    """The journey's designed emotion curve with the measured emotion of each step
    (``readings`` by step id) drawn over it: the mean and its 95 % interval."""
    steps = journey.steps()
    plot = with_step_names(ctx, Plot(ctx.rtl, ctx.scale(journey), len(steps)), steps)
    left, right = (EDGE, plot.x0 + plot.plot_w) if ctx.rtl else (plot.x0, WIDTH - EDGE)
    axis = XAxis(left, right, ctx.rtl)
    notes = [
        f"┅ ○ {ui('designed_emotion', ctx.lang)}",
        f"━ ■ {ui('measured_with_interval', ctx.lang)}",
    ]
    if any(r.estimate is None for r in readings.values()):
        notes.append(
            f"{LOCK} {ui('suppressed_fewer', ctx.lang).format(n=ctx.settings.min_cell_size)}"
        )
    notes += step_notes(steps, ctx.lang)
    rows = _legend(None, ctx, axis, 0, notes)
    summary = emotion_summary(ctx, journey, readings) or description
    svg = svg_root(ctx, WIDTH, int(plot.legend_y + ROW * (rows - 1) + BELOW_LEGEND), title, summary)
    _heading(svg, ctx, f"{ui('measured_emotion', ctx.lang)}: {ctx.text(journey.title)}")
    draw_stage_bands(svg, ctx, plot, journey)
    draw_grid(svg, ctx, plot)
    draw_step_marks(svg, ctx, plot, steps)
    designed: list[tuple[float, float] | None] = []
    measured: list[tuple[float, float] | None] = []
    marks = ET.Element("g")
    for i, step in enumerate(steps):
        x = plot.x_of(i)
        values = [v for _, v in ctx.emotions(journey, step)]
        designed.append((x, plot.y_of(values[0])) if values else None)
        measured.append(_measured_point(marks, ctx, plot, x, step, readings.get(step.id)))
    for run in _runs(designed):
        polyline(svg, run, DESIGNED, "6 4")
    for point in designed:
        if point is not None:
            dot(svg, *point, DESIGNED, 4, hollow=True)
    for run in _runs(measured):
        polyline(svg, run, MEASURED)
    svg.append(marks)
    _legend(svg, ctx, axis, plot.legend_y, notes)
    return serialise(svg)


def _measured_point(
    marks: ET.Element,
    ctx: RenderContext,
    plot: Plot,
    x: float,
    step: Step,
    reading: StepReading | None,
) -> tuple[float, float] | None:
    """Draw one step's measured emotion (or 🔒 when suppressed); its point, if any."""
    if reading is None:
        return None
    name = ctx.text(step.title)
    estimate = reading.estimate
    if estimate is None:
        group = tip(marks, f"{name}: {status_text('suppressed', ctx.lang)}")
        label(group, ctx, x, plot.y_of(plot.scale.min) - 8, LOCK, size=13)
        return None
    y = plot.y_of(estimate.value)
    group = tip(
        marks, f"{name}: {signed(round(estimate.value, 2))} ({interval(estimate)}), n = {reading.n}"
    )
    whisker(group, x, plot.y_of(estimate.ci_low), plot.y_of(estimate.ci_high), MEASURED)
    ET.SubElement(
        group, "rect", x=f"{x - 5:.1f}", y=f"{y - 5:.1f}", width="10", height="10", fill=MEASURED
    )
    return (x, y)


def _step_label(ctx: RenderContext, number_of: dict[str, int], step: Step) -> str:
    return f"{number_of[step.id]}. {ctx.text(step.title)}"


@dataclass(frozen=True)
class _Rows:
    """A chart of one row per step: label column, bars, and a note column."""

    rtl: bool
    count: int
    top: int = 70
    row: int = 36

    @property
    def bottom(self) -> int:
        return self.top + self.row * self.count

    @property
    def names(self) -> tuple[float, float]:
        """The step names' column: (its reading-side edge, its width)."""
        return (WIDTH - EDGE if self.rtl else EDGE), 220.0

    @property
    def bars(self) -> XAxis:
        return XAxis(WIDTH - 490, WIDTH - 240, True) if self.rtl else XAxis(240, 490, False)


def funnel_svg(
    ctx: RenderContext, journey: Journey, funnel: Sequence[FunnelStep], title: str, description: str
) -> str:
    """Bars of the cases that reached each step, in the journey's order, each with the
    share lost before the next step (and its 95 % interval)."""
    steps = {step.id: step for step in journey.steps()}
    number_of = {ident: i + 1 for i, ident in enumerate(steps)}
    rows = sorted(funnel, key=lambda f: number_of.get(f.step, len(steps) + 1))
    layout = _Rows(ctx.rtl, len(rows))
    axis = XAxis(EDGE, WIDTH - EDGE, ctx.rtl)
    notes = [f"■ {ui('reached', ctx.lang)}", f"−% {ui('drop_off_with_interval', ctx.lang)}"]
    height = layout.bottom + 24 + ROW * (_legend(None, ctx, axis, 0, notes) - 1) + BELOW_LEGEND
    svg = svg_root(ctx, WIDTH, height, title, description)
    _heading(svg, ctx, title)
    bars = layout.bars
    most = max((f.reached for f in rows), default=0) or 1
    for k, row in enumerate(rows):
        y = layout.top + k * layout.row
        step = steps.get(row.step)
        name = _step_label(ctx, number_of, step) if step else row.step
        edge, room = layout.names
        lines = fit_lines(name, room, 12, 2)
        for n, text in enumerate(lines):
            label(
                svg,
                ctx,
                edge,
                y + 22 + 14 * (n - (len(lines) - 1) / 2),
                text,
                reading_anchor(ctx),
                12,
            )
        a, b = bars.at(0), bars.at(row.reached / most)
        lost = row.drop_off
        note = f"{row.reached:,}"
        if lost is not None:
            note += f" · −{number(lost.value)}% ({interval(lost)})"
        group = tip(svg, f"{name}: {note}")
        ET.SubElement(
            group,
            "rect",
            x=f"{min(a, b):.1f}",
            y=f"{y + 6:.1f}",
            width=f"{max(abs(b - a), 1):.1f}",
            height=f"{layout.row - 12}",
            fill=MEASURED,
        )
        far = bars.end - 10 if ctx.rtl else bars.end + 10
        label(group, ctx, far, y + 22, note, reading_anchor(ctx), 12)
    _legend(svg, ctx, axis, layout.bottom + 24, notes)
    return serialise(svg)


def expected_perceived_svg(
    ctx: RenderContext,
    journey: Journey,
    pairs: Sequence[tuple[Step, StepReading, StepReading]],
    title: str,
    description: str,
) -> str:
    """Per step, what was expected (◇) beside what was perceived (●), each with its 95 %
    interval; ``pairs`` are (step, expected, perceived) in the journey's order; under the
    axis each step's number and name (:mod:`.step_axis`)."""
    number_of = {step.id: i + 1 for i, step in enumerate(journey.steps())}
    x = XAxis(EDGE + 40, WIDTH - 90, True) if ctx.rtl else XAxis(90, WIDTH - EDGE - 40, False)
    y = YAxis(
        60,
        290,
        *nice_range(
            [
                v
                for _, *both in pairs
                for r in both
                if r.estimate
                for v in (r.estimate.ci_low, r.estimate.ci_high)
            ]
        ),
    )
    edges = (WIDTH - EDGE, EDGE) if ctx.rtl else (EDGE, WIDTH - EDGE)
    names = layout_names(
        [ctx.text(step.title) for step, *_ in pairs],
        (x.right - x.left) / max(len(pairs), 1),
        *edges,
    )
    axis = XAxis(x.left, x.right, ctx.rtl)
    notes = [
        f"◇ {ui('expected', ctx.lang)}",
        f"● {ui('perceived', ctx.lang)}",
        f"┃ {ui('interval_95', ctx.lang)}",
        f"{LOCK} {ui('status_suppressed', ctx.lang)}",
    ]
    legend_y = y.bottom + names.height + 14
    height = int(legend_y + ROW * (_legend(None, ctx, axis, 0, notes) - 1) + BELOW_LEGEND)
    svg = svg_root(ctx, WIDTH, height, title, gap_summary(ctx, pairs) or description)
    _heading(svg, ctx, title)
    y_grid(svg, ctx, x, y, 12)
    side = 9 if ctx.rtl else -9  # expected first, on the reading side
    xs = [x.band(i, len(pairs)) for i in range(len(pairs))]
    for cx, (step, expected, perceived) in zip(xs, pairs, strict=True):
        name = _step_label(ctx, number_of, step)
        label(svg, ctx, cx, y.bottom + NUMBER_ROW, str(number_of[step.id]), size=12, fill=MUTED)
        _reading_mark(svg, ctx, y, cx + side, name, expected, SECOND, True)
        _reading_mark(svg, ctx, y, cx - side, name, perceived, MEASURED, False)
    draw_names(svg, names, xs, y.bottom, (EDGE, WIDTH - EDGE), ctx.lang, ctx.rtl)
    _legend(svg, ctx, axis, legend_y, notes)
    return serialise(svg)


def _reading_mark(
    svg: ET.Element,
    ctx: RenderContext,
    y: YAxis,
    x: float,
    name: str,
    reading: StepReading,
    colour: str,
    expected: bool,
) -> None:
    what = ui("expected" if expected else "perceived", ctx.lang)
    estimate = reading.estimate
    if estimate is None:
        group = tip(svg, f"{name}: {what}: {status_text('suppressed', ctx.lang)}")
        label(group, ctx, x, y.bottom - 6, LOCK, size=12)
        return
    group = tip(
        svg, f"{name}: {what} {number(estimate.value)} ({interval(estimate)}), n = {reading.n}"
    )
    whisker(group, x, y.at(estimate.ci_low), y.at(estimate.ci_high), colour)
    if expected:
        diamond(group, x, y.at(estimate.value), colour)
    else:
        dot(group, x, y.at(estimate.value), colour, 5)


#: One step of the association chart: (step number, step title, emotion, drop-off %).
AssociationPoint = tuple[int, str, float, float]


def association_svg(
    ctx: RenderContext,
    journey: Journey,
    points: Sequence[AssociationPoint],
    association: Association,
    title: str,
    description: str,
) -> str:
    """Measured emotion (across) against drop-off (up), one numbered point per step."""
    width, height = 720, 460
    svg = svg_root(ctx, width, height, title, description)
    _heading(svg, ctx, title, width)
    scale = ctx.scale(journey)
    x = XAxis(40, width - 90, True) if ctx.rtl else XAxis(90, width - 40, False)
    highest = max((p[3] for p in points), default=1.0)
    y = YAxis(80, height - 90, *nice_range([0.0, highest * 1.1]))
    y_grid(svg, ctx, x, y, 12)
    span = scale.max - scale.min
    for level in range(scale.min, scale.max + 1):
        lx = x.at((level - scale.min) / span)
        line(svg, lx, y.bottom, lx, y.bottom + 5, MUTED)
        label(svg, ctx, lx, y.bottom + 20, signed(level), size=12, fill=MUTED)
    label(
        svg, ctx, (x.left + x.right) / 2, y.bottom + 42, ui("measured_emotion", ctx.lang), size=12
    )
    y_title = f"{ui('drop_off', ctx.lang)} (%)"
    label(svg, ctx, x.start, y.top - 24, y_title, reading_anchor(ctx), 12)
    for step_number, name, emotion, lost in points:
        px, py = x.at((emotion - scale.min) / span), y.at(lost)
        group = tip(svg, f"{step_number}. {name}: {signed(round(emotion, 2))}, {number(lost)}%")
        dot(group, px, py, MEASURED, 6)
        label(group, ctx, px, py - 10, str(step_number), size=12, fill=INK)
    rho = "—" if association.rho is None else f"{association.rho:.2f}"
    summary = f"ρ = {rho}, n = {association.n}"
    label(svg, ctx, x.start, height - 16, summary, reading_anchor(ctx), 12, MUTED, formula=True)
    return serialise(svg)
