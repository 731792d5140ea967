"""The as-is curves drawn under a to-be journey's emotion curve, aligned on matched steps.

Each as-is step sits at the x of the to-be step that matches it (same id, or ``replaces``);
the group of as-is steps one to-be step replaces spreads across that step's slot; a
removed step lies between its matched neighbours (:func:`cxdsl.diff.compare.as_is_positions`).
With ``scope``, only the compared stages' steps are drawn: the unchanged stages are not
in the to-be journey's chart at all.

One dashed line per persona of the as-is journey who is also on the to-be journey, in the
colour of that persona's to-be line mixed half with white, through the as-is steps the
persona lives; the legend names each (``as is: Khalid``). An as-is journey without
personas has one line, in the colour of the to-be journey's first line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..diff.compare import as_is_positions, compare_journeys
from ..i18n import ui
from ..model import Journey, Step
from .context import RenderContext
from .palette import SERIES
from .text import signed

if TYPE_CHECKING:
    from .emotion_curve import LegendEntry, Plot

AS_IS_DASH = "6 4"


def lighter(colour: str, share: float = 0.5) -> str:
    """``#rrggbb`` mixed with white, ``share`` of it white: ``#0072B2`` → ``#80b9d9``."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c + (255 - c) * share + 0.5):02x}" for c in channels)


def base_curve(
    svg: ET.Element, ctx: RenderContext, plot: Plot, base: Journey, journey: Journey | None = None
) -> list[LegendEntry]:
    """The as-is curves under the to-be ``journey``, one per persona on both journeys:
    each as-is step at the x of the to-be step it matches (without ``journey``: stretched
    to the same width)."""
    if journey is None:
        steps = base.steps()
        positions = {
            s.id: 0.5 if len(steps) == 1 else i / (len(steps) - 1) for i, s in enumerate(steps)
        }
    else:
        comparison = compare_journeys(base, journey)
        steps = comparison.as_is_steps()
        positions = as_is_positions(comparison)
    to_be_personas = (journey or base).all_personas()
    personas: list[str | None] = [p for p in base.all_personas() if p in to_be_personas]
    if not base.all_personas():
        personas = [None]
    legend: list[LegendEntry] = []
    for persona in personas:
        index = to_be_personas.index(persona) if persona is not None else 0
        colour = lighter(SERIES[index % len(SERIES)])
        who = ctx.short_name_of(persona) if persona else ctx.text(base.title)
        label = f"{ui('as-is', ctx.lang)}: {who}"
        points = []
        for step in steps:
            value = _as_is_value(ctx, base, step, persona)
            if value is not None:
                title = f"{label}: {ctx.text(step.title)}: {signed(value)}"
                points.append((plot.x_at(positions[step.id]), plot.y_of(value), title))
        if points:
            _series(svg, points, colour)
            legend.append((label, colour, AS_IS_DASH, "none"))
    return legend


def _as_is_value(
    ctx: RenderContext, base: Journey, step: Step, persona: str | None
) -> float | None:
    """What ``persona`` feels at an as-is step they live (None: the first value given)."""
    pairs = ctx.emotions(base, step)
    if persona is None:
        return pairs[0][1] if pairs else None
    if persona not in base.lived_by(step):
        return None
    return next((v for who, v in pairs if who in (persona, None)), None)


def _series(svg: ET.Element, points: list[tuple[float, float, str]], colour: str) -> None:
    """One dashed as-is line and a small dot per step, each titled with its value."""
    series = ET.SubElement(svg, "g", attrib={"class": "cx-as-is"})
    ET.SubElement(
        series,
        "polyline",
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points),
        fill="none",
        stroke=colour,
        attrib={"stroke-width": "2", "stroke-dasharray": AS_IS_DASH},
    )
    for x, y, label in points:
        point = ET.SubElement(series, "g")
        ET.SubElement(point, "title").text = label
        ET.SubElement(point, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="3", fill=colour)
