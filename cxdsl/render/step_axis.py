"""The steps under an emotion chart's axis: a number and the step's name under each point.

A name is wrapped into at most ``NAME_LINES`` lines of the room between two steps. When
one name does not fit whole (a long journey, a long word), every step keeps only its
number under the axis and the names go into a key under it, like a small table: number
and name, in as many columns as the longest entry allows, from the reading side. Either
way every name is shown whole, at ``NAME_SIZE`` px, inside ``<g class="cx-step-names">``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .chart_parts import EM_PER_CHAR, MUTED, fit_lines, svg_text, text_width
from .text import wrap

#: The size of a step's number and name, in px at the width the chart is shown.
NAME_SIZE = 12
NAME_LINES = 3
LINE = 15
#: Under the axis: the numbers' baseline, the pain marks' baseline, the first name line's.
NUMBER_ROW, PAIN_ROW, NAME_ROW = 18, 36, 54
#: Room kept free around a name, and the widest a name under a step may be.
GAP, WIDEST = 8, 170
#: The height of the step rows under the axis when no names are drawn (numbers, pains).
BARE = PAIN_ROW + 10


@dataclass(frozen=True)
class KeyEntry:
    """One entry of the key: where its first line starts (x, y) and its lines."""

    x: float
    y: float
    lines: list[str]


@dataclass(frozen=True)
class StepNames:
    """The names laid out under the axis: ``under[i]`` the lines under step ``i`` (empty
    in key mode), ``key`` the entries of the key (empty when the names fit under the
    steps), and the height of everything under the axis."""

    under: list[list[str]]
    key: list[KeyEntry]
    height: float


def _whole(text: str, chars: int) -> list[str] | None:
    """``text`` wrapped into ``chars``-wide lines, or None when a word would be cut or it
    takes more than ``NAME_LINES`` lines."""
    if any(len(word) > chars for word in text.split()):
        return None
    lines = wrap(text, chars)
    return lines if len(lines) <= NAME_LINES else None


def layout_names(names: list[str], spacing: float, left: float, right: float) -> StepNames:
    """Where the ``names`` of the steps go: under each step (``spacing`` apart) when every
    one fits whole, else in a key spanning ``left``..``right``."""
    chars = int((min(spacing, WIDEST) - GAP) / (NAME_SIZE * EM_PER_CHAR))
    under = [_whole(name, chars) for name in names] if chars >= 4 else [None]
    if all(lines is not None for lines in under):
        fitted = [lines or [] for lines in under]
        tallest = max((len(lines) for lines in fitted), default=0)
        return StepNames(fitted, [], NAME_ROW + LINE * (tallest - 1) + 10)
    return StepNames([[] for _ in names], *_key(names, left, right))


def _key(names: list[str], left: float, right: float) -> tuple[list[KeyEntry], float]:
    """The key's entries, in columns read down then across (column-major) from ``left``
    (the reading side's edge; ``right`` the far one, smaller than ``left`` when the chart
    reads right to left), and the height under the axis they need."""
    width = abs(right - left)
    entries = [f"{n}. {name}" for n, name in enumerate(names, 1)]
    widest = max((text_width(entry, NAME_SIZE) for entry in entries), default=0.0)
    columns = next((c for c in (4, 3, 2) if widest + 2 * GAP <= width / c and len(entries) >= c), 1)
    per_column = -(-len(entries) // columns)
    column_w = width / columns
    sign = 1 if right > left else -1
    placed: list[KeyEntry] = []
    heights = [0.0] * columns
    for k, entry in enumerate(entries):
        column = k // per_column
        lines = fit_lines(entry, column_w - 2 * GAP, NAME_SIZE)
        x = left + sign * column * column_w
        placed.append(KeyEntry(x, NAME_ROW + heights[column], lines))
        heights[column] += LINE * len(lines) + 3
    return placed, NAME_ROW + max(heights, default=0.0) - LINE + 8


def draw_names(
    svg: ET.Element,
    names: StepNames,
    xs: list[float],
    axis_y: float,
    bounds: tuple[float, float],
    lang: str,
    rtl: bool,
) -> None:
    """The names under the steps at ``xs`` (kept inside ``bounds``, the chart's usable
    left and right), or the key, under the axis at ``axis_y``."""
    group = ET.SubElement(svg, "g", attrib={"class": "cx-step-names"})
    for x, lines in zip(xs, names.under, strict=True):
        if not lines:
            continue
        half = max(text_width(line, NAME_SIZE) for line in lines) / 2
        centre = min(max(x, bounds[0] + half), bounds[1] - half)
        for k, line in enumerate(lines):
            at = (centre, axis_y + NAME_ROW + LINE * k)
            svg_text(group, at, line, lang, "middle", NAME_SIZE, MUTED)
    anchor = "end" if rtl else "start"
    for entry in names.key:
        for k, line in enumerate(entry.lines):
            at = (entry.x, axis_y + entry.y + LINE * k)
            svg_text(group, at, line, lang, anchor, NAME_SIZE, MUTED)
