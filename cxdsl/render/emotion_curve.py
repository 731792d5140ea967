"""The emotion curve, written as SVG directly.

Why not Graphviz or a plotting library: Graphviz lays out graphs, not axes; matplotlib
neither shapes Arabic nor lays it out right to left (it needs arabic-reshaper and
python-bidi, and then bakes glyphs in). Plain SVG text is shaped by the browser like any
page text, stays selectable and searchable, costs no dependency and is byte-for-byte
deterministic. ``xml.etree`` escapes every attribute and text node.

Drawn at the width a page shows it (``WIDTH`` px fits the content column of a 1280 px
page), so a font size is the size read on screen: no label under 12 px.

One line per persona (colour, dash pattern and marker shape differ, so colour is never
the only cue), through the steps that persona lives (a step's ``personas:``); lines that
coincide are drawn a few pixels apart (``SPREAD``), so none hides another. Under the axis
each step has its number and its name (:mod:`.step_axis`: wrapped under the step, or in a
key under the chart when a name does not fit); ⚠ under steps with pain points (⚠⚠ when
one is of high severity), ★ over moments of truth; the legend explains every symbol
drawn (:mod:`.curve_legend`). The line joins the steps of the main
path; a branch or a failure path some customers take is an excursion off it: a thin dashed
detour from the step it leaves to its steps (hollow markers, ⑂ or ✕ beside their number)
and back, or ending there for a failure path that does not come back (``journey_flow``).
For a to-be journey the as-is curve is drawn underneath, grey and dashed, stretched to the
same width. Arabic charts run right to left. Every label is fitted into the chart: scale
labels wrap inside their margin, the title, stage and step names wrap, the legend flows
onto more rows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from ..i18n import isolate, ui
from ..journey_flow import Flow, journey_flow
from ..model import EmotionScale, Journey, Step
from .chart_parts import fit_lines, svg_root, text_width
from .compare_curve import base_curve
from .context import RenderContext
from .curve_legend import ROW as LEGEND_ROW
from .curve_legend import LegendEntry, draw_legend, legend_rows, step_notes
from .palette import PAIN, SERIES
from .step_axis import BARE, NAME_SIZE, NUMBER_ROW, PAIN_ROW, StepNames, draw_names, layout_names
from .symbols import EXCURSIONS, MOMENT, pain_mark
from .text import signed

#: The chart's width: what the content column of a 1280 px page shows at 1:1.
WIDTH = 720
LEFT, RIGHT, TOP = 160, 30, 90
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 5")
MARKERS = ("circle", "square", "diamond", "triangle", "circle", "square")
#: An excursion's detour: thinner and finely dashed, whatever the persona's own pattern.
EXCURSION_DASH = "3 3"
EXCURSION_GLYPHS = EXCURSIONS
#: Room under the last legend row's baseline (an Arabic line descends further).
BELOW_LEGEND = 16
#: The margin kept clear at each side of the chart; the smallest label's size.
EDGE = 12
LABEL_SIZE = 12
#: How far apart (px) the lines of two personas are drawn: equal values stay visible.
SPREAD = 5.0


def _marker(
    parent: ET.Element, kind: str, x: float, y: float, colour: str, hollow: bool = False
) -> None:
    r = 5.0
    paint = {"fill": "white", "stroke": colour, "stroke-width": "1.5"} if hollow else {}
    fill = "white" if hollow else colour
    if kind == "circle":
        attrs = {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{r}", "fill": fill}
        ET.SubElement(parent, "circle", attrib={**attrs, **paint})
    elif kind == "square":
        attrs = {
            "x": f"{x - r:.1f}",
            "y": f"{y - r:.1f}",
            "width": f"{2 * r}",
            "height": f"{2 * r}",
            "fill": fill,
        }
        ET.SubElement(parent, "rect", attrib={**attrs, **paint})
    elif kind == "diamond":
        pts = (
            f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} "
            f"{x - r - 1:.1f},{y:.1f}"
        )
        ET.SubElement(parent, "polygon", attrib={"points": pts, "fill": fill, **paint})
    else:
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
        ET.SubElement(parent, "polygon", attrib={"points": pts, "fill": fill, **paint})


def _text(
    parent: ET.Element,
    ctx: RenderContext,
    x: float,
    y: float,
    text: str,
    anchor: str = "middle",
    size: int = 12,
    **attrs: str,
) -> ET.Element:
    el = ET.SubElement(
        parent,
        "text",
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        attrib={"text-anchor": anchor, "font-size": str(size), **attrs},
    )
    el.text = isolate(text, ctx.lang)
    return el


#: The most levels a curve gives a grid line and 40 px each.
MAX_LEVELS = 10

__all__ = ["LegendEntry", "Plot", "emotion_curve_svg"]


@dataclass(frozen=True)
class Plot:
    """Where things go: the plot area of one chart and its coordinate mappings."""

    rtl: bool
    scale: EmotionScale
    count: int  # steps of the journey drawn
    #: The steps' names under the axis (:func:`with_step_names`); None: numbers only.
    names: StepNames | None = None

    @property
    def axis_h(self) -> float:
        """The height of the step numbers, pain marks and names under the axis."""
        return self.names.height if self.names is not None else BARE

    @property
    def legend_y(self) -> float:
        """The first legend row's y, under the steps' names."""
        return TOP + self.plot_h + self.axis_h + 14

    @property
    def height(self) -> int:
        """The chart's height with a legend of two rows (the personas, the symbols)."""
        return int(self.legend_y + LEGEND_ROW + BELOW_LEGEND)

    @property
    def plot_w(self) -> int:
        return WIDTH - LEFT - RIGHT

    @property
    def plot_h(self) -> int:
        # 40 px a level, up to MAX_LEVELS levels: a scale written as -1000..1000 (a typo,
        # or hostile) draws at a readable size instead of a page-long chart.
        return 40 * min(self.scale.max - self.scale.min, MAX_LEVELS)

    def levels(self) -> range:
        """The levels that get a grid line and a label: every level of a usual scale; on a
        very wide one, about MAX_LEVELS of them, from the lower end up."""
        span = self.scale.max - self.scale.min
        step = max(1, -(-span // MAX_LEVELS))
        return range(self.scale.min, self.scale.max + 1, step)

    @property
    def x0(self) -> int:
        # The axis labels sit on the reading side: left in English, right in Arabic.
        return RIGHT if self.rtl else LEFT

    def x_at(self, position: float) -> float:
        """x of a position in [0, 1] along the journey."""
        if self.rtl:
            return self.x0 + (1 - position) * self.plot_w
        return self.x0 + position * self.plot_w

    def x_of(self, i: int, count: int | None = None) -> float:
        """x of the ``i``-th of ``count`` steps (default: the journey's)."""
        count = self.count if count is None else count
        return self.x_at(0.5 if count == 1 else i / (count - 1))

    def y_of(self, value: float) -> float:
        span = self.scale.max - self.scale.min
        return TOP + (self.scale.max - value) / span * self.plot_h


def emotion_curve_svg(
    ctx: RenderContext,
    journey: Journey,
    base: Journey | None = None,
    title: str = "",
    description: str = "",
) -> str:
    """The SVG document of a journey's emotion curve (with ``base`` overlaid, if given)."""
    steps = journey.steps()
    flow = journey_flow(journey)
    plot = with_step_names(ctx, Plot(ctx.rtl, ctx.scale(journey), len(steps)), steps)
    body = ET.Element("g")
    head = f"{ui('emotion_curve', ctx.lang)}: {ctx.text(journey.title)}"
    for k, line in enumerate(fit_lines(head, WIDTH - 2 * EDGE, 16, 2)):
        _text(body, ctx, WIDTH / 2, 28 + 19 * k, line, size=16).set("font-weight", "bold")
    draw_stage_bands(body, ctx, plot, journey)
    draw_grid(body, ctx, plot)
    draw_step_marks(body, ctx, plot, steps, flow)
    legend: list[LegendEntry] = []
    if base is not None:
        legend += base_curve(body, ctx, plot, base, journey)
    legend += _persona_curves(body, ctx, plot, journey, flow)
    notes = step_notes(steps, ctx.lang)
    if flow.excursions:
        kinds = dict.fromkeys(e.kind for e in flow.excursions)
        marks = " ".join(f"{EXCURSION_GLYPHS[kind]} {ui(kind, ctx.lang)}" for kind in kinds)
        notes.append(f"┄ {marks}: {ui('excursion_note', ctx.lang)}")
    rows = legend_rows(legend, notes, WIDTH - LEFT - EDGE)
    height = plot.height + LEGEND_ROW * max(0, len(rows) - 2)
    svg = svg_root(ctx, WIDTH, height, title, description)
    svg.extend(list(body))
    start = plot.x0 + plot.plot_w if ctx.rtl else plot.x0
    draw_legend(svg, rows, (start, plot.legend_y), ctx.lang, ctx.rtl, _marker)
    ET.indent(svg, space=" ")
    return ET.tostring(svg, encoding="unicode") + "\n"


def with_step_names(ctx: RenderContext, plot: Plot, steps: list[Step]) -> Plot:
    """``plot`` with room under its axis for the names of ``steps`` (:mod:`.step_axis`)."""
    edges = (WIDTH - EDGE, EDGE) if ctx.rtl else (EDGE, WIDTH - EDGE)
    spacing = plot.plot_w / max(plot.count - 1, 1)
    names = layout_names([ctx.text(step.title) for step in steps], spacing, *edges)
    return replace(plot, names=names)


def draw_stage_bands(svg: ET.Element, ctx: RenderContext, plot: Plot, journey: Journey) -> None:
    """Stage bands, alternately shaded, labelled above the plot."""
    index = 0
    total = plot.count
    for si, stage in enumerate(journey.stages):
        count = len(stage.steps)
        if count == 0:
            continue
        a = plot.x_of(index) if total > 1 else plot.x0
        b = plot.x_of(index + count - 1) if total > 1 else plot.x0 + plot.plot_w
        half = plot.plot_w / max(total - 1, 1) / 2
        left, right = min(a, b) - half, max(a, b) + half
        if si % 2 == 0:
            ET.SubElement(
                svg,
                "rect",
                x=f"{left:.1f}",
                y=str(TOP - 6),
                width=f"{right - left:.1f}",
                height=f"{plot.plot_h + 12}",
                fill="#f3f5f8",
            )
        # Centred over the band, wrapped to its width (a band cut by the chart's edge
        # keeps its whole width: the name moves inward), and kept inside the chart.
        room = min(right - left, WIDTH - 2 * EDGE) - 4
        stage_lines = fit_lines(ctx.text(stage.title), room, LABEL_SIZE, 2)
        half_text = max(text_width(line, LABEL_SIZE) for line in stage_lines) / 2
        centre = min(max((left + right) / 2, EDGE + half_text), WIDTH - EDGE - half_text)
        for k, line in enumerate(stage_lines):
            _text(svg, ctx, centre, TOP - 30 + 14 * k, line, size=LABEL_SIZE, fill="#44505c")
        index += count


def draw_grid(svg: ET.Element, ctx: RenderContext, plot: Plot) -> None:
    """Grid lines and scale labels (wrapped to fit their margin)."""
    x0, plot_w = plot.x0, plot.plot_w
    room = (LEFT if not ctx.rtl else WIDTH - x0 - plot_w) - 8 - EDGE
    for level in plot.levels():
        y = plot.y_of(level)
        ET.SubElement(
            svg,
            "line",
            x1=f"{x0}",
            x2=f"{x0 + plot_w}",
            y1=f"{y:.1f}",
            y2=f"{y:.1f}",
            stroke="#9aa5b1" if level == 0 else "#dde3ea",
            attrib={"stroke-width": "1"},
        )
        label = ctx.emotion_label(level, plot.scale)
        lx = x0 + plot_w + 8 if ctx.rtl else x0 - 8
        lines = fit_lines(label, room, LABEL_SIZE, 3)
        for k, line in enumerate(lines):
            _text(
                svg,
                ctx,
                lx,
                y + 4 + 13 * (k - (len(lines) - 1) / 2),
                line,
                anchor="end" if not ctx.rtl else "start",
                size=LABEL_SIZE,
                fill="#44505c",
            )


def draw_step_marks(
    svg: ET.Element, ctx: RenderContext, plot: Plot, steps: list[Step], flow: Flow | None = None
) -> None:
    """Step numbers (⑂ or ✕ beside a step off the main path), pain points (⚠, or ⚠⚠ with
    a high-severity one) and moments of truth along the axis; the steps' names under it
    when ``plot`` has them (:func:`with_step_names`)."""
    axis = TOP + plot.plot_h
    for i, step in enumerate(steps):
        x = plot.x_of(i)
        tip = ET.SubElement(svg, "g")
        kind = flow.off_main.get(step.id) if flow else None
        title = ctx.text(step.title)
        ET.SubElement(tip, "title").text = f"{title} ({ui(kind, ctx.lang)})" if kind else title
        number = f"{i + 1}{EXCURSION_GLYPHS[kind]}" if kind else str(i + 1)
        _text(tip, ctx, x, axis + NUMBER_ROW, number, size=NAME_SIZE, fill="#44505c")
        if step.pain_points:
            _text(tip, ctx, x, axis + PAIN_ROW, pain_mark(step.pain_points), size=13, fill=PAIN)
        if step.moment_of_truth:
            _text(tip, ctx, x, TOP - 8, MOMENT, size=14, fill="#1a1a1a")
    if plot.names is not None:
        xs = [plot.x_of(i) for i in range(len(steps))]
        draw_names(svg, plot.names, xs, axis, (EDGE, WIDTH - EDGE), ctx.lang, ctx.rtl)


def lived_emotion(
    ctx: RenderContext, journey: Journey, step: Step, persona: str | None
) -> float | None:
    """The emotion ``persona`` feels at ``step`` (None: they do not live it, or none is
    given); ``persona`` None is the one series of a journey without personas."""
    if persona is not None and persona not in journey.lived_by(step):
        return None
    return next((v for who, v in ctx.emotions(journey, step) if who in (persona, None)), None)


def _persona_curves(
    svg: ET.Element, ctx: RenderContext, plot: Plot, journey: Journey, flow: Flow
) -> list[LegendEntry]:
    """One series per persona (or one unnamed series): the main line, then excursions;
    each series shifted by its :func:`spread` so equal values stay visible."""
    steps = journey.steps()
    legend: list[LegendEntry] = []
    personas: list[str | None] = [*journey.all_personas()] or [None]
    series = []
    for k, persona in enumerate(personas):
        values = {
            step.id: value
            for step in steps
            if (value := lived_emotion(ctx, journey, step, persona)) is not None
        }
        if values:
            series.append((k, persona, values))
    for j, (k, persona, values) in enumerate(series):
        style = (SERIES[k % len(SERIES)], DASHES[k % len(DASHES)], MARKERS[k % len(MARKERS)])
        shift = spread(j, len(series))
        _series(ET.SubElement(svg, "g"), ctx, plot, (steps, flow), values, style, shift)
        name = ctx.name_of("persona", persona) if persona else ui("emotion", ctx.lang)
        legend.append((name, *style))
    return legend


def spread(j: int, count: int) -> float:
    """How far (px, down) the ``j``-th of ``count`` series is drawn from its values: the
    series ``SPREAD`` px apart around the true height, all within 12 px of it."""
    if count < 2:
        return 0.0
    step = min(SPREAD, 24 / (count - 1))
    return (j - (count - 1) / 2) * step


def _series(
    group: ET.Element,
    ctx: RenderContext,
    plot: Plot,
    path: tuple[list[Step], Flow],
    values: dict[str, float],
    style: tuple[str, str, str],
    shift: float,
) -> None:
    """One persona's line through the main path, its excursions, and a marker per step,
    ``shift`` px under the values' height."""
    steps, flow = path
    colour, dash, marker = style
    at = {step.id: i for i, step in enumerate(steps)}
    point = {s: (plot.x_of(at[s]), plot.y_of(v) + shift) for s, v in values.items()}
    main = [point[s.id] for s in steps if s.id in values and flow.on_main_path(s)]
    _polyline(group, main, colour, dash, "2.5")
    for excursion in flow.excursions:
        if not any(s in values for s in excursion.steps):
            continue
        route = [excursion.start, *excursion.steps, *filter(None, [excursion.back])]
        _polyline(group, [point[s] for s in route if s in values], colour, EXCURSION_DASH)
    for step in steps:
        if step.id in values:
            mark = ET.SubElement(group, "g")
            text = f"{ctx.text(step.title)}: {signed(values[step.id])}"
            ET.SubElement(mark, "title").text = text
            x, y = point[step.id]
            _marker(mark, marker, x, y, colour, hollow=not flow.on_main_path(step))


def _polyline(
    parent: ET.Element,
    points: list[tuple[float, float]],
    colour: str,
    dash: str,
    width: str = "1.6",
) -> None:
    if len(points) < 2:
        return
    attrs = {"stroke-width": width}
    if dash:
        attrs["stroke-dasharray"] = dash
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    ET.SubElement(parent, "polyline", points=line, fill="none", stroke=colour, attrib=attrs)
