"""The as-is curve drawn under a to-be journey's emotion curve, aligned on matched steps.

Each as-is step sits at the x of the to-be step that matches it (same id, or ``replaces``);
the group of as-is steps one to-be step replaces spreads across that step's slot; a
removed step lies between its matched neighbours (:func:`cxdsl.diff.compare.as_is_positions`).
With ``scope``, only the compared stages' steps are drawn: the unchanged stages are not
in the to-be journey's chart at all.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..diff.compare import as_is_positions, compare_journeys
from ..i18n import ui
from ..model import Journey
from .context import RenderContext
from .text import signed

if TYPE_CHECKING:
    from .emotion_curve import LegendEntry, Plot

AS_IS_COLOUR = "#8c8c8c"
AS_IS_DASH = "6 4"


def base_curve(
    svg: ET.Element, ctx: RenderContext, plot: Plot, base: Journey, journey: Journey | None = None
) -> list[LegendEntry]:
    """The as-is curve under the to-be ``journey``: each as-is step at the x of the to-be
    step it matches (without ``journey``: stretched to the same width)."""
    if journey is None:
        steps = base.steps()
        positions = {
            s.id: 0.5 if len(steps) == 1 else i / (len(steps) - 1) for i, s in enumerate(steps)
        }
    else:
        comparison = compare_journeys(base, journey)
        steps = comparison.as_is_steps()
        positions = as_is_positions(comparison)
    points: list[tuple[float, float, str]] = []
    for step in steps:
        values = [v for _, v in ctx.emotions(base, step)]
        if values:
            label = f"{ui('as-is', ctx.lang)}: {ctx.text(step.title)}: {signed(values[0])}"
            points.append((plot.x_at(positions[step.id]), plot.y_of(values[0]), label))
    if not points:
        return []
    series = ET.SubElement(svg, "g", attrib={"class": "cx-as-is"})
    ET.SubElement(
        series,
        "polyline",
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points),
        fill="none",
        stroke=AS_IS_COLOUR,
        attrib={"stroke-width": "2", "stroke-dasharray": AS_IS_DASH},
    )
    for x, y, label in points:
        point = ET.SubElement(series, "g")
        ET.SubElement(point, "title").text = label
        ET.SubElement(point, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="3", fill=AS_IS_COLOUR)
    legend = f"{ui('as-is', ctx.lang)}: {ctx.text(base.title)}"
    return [(legend, AS_IS_COLOUR, AS_IS_DASH, "none")]
