"""What every chart of measured results is drawn with: the SVG document, text, axes,
interval whiskers, number formats and the words and symbols of a status.

Like the emotion curve, charts are plain SVG written through ``xml.etree`` (every model
text and attribute escaped), deterministic to the byte, with a ``<title>`` and ``<desc>``
(``role="img"``). Arabic charts run right to left: :class:`XAxis` mirrors positions, and
every label goes through :func:`cxdsl.i18n.isolate` so numbers read left to right inside
Arabic text.
"""

from __future__ import annotations

import math
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import LRI, PDI, isolate, strip_isolates, ui
from ..results.figures import Estimate, Status
from .context import RenderContext
from .text import wrap

INK = "#1a1a1a"
MUTED = "#44505c"
GRID = "#dde3ea"

#: Each status as a symbol beside its word, so it reads without colour.
STATUS_SYMBOLS: dict[str, str] = {
    "met": "✔",
    "not_met": "✘",
    "inconclusive": "≈",
    "underpowered": "⚠",
    "no_data": "–",
    "suppressed": "🔒",
    "no_target": "○",
}
#: Marks a figure computed from data of which some failed validation.
PROVISIONAL_SYMBOL = "†"
#: The average advance of a character in ems, used to keep labels inside a chart: generous
#: (Noto Sans and Noto Sans Arabic average about 0.55 em), so an estimate errs wide.
EM_PER_CHAR = 0.62


def text_width(text: str, size: float) -> float:
    """A generous estimate of the drawn width of ``text`` at font ``size`` (bidi isolates
    take no room; wide characters and symbols such as ⚠ take about twice one)."""
    visible = strip_isolates(text)
    wide = sum(1 for ch in visible if unicodedata.east_asian_width(ch) in "WFA" or ord(ch) > 0x2500)
    return (len(visible) + 0.6 * wide) * size * EM_PER_CHAR


def fit_lines(text: str, width: float, size: float, max_lines: int | None = None) -> list[str]:
    """``text`` wrapped into lines of about ``width`` at font ``size`` (a word too long is
    cut; past ``max_lines`` the last line ends with …)."""
    return wrap(text, max(4, int(width / (size * EM_PER_CHAR))), max_lines)


def status_text(status: Status, lang: str) -> str:
    """A status as its symbol and word (``✘ not met``), in ``lang``."""
    return f"{STATUS_SYMBOLS[status]} {ui('status_' + status, lang)}"


def number(value: float) -> str:
    """A figure for reading: two decimals under 1, one under 100, none above."""
    size = abs(value)
    digits = 2 if size < 1 else 1 if size < 100 else 0
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed_number(value: float) -> str:
    """A change with its sign: ``+3.2``, ``-1``, ``0``."""
    text = number(value)
    return f"+{text}" if text != "0" and not text.startswith("-") else text


def interval(estimate: Estimate) -> str:
    """The 95 % interval of an estimate: ``74.1–82.3`` (``-1.2 – -0.9`` when negative)."""
    low, high = number(estimate.ci_low), number(estimate.ci_high)
    return f"{low} – {high}" if low.startswith("-") or high.startswith("-") else f"{low}–{high}"


def nice_range(values: Iterable[float]) -> tuple[float, float]:
    """A low and high bound around ``values`` on round steps (1, 2 or 5 × 10ⁿ)."""
    items = list(values)
    low, high = (min(items), max(items)) if items else (0.0, 1.0)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    step = tick_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def tick_step(span: float) -> float:
    """A round step that cuts ``span`` into about four parts."""
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover (the loop ends at 10)


def svg_root(
    ctx: RenderContext, width: int, height: int, title: str, description: str
) -> ET.Element:
    """A chart's document: its size, its text alternatives and a white background."""
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=str(width),
        height=str(height),
        viewBox=f"0 0 {width} {height}",
        role="img",
        attrib={
            "font-family": f"{ctx.font}, Noto Sans, sans-serif",
            "aria-labelledby": "title desc",
        },
    )
    ET.SubElement(svg, "title", id="title").text = title
    ET.SubElement(svg, "desc", id="desc").text = description
    ET.SubElement(svg, "rect", width=str(width), height=str(height), fill="white")
    return svg


def serialise(svg: ET.Element) -> str:
    """The document as text, indented (the same input gives the same bytes)."""
    ET.indent(svg, space=" ")
    return ET.tostring(svg, encoding="unicode") + "\n"


def svg_text(
    parent: ET.Element,
    at: tuple[float, float],
    text: str,
    lang: str,
    anchor: str = "middle",
    size: int = 12,
    fill: str = INK,
) -> ET.Element:
    """A ``<text>`` at ``at`` (x, y), isolated for ``lang``'s direction (escaped by
    ``xml.etree``): the one way every chart and curve writes a label."""
    el = svg_element(parent, at, anchor, size, fill)
    el.text = isolate(text, lang)
    return el


def svg_element(
    parent: ET.Element, at: tuple[float, float], anchor: str, size: int, fill: str
) -> ET.Element:
    """An empty ``<text>`` element at ``at`` (x, y) in the charts' attribute order."""
    x, y = at
    return ET.SubElement(
        parent,
        "text",
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        fill=fill,
        attrib={"text-anchor": anchor, "font-size": str(size)},
    )


