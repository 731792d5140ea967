"""The legend of the emotion charts: a sample of each line, then every symbol the chart
draws with the words it stands for (⚠ against ⚠⚠, ★, ⑂ and ✕ off the main path…).

The legend flows into rows that fit the width the plot spans, from its reading side to
the chart's far edge, inside ``<g class="cx-legend">`` (a test finds every symbol of the
chart there).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from ..i18n import ui
from ..model import Step
from .chart_parts import MUTED, svg_text, text_width
from .symbols import HIGH_PAIN, MOMENT, PAIN_MARK, pain_mark

#: One legend entry: (label, colour, dash pattern, marker kind or "none").
LegendEntry = tuple[str, str, str, str]
#: A laid-out legend item: (width, entry or None for a note, the note's text).
Item = tuple[float, LegendEntry | None, str]
#: Draws a marker: (parent, kind, x, y, colour).
Marker = Callable[[ET.Element, str, float, float, str], None]
#: A row of the legend, its font size, and the gap after each item.
ROW, SIZE, GAP = 20, 12, 24


def step_notes(steps: Sequence[Step], lang: str) -> list[str]:
    """What the marks along the axis mean, for those the steps use: ⚠ (a pain point), ⚠⚠
    (a high-severity one) and ★ (a moment of truth)."""
    marks = {pain_mark(step.pain_points) for step in steps if step.pain_points}
    notes = [f"{PAIN_MARK} {ui('pain_point', lang)}"] if PAIN_MARK in marks else []
    if HIGH_PAIN in marks:
        notes.append(f"{HIGH_PAIN} {ui('high_pain_point', lang)}")
    if any(step.moment_of_truth for step in steps):
        notes.append(f"{MOMENT} {ui('moment_of_truth', lang)}")
    return notes


def legend_rows(entries: list[LegendEntry], notes: list[str], room: float) -> list[list[Item]]:
    """The legend's entries, then on a row of their own the symbol notes, each flowed into
    rows ``room`` wide."""
    rows: list[list[Item]] = []
    groups: list[list[Item]] = [
        [(36 + text_width(entry[0], SIZE) + GAP, entry, entry[0]) for entry in entries],
        [(text_width(note, SIZE) + GAP, None, note) for note in notes],
    ]
    for items in groups:
        used = room + 1.0  # the first item opens a row
        for item in items:
            if used + item[0] > room:
                rows.append([])
                used = 0.0
            rows[-1].append(item)
            used += item[0]
    return rows


def draw_legend(
    svg: ET.Element,
    rows: list[list[Item]],
    start: tuple[float, float],
    lang: str,
    rtl: bool,
    marker: Marker,
) -> ET.Element:
    """The legend from ``start`` (x on the reading side, the first row's y): a line and
    its marker (drawn by ``marker(parent, kind, x, y, colour)``), then the name."""
    group = ET.SubElement(svg, "g", attrib={"class": "cx-legend"})
    sign = -1 if rtl else 1
    anchor = "end" if rtl else "start"
    for r, row in enumerate(rows):
        y = start[1] + ROW * r
        x = start[0]
        for width, entry, text in row:
            if entry is None:
                svg_text(group, (x, y + 4), text, lang, anchor, SIZE, MUTED)
            else:
                _sample(group, entry, (x, y), sign, marker)
                svg_text(group, (x + sign * 36, y + 4), text, lang, anchor, SIZE, "#1a1a1a")
            x += sign * width
    return group


def _sample(
    group: ET.Element,
    entry: LegendEntry,
    at: tuple[float, float],
    sign: int,
    marker: Marker,
) -> None:
    """A 30 px sample of a line, with its marker in the middle."""
    _, colour, dash, kind = entry
    x, y = at
    attrs = {"stroke-width": "2.5"}
    if dash:
        attrs["stroke-dasharray"] = dash
    x1, x2 = sorted((x, x + sign * 30))
    ET.SubElement(
        group, "line", x1=f"{x1}", x2=f"{x2}", y1=f"{y}", y2=f"{y}", stroke=colour, attrib=attrs
    )
    if kind != "none":
        marker(group, kind, (x1 + x2) / 2, y, colour)
