"""The emotion curve, written as SVG directly.

Why not Graphviz or a plotting library: Graphviz lays out graphs, not axes; matplotlib
neither shapes Arabic nor lays it out right to left (it needs arabic-reshaper and
python-bidi, and then bakes glyphs in). Plain SVG text is shaped by the browser like any
page text, stays selectable and searchable, costs no dependency and is byte-for-byte
deterministic. ``xml.etree`` escapes every attribute and text node.

One line per persona (colour, dash pattern and marker shape differ, so colour is never
the only cue); ⚠ under steps with pain points, ★ over moments of truth; for a to-be
journey the as-is curve is drawn underneath, grey and dashed, stretched to the same width.
Arabic charts run right to left.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..i18n import isolate, ui
from ..model import EmotionScale, Journey, Step
from .chart_parts import svg_root
from .compare_curve import base_curve
from .context import RenderContext
from .palette import PAIN, SERIES
from .text import signed, wrap

WIDTH = 960
LEFT, RIGHT, TOP, BOTTOM = 150, 40, 90, 100
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 5")
MARKERS = ("circle", "square", "diamond", "triangle", "circle", "square")


def _marker(parent: ET.Element, kind: str, x: float, y: float, colour: str) -> None:
    r = 5.0
    if kind == "circle":
        ET.SubElement(parent, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{r}", fill=colour)
    elif kind == "square":
        ET.SubElement(
            parent,
            "rect",
            x=f"{x - r:.1f}",
            y=f"{y - r:.1f}",
            width=f"{2 * r}",
            height=f"{2 * r}",
            fill=colour,
        )
    elif kind == "diamond":
        pts = (
            f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} "
            f"{x - r - 1:.1f},{y:.1f}"
        )
        ET.SubElement(parent, "polygon", points=pts, fill=colour)
    else:
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
        ET.SubElement(parent, "polygon", points=pts, fill=colour)


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


#: One legend entry: (label, colour, dash pattern, marker kind or "none").
LegendEntry = tuple[str, str, str, str]


@dataclass(frozen=True)
class Plot:
    """Where things go: the plot area of one chart and its coordinate mappings."""

    rtl: bool
    scale: EmotionScale
    count: int  # steps of the journey drawn

    @property
    def height(self) -> int:
        return TOP + BOTTOM + 40 * (self.scale.max - self.scale.min)

    @property
    def plot_w(self) -> int:
        return WIDTH - LEFT - RIGHT

    @property
    def plot_h(self) -> int:
        return self.height - TOP - BOTTOM

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
    plot = Plot(ctx.rtl, ctx.scale(journey), len(steps))
    svg = svg_root(ctx, WIDTH, plot.height, title, description)
    head = f"{ui('emotion_curve', ctx.lang)}: {ctx.text(journey.title)}"
    heading = _text(svg, ctx, WIDTH / 2, 28, head, size=16)
    heading.set("font-weight", "bold")
    draw_stage_bands(svg, ctx, plot, journey)
    draw_grid(svg, ctx, plot)
    draw_step_marks(svg, ctx, plot, steps)
    legend: list[LegendEntry] = []
    if base is not None:
        legend += base_curve(svg, ctx, plot, base, journey)
    legend += _persona_curves(svg, ctx, plot, journey, steps)
    _legend(svg, ctx, plot, legend)
    ET.indent(svg, space=" ")
    return ET.tostring(svg, encoding="unicode") + "\n"


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
        stage_lines = wrap(ctx.text(stage.title), max(6, int((right - left) / 8)), 2)
        for k, line in enumerate(stage_lines):
            _text(svg, ctx, (left + right) / 2, TOP - 30 + 13 * k, line, size=11, fill="#44505c")
        index += count


def draw_grid(svg: ET.Element, ctx: RenderContext, plot: Plot) -> None:
    """Grid lines and scale labels."""
    x0, plot_w = plot.x0, plot.plot_w
    for level in range(plot.scale.min, plot.scale.max + 1):
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
        _text(
            svg,
            ctx,
            lx,
            y + 4,
            label,
            anchor="end" if not ctx.rtl else "start",
            size=11,
            fill="#44505c",
        )


def draw_step_marks(svg: ET.Element, ctx: RenderContext, plot: Plot, steps: list[Step]) -> None:
    """Step numbers, pain points and moments of truth along the axis."""
    for i, step in enumerate(steps):
        x = plot.x_of(i)
        tip = ET.SubElement(svg, "g")
        ET.SubElement(tip, "title").text = ctx.text(step.title)
        _text(tip, ctx, x, TOP + plot.plot_h + 22, str(i + 1), size=11, fill="#44505c")
        if step.pain_points:
            _text(tip, ctx, x, TOP + plot.plot_h + 42, "⚠", size=13, fill=PAIN)
        if step.moment_of_truth:
            _text(tip, ctx, x, TOP - 8, "★", size=14, fill="#1a1a1a")


def _persona_curves(
    svg: ET.Element, ctx: RenderContext, plot: Plot, journey: Journey, steps: list[Step]
) -> list[LegendEntry]:
    """One series per persona (or one unnamed series)."""
    legend: list[LegendEntry] = []
    personas: list[str | None] = [*journey.all_personas()] or [None]
    for k, persona in enumerate(personas):
        colour, dash, marker = SERIES[k % len(SERIES)], DASHES[k % len(DASHES)], MARKERS[k % 6]
        points: list[tuple[float, float, Step, float]] = []
        for i, step in enumerate(steps):
            for who, value in ctx.emotions(journey, step):
                if who in (persona, None):
                    points.append((plot.x_of(i), plot.y_of(value), step, value))
        if not points:
            continue
        series = ET.SubElement(svg, "g")
        attrs = {"stroke-width": "2.5"}
        if dash:
            attrs["stroke-dasharray"] = dash
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        ET.SubElement(series, "polyline", points=line, fill="none", stroke=colour, attrib=attrs)
        for x, y, step, value in points:
            point = ET.SubElement(series, "g")
            ET.SubElement(point, "title").text = f"{ctx.text(step.title)}: {signed(value)}"
            _marker(point, marker, x, y, colour)
        name = ctx.name_of("persona", persona) if persona else ui("emotion", ctx.lang)
        legend.append((name, colour, dash, marker))
    return legend


def _legend(svg: ET.Element, ctx: RenderContext, plot: Plot, legend: list[LegendEntry]) -> None:
    """The legend under the plot, from the reading side, then the symbol notes."""
    x0, plot_w, height = plot.x0, plot.plot_w, plot.height
    y = height - 40
    x = x0 + plot_w if ctx.rtl else x0
    for name, colour, dash, marker in legend:
        line_attrs = {"stroke-width": "2.5"}
        if dash:
            line_attrs["stroke-dasharray"] = dash
        lx1, lx2 = (x - 30, x) if ctx.rtl else (x, x + 30)
        ET.SubElement(
            svg,
            "line",
            x1=f"{lx1}",
            x2=f"{lx2}",
            y1=f"{y}",
            y2=f"{y}",
            stroke=colour,
            attrib=line_attrs,
        )
        if marker != "none":
            _marker(svg, marker, (lx1 + lx2) / 2, y, colour)
        tx = x - 36 if ctx.rtl else x + 36
        _text(svg, ctx, tx, y + 4, name, anchor="end" if ctx.rtl else "start", size=11)
        step_w = 60 + 7 * len(name)
        x = x - step_w if ctx.rtl else x + step_w
    notes = f"⚠ {ui('pain_point', ctx.lang)}   ★ {ui('moment_of_truth', ctx.lang)}"
    _text(
        svg,
        ctx,
        x0 + plot_w if ctx.rtl else x0,
        height - 14,
        notes,
        anchor="end" if ctx.rtl else "start",
        size=11,
        fill="#44505c",
    )