def label(
    parent: ET.Element,
    ctx: RenderContext,
    x: float,
    y: float,
    text: str,
    anchor: str = "middle",
    size: int = 12,
    fill: str = INK,
    formula: bool = False,
) -> ET.Element:
    """A text label, isolated for the chart's direction (escaped by ``xml.etree``); a
    ``formula`` (``ρ = -0.9, n = 5``) reads left to right in any language."""
    if formula and ctx.rtl:
        el = svg_element(parent, (x, y), anchor, size, fill)
        el.text = f"{LRI}{text}{PDI}"
        return el
    return svg_text(parent, (x, y), text, ctx.lang, anchor, size, fill)


def line(
    parent: ET.Element,
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    stroke: str = GRID,
    width: float = 1,
    dash: str = "",
) -> ET.Element:
    """A straight line (dashed when ``dash`` is given)."""
    attrs = {"stroke-width": f"{width:g}"}
    if dash:
        attrs["stroke-dasharray"] = dash
    return ET.SubElement(
        parent,
        "line",
        x1=f"{x1:.1f}",
        y1=f"{y1:.1f}",
        x2=f"{x2:.1f}",
        y2=f"{y2:.1f}",
        stroke=stroke,
        attrib=attrs,
    )


def whisker(parent: ET.Element, x: float, y_low: float, y_high: float, colour: str) -> None:
    """A vertical 95 % interval with caps."""
    line(parent, x, y_low, x, y_high, colour, 1.5)
    for y in (y_low, y_high):
        line(parent, x - 4, y, x + 4, y, colour, 1.5)


def tip(parent: ET.Element, text: str) -> ET.Element:
    """A group whose ``<title>`` is shown on hover (and read by screen readers)."""
    group = ET.SubElement(parent, "g")
    ET.SubElement(group, "title").text = text
    return group


def dot(
    parent: ET.Element, x: float, y: float, colour: str, r: float = 4.5, hollow: bool = False
) -> None:
    """A round marker (hollow: a ring)."""
    ET.SubElement(
        parent,
        "circle",
        cx=f"{x:.1f}",
        cy=f"{y:.1f}",
        r=f"{r:g}",
        fill="white" if hollow else colour,
        stroke=colour,
        attrib={"stroke-width": "2"},
    )


def diamond(
    parent: ET.Element, x: float, y: float, colour: str, r: float = 6, hollow: bool = True
) -> None:
    """A diamond marker (a second shape, so series differ without colour)."""
    pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    ET.SubElement(
        parent,
        "polygon",
        points=pts,
        fill="white" if hollow else colour,
        stroke=colour,
        attrib={"stroke-width": "2"},
    )


def polyline(
    parent: ET.Element, points: list[tuple[float, float]], colour: str, dash: str = ""
) -> None:
    """A line through ``points`` (nothing when there are fewer than two)."""
    if len(points) < 2:
        return
    attrs = {"stroke-width": "2"}
    if dash:
        attrs["stroke-dasharray"] = dash
    ET.SubElement(
        parent,
        "polyline",
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        fill="none",
        stroke=colour,
        attrib=attrs,
    )


@dataclass(frozen=True)
class XAxis:
    """Positions along a chart's width, mirrored in a right-to-left chart."""

    left: float
    right: float
    rtl: bool

    def at(self, position: float) -> float:
        """x of a position in [0, 1] from the reading side."""
        span = self.right - self.left
        return self.right - position * span if self.rtl else self.left + position * span

    def slot(self, i: int, count: int) -> float:
        """x of the ``i``-th of ``count`` evenly spaced items (one: the middle)."""
        return self.at(0.5 if count == 1 else i / (count - 1))

    def band(self, i: int, count: int) -> float:
        """x of the middle of the ``i``-th of ``count`` equal bands (categories)."""
        return self.at((i + 0.5) / count)

    @property
    def start(self) -> float:
        """Where reading starts: the left edge, or the right one in a right-to-left chart."""
        return self.right if self.rtl else self.left

    @property
    def end(self) -> float:
        return self.left if self.rtl else self.right


@dataclass(frozen=True)
class YAxis:
    """Values onto a chart's height: ``high`` at ``top``, ``low`` at ``bottom``."""

    top: float
    bottom: float
    low: float
    high: float

    def at(self, value: float) -> float:
        """y of ``value``, kept inside the plot."""
        value = min(max(value, self.low), self.high)
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)

    def ticks(self) -> list[float]:
        """Round values from ``low`` to ``high``."""
        step = tick_step(self.high - self.low)
        count = round((self.high - self.low) / step)
        return [self.low + k * step for k in range(count + 1)]


def y_grid(svg: ET.Element, ctx: RenderContext, x: XAxis, y: YAxis, size: int = 11) -> None:
    """Horizontal grid lines with their values on the reading side."""
    for value in y.ticks():
        line(svg, x.left, y.at(value), x.right, y.at(value))
        lx = x.start + 8 if ctx.rtl else x.start - 8
        label(
            svg, ctx, lx, y.at(value) + 4, number(value), "start" if ctx.rtl else "end", size, MUTED
        )


def reading_anchor(ctx: RenderContext) -> str:
    """The text anchor of text that starts on the reading side."""
    return "end" if ctx.rtl else "start"
