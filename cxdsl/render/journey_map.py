"""The journey map: stages as labelled groups in order, steps inside them.

Layout: stages stack top to bottom and the steps of a stage run in rows of at most
``ROW`` steps, like lines of text: left to right in English, right to left in Arabic. A
30-step journey is then a page-wide grid, not a thin strip.
"""

from __future__ import annotations

import itertools

import graphviz

from ..i18n import ui
from ..model import Journey, Step
from .context import RenderContext
from .palette import PAIN, emotion_style

ROW = 5
TITLE_WIDTH = 24
EDGE_STYLES = {
    "next": {"style": "solid", "color": "#4d4d4d"},
    "branch": {"style": "solid", "color": "#0571b0", "penwidth": "1.4"},
    "loop": {"style": "dashed", "color": "#4d4d4d"},
    "failure": {"style": "dashed", "color": PAIN, "penwidth": "1.6"},
}
EDGE_GLYPHS = {"next": "→", "branch": "⑂", "loop": "↺", "failure": "✕"}


def _step_label(ctx: RenderContext, journey: Journey, step: Step, number: int) -> str:
    scale = ctx.scale(journey)
    mot = step.moment_of_truth
    rows = [
        f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="#555555">'
        f"{ctx.esc(ui('step', ctx.lang) + ' ' + str(number))}</FONT></TD></TR>",
        f'<TR><TD ALIGN="CENTER"><B>{ctx.lines(ctx.text(step.title), TITLE_WIDTH)}</B></TD></TR>',
    ]
    if step.channel:
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="10" COLOR="#333333">'
            f"{ctx.lines('⌁ ' + ctx.name_of('channel', step.channel), 30)}"
            f"</FONT></TD></TR>"
        )
    emotions = ctx.emotions(journey, step)
    for persona, value in emotions:
        style = emotion_style(value, scale)
        who = (
            f"{ctx.name_of('persona', persona).split(' — ')[0]}: "
            if persona and len(emotions) > 1
            else ""
        )
        text = f"{style.glyph} {who}{ctx.emotion_label(value, scale)}"
        rows.append(
            f'<TR><TD BGCOLOR="{style.fill}" ALIGN="CENTER"><FONT POINT-SIZE="10" '
            f'COLOR="{style.ink}">{ctx.lines(text, 30)}</FONT></TD></TR>'
        )
    if not emotions:
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="#777777">'
            f"{ctx.esc(ui('no_emotion', ctx.lang))}</FONT></TD></TR>"
        )
    for pain in step.pain_points:
        mark = "⚠" * (2 if pain.severity == "high" else 1)
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="{PAIN}">'
            f"{ctx.lines(f'{mark} {ctx.text(pain.text)}', 30)}</FONT></TD></TR>"
        )
    if mot:
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="10"><B>'
            f"{ctx.esc('★ ' + ui('moment_of_truth', ctx.lang))}</B></FONT></TD></TR>"
        )
    border = "3" if mot else "1"
    return (
        f'<<TABLE BORDER="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'COLOR="#4d4d4d" BGCOLOR="white" STYLE="rounded">{"".join(rows)}</TABLE>>'
    )


def journey_map_dot(ctx: RenderContext, journey: Journey) -> str:
    """The DOT source of a journey's map in ``ctx.lang``."""
    g = graphviz.Digraph("journey_map")
    g.attr(
        "graph",
        rankdir="TB",
        newrank="true",
        nodesep="0.3",
        ranksep="0.5",
        fontname=ctx.font,
        fontsize="16",
        labelloc="t",
        pad="0.3",
        bgcolor="white",
        label=_title(ctx, journey),
        compound="true",
    )
    g.attr("node", shape="plain", fontname=ctx.font, fontsize="11")
    g.attr("edge", fontname=ctx.font, fontsize="9", arrowsize="0.7")
    ids: dict[str, str] = {}
    order: list[Step] = []
    for stage in journey.stages:
        for step in stage.steps:
            ids.setdefault(step.id, f"s{len(ids)}")
            order.append(step)
    number = 0
    rows: dict[str, tuple[int, int]] = {}
    for si, stage in enumerate(journey.stages):
        with g.subgraph(name=f"cluster_{si}") as c:
            c.attr(
                label=f"<<B>{ctx.esc(ctx.text(stage.title))}</B>>",
                style="rounded,filled",
                fillcolor="#f3f5f8",
                color="#b8c2cf",
                fontsize="13",
                margin="12",
            )
            for r in range(0, len(stage.steps), ROW):
                row = stage.steps[r : r + ROW]
                with c.subgraph(name=f"row_{si}_{r}") as rank:
                    rank.attr(rank="same")
                    for step in row:
                        number += 1
                        rows[step.id] = (si, r)
                        rank.node(ids[step.id], _step_label(ctx, journey, step, number))
    _flow_edges(ctx, g, order, ids, rows)
    return str(g.source)


def _title(ctx: RenderContext, journey: Journey) -> str:
    state = ui(journey.state, ctx.lang)
    persona = ctx.name_of("persona", journey.persona)
    head = f"{ctx.text(journey.title)}"
    sub = f"{ui('persona', ctx.lang)}: {persona} · {state}"
    return f'<<B>{ctx.lines(head, 80)}</B><BR/><FONT POINT-SIZE="11">{ctx.esc(sub)}</FONT>>'


def _edge(
    g: graphviz.Digraph, ctx: RenderContext, a: str, b: str, same_row: bool, **attrs: str
) -> None:
    # In a right-to-left map, an edge inside a row is written b -> a with dir=back: dot
    # places the tail left of the head, so the flow reads right to left, arrow on b.
    if ctx.rtl and same_row:
        g.edge(b, a, dir="back", **attrs)
    else:
        g.edge(a, b, **attrs)


def _flow_edges(
    ctx: RenderContext,
    g: graphviz.Digraph,
    order: list[Step],
    ids: dict[str, str],
    rows: dict[str, tuple[int, int]],
) -> None:
    """The default flow (each step to the next) and every explicit transition."""
    row_starts = [
        step for i, step in enumerate(order) if i == 0 or rows[order[i - 1].id] != rows[step.id]
    ]
    for above, below in itertools.pairwise(row_starts):
        # Rows start under each other (like lines of text), not where the last one ended.
        g.edge(ids[above.id], ids[below.id], style="invis", weight="100")
    for i, step in enumerate(order[:-1]):
        nxt = order[i + 1]
        explicit = step.transitions
        visible = explicit is None or any(t.to == nxt.id and t.type == "next" for t in explicit)
        # Invisible when the step has other transitions: it still keeps the layout in order.
        attrs = dict(EDGE_STYLES["next"]) if visible else {"style": "invis"}
        same_row = rows[step.id] == rows[nxt.id]
        if not same_row:
            attrs["constraint"] = "false"
        _edge(g, ctx, ids[step.id], ids[nxt.id], same_row, **attrs)
    for i, step in enumerate(order):
        for tr in step.transitions or ():
            if tr.to not in ids:
                continue
            if tr.type == "next" and i + 1 < len(order) and order[i + 1].id == tr.to:
                continue  # drawn by the flow above
            label = ctx.text(tr.label) if tr.label else ui(tr.type, ctx.lang)
            attrs = dict(EDGE_STYLES[tr.type])
            attrs["label"] = f"<{ctx.esc(EDGE_GLYPHS[tr.type] + ' ' + label)}>"
            attrs["fontcolor"] = attrs["color"]
            attrs["constraint"] = "false"
            g.edge(ids[step.id], ids[tr.to], **attrs)
