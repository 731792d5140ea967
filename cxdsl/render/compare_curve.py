"""The as-is curve drawn under a to-be journey's emotion curve."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..i18n import ui
from ..model import Journey
from .context import RenderContext

if TYPE_CHECKING:
    from .emotion_curve import LegendEntry, Plot


def base_curve(svg: ET.Element, ctx: RenderContext, plot: Plot, base: Journey) -> list[LegendEntry]:
    """The as-is curve under a to-be journey, stretched to the same width."""
    base_steps = base.steps()
    points: list[tuple[float, float]] = []
    for i, step in enumerate(base_steps):
        values = [v for _, v in ctx.emotions(base, step)]
        if values:
            points.append((plot.x_of(i, len(base_steps)), plot.y_of(values[0])))
    if not points:
        return []
    ET.SubElement(
        svg,
        "polyline",
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        fill="none",
        stroke="#8c8c8c",
        attrib={"stroke-width": "2", "stroke-dasharray": "6 4"},
    )
    return [(f"{ui('as-is', ctx.lang)}: {ctx.text(base.title)}", "#8c8c8c", "6 4", "none")]
