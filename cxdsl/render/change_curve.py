"""A picture of a journey's change on the preview site: one persona's emotion before and
after, as SVG, over the steps :func:`cxdsl.diff.picture.change_window` keeps.

The same chart as the Mermaid one in the pull-request comment (:mod:`cxdsl.emit.diff_chart`)
drawn with the emotion curve's parts (:mod:`.emotion_curve`: stage bands, the scale's grid
and labels, step numbers with ⚠ and ★; :mod:`.chart_parts`: text, lines, markers): before
dashed, in the persona's colour mixed with white, with hollow markers (as the as-is curve
is drawn, :mod:`.compare_curve`); after solid in the persona's colour with filled markers.
SVG can leave a step out of a line, so a line joins the steps that have a value on its side
and has no marker where there is none; a new step is marked ✚ under the axis, a removed
one ✕. Arabic charts run right to left and every text is isolated (``chart_parts.label``);
``xml.etree`` escapes every text and attribute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby

from ..diff.picture import Series, WindowStep, persona_series, series_personas
from ..i18n import count_text, ui
from ..model import Journey
from .chart_parts import (
    dot,
    fit_lines,
    label,
    line,
    polyline,
    serialise,
    svg_root,
    text_width,
    tip,
)
from .compare_curve import AS_IS_DASH, lighter
from .context import RenderContext
from .curve_legend import ROW, Item, draw_legend, legend_rows, step_notes
from .emotion_curve import (
    EDGE,
    LABEL_SIZE,
    LEFT,
    TOP,
    WIDTH,
    Plot,
    draw_grid,
    draw_stage_bands,
    draw_step_marks,
    with_step_names,
)
from .palette import SERIES
from .text import signed

#: Under the steps' names: these marks, then the legend (before and after, the symbols).
MARK_ROW, LEGEND_ROW, NOTE_ROW, EXTRA = 8, 30, 50, 20
OP_MARKS = {"added": ("✚", "change_new_step"), "removed": ("✕", "change_removed_step")}


def change_curve_svg(
    ctx: RenderContext,
    base: Journey,
    head: Journey,
    persona: str | None,
    window: Sequence[WindowStep],
) -> str:
    """The SVG document of ``persona``'s emotion before and after at the steps of ``window``
    (None: the one series of a journey without personas)."""
    series = persona_series(ctx, ctx, base, head, window, persona)
    values = [v for v in (*series.before, *series.after) if v is not None]
    scale = ctx.scale(head)
    low, high = min([scale.min, *values]), max([scale.max, *values])
    plot = Plot(ctx.rtl, scale.model_copy(update={"min": low, "max": high}), len(window))
    plot = with_step_names(ctx, plot, [w.step for w in window])
    rows = legend_rows([], _notes(ctx, window), WIDTH - LEFT - EDGE)
    height = plot.height + EXTRA + ROW * (len(rows) - 1)
    heading = _heading(ctx, head, persona)
    svg = svg_root(ctx, WIDTH, height, heading, _description(ctx, head, persona, len(window)))
    for k, text in enumerate(fit_lines(heading, WIDTH - 2 * EDGE, 16, 2)):
        label(svg, ctx, WIDTH / 2, 28 + 19 * k, text, size=16).set("font-weight", "bold")
    draw_stage_bands(svg, ctx, plot, _window_journey(head, window))
    draw_grid(svg, ctx, plot)
    draw_step_marks(svg, ctx, plot, [w.step for w in window])
    _op_marks(svg, ctx, plot, window)
    personas = series_personas(base, head)
    colour = SERIES[personas.index(persona) % len(SERIES)] if persona in personas else SERIES[0]
    styles = {"before": (lighter(colour), AS_IS_DASH, True), "after": (colour, "", False)}
    for side, (paint, dash, hollow) in styles.items():
        _series(svg, ctx, plot, window, series, side, (paint, dash, hollow))
    _legend(svg, ctx, plot, styles, rows)
    return serialise(svg)


def _heading(ctx: RenderContext, head: Journey, persona: str | None) -> str:
    title = f"{ui('change_curve', ctx.lang)}: {ctx.text(head.title)}"
    return f"{title} · {ctx.short_name_of(persona)}" if persona else title


def _description(ctx: RenderContext, head: Journey, persona: str | None, count: int) -> str:
    steps = count_text(count, "step", ctx.lang, oblique=True)
    title = ctx.text(head.title)
    if persona is None:
        return ui("alt_change_curve_all", ctx.lang).format(steps=steps, title=title)
    who = ctx.name_of("persona", persona)
    return ui("alt_change_curve", ctx.lang).format(persona=who, steps=steps, title=title)


def _window_journey(head: Journey, window: Sequence[WindowStep]) -> Journey:
    """``head`` holding only the window's stages and steps (removed ones at their place),
    for the stage bands."""
    stages = []
    for _, run in groupby(window, key=lambda w: w.stage.id):
        steps = list(run)
        stages.append(steps[0].stage.model_copy(update={"steps": [w.step for w in steps]}))
    return head.model_copy(update={"stages": stages})


def _op_marks(
    svg: ET.Element, ctx: RenderContext, plot: Plot, window: Sequence[WindowStep]
) -> None:
    """✚ under a new step, ✕ under a removed one, each saying so on hover."""
    for i, w in enumerate(window):
        if w.op in OP_MARKS:
            glyph, key = OP_MARKS[w.op]
            group = tip(svg, f"{ctx.text(w.step.title)}: {ui(key, ctx.lang)}")
            label(group, ctx, plot.x_of(i), _under(plot) + MARK_ROW, glyph, size=12)


def _series(
    svg: ET.Element,
    ctx: RenderContext,
    plot: Plot,
    window: Sequence[WindowStep],
    series: Series,
    side: str,
    style: tuple[str, str, bool],
) -> None:
    """One side's line through the steps that have a value there, a marker at each."""
    colour, dash, hollow = style
    values = series.before if side == "before" else series.after
    group = ET.SubElement(svg, "g", attrib={"class": f"cx-{side}"})
    points = [(i, plot.x_of(i), plot.y_of(v)) for i, v in enumerate(values) if v is not None]
    polyline(group, [(x, y) for _, x, y in points], colour, dash)
    word = ui(f"change_chart_{side}", ctx.lang)
    for i, x, y in points:
        value = values[i]
        assert value is not None
        mark = tip(group, f"{ctx.text(window[i].step.title)}: {word} {signed(value)}")
        dot(mark, x, y, colour, 4, hollow=hollow)


def _under(plot: Plot) -> float:
    """Where the chart goes on under the steps' names."""
    return TOP + plot.plot_h + plot.axis_h


def _notes(ctx: RenderContext, window: Sequence[WindowStep]) -> list[str]:
    """What the marks under the axis mean, for those the chart draws."""
    ops = {w.op for w in window}
    return [
        *step_notes([w.step for w in window], ctx.lang),
        *(f"{glyph} {ui(key, ctx.lang)}" for op, (glyph, key) in OP_MARKS.items() if op in ops),
    ]


def _legend(
    svg: ET.Element,
    ctx: RenderContext,
    plot: Plot,
    styles: dict[str, tuple[str, str, bool]],
    rows: list[list[Item]],
) -> None:
    """Before and after (a sample of each line), then the symbols' notes (``rows``), from
    the reading side."""
    sign = -1 if ctx.rtl else 1
    anchor = "end" if ctx.rtl else "start"
    start = plot.x0 + plot.plot_w if ctx.rtl else plot.x0
    y = _under(plot) + LEGEND_ROW
    x = float(start)
    group = ET.SubElement(svg, "g", attrib={"class": "cx-legend"})
    for side, (colour, dash, hollow) in styles.items():
        line(group, x, y, x + sign * 30, y, colour, 2.5, dash)
        dot(group, x + sign * 15, y, colour, 4, hollow=hollow)
        text = ui(f"change_chart_{side}", ctx.lang)
        label(group, ctx, x + sign * 36, y + 4, text, anchor, LABEL_SIZE)
        x += sign * (60 + text_width(text, LABEL_SIZE))
    draw_legend(group, rows, (start, _under(plot) + NOTE_ROW), ctx.lang, ctx.rtl, _none)


def _none(parent: ET.Element, kind: str, x: float, y: float, colour: str) -> None:
    """The notes draw no line sample."""
    del parent, kind, x, y, colour
