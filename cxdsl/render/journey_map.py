"""The journey map: stages as labelled groups in order, steps inside them.

Layout: stages stack top to bottom and the steps of a stage run in rows of at most
``ROW`` steps, like lines of text: left to right in English, right to left in Arabic. A
30-step journey is then a page-wide grid, not a thin strip.

A step off the main path (reached only by a branch or a failure transition, see
``journey_flow``) has a dashed border and says so on top (⑂ branch, ✕ failure); a failure
path without a transition of its own ends there (no flow to the step listed after it).
A step only some personas live names them, and shows emotions for them only.

Each stage's title is a node of its own at the top of its stage, over the first step on
the reading side, not the cluster's label: Graphviz routes edges around nodes but not
around cluster labels, so an edge from the stage before never runs through a title. A
legend under the map explains every symbol the map uses (:mod:`.dot_legend`). At its
natural size (the width a page shows it at, up to the content column of a 1280 px page)
no text is under 9 pt, 12 px.
"""

from __future__ import annotations

import itertools
import re

import graphviz

from ..i18n import arrow, list_separator, ui
from ..journey_flow import Flow, journey_flow
from ..model import Journey, Step, Transition
from .context import RenderContext
from .dot_legend import Entry, add_legend, only
from .palette import PAIN, emotion_style
from .symbols import BRANCH, CHANNEL, FAILURE, HIGH_PAIN, LIVED_BY, LOOP, MOMENT, PAIN_MARK

ROW = 3
TITLE_WIDTH = 22
#: The width (characters) a step's other lines wrap at.
DETAIL_WIDTH = 26
#: The room (points) between the map's title and the line under it.
TITLE_GAP = 10
#: A stage's title: a box in the stage's own colour (no border to see), which edges avoid.
STAGE_FILL = "#f3f5f8"
TITLE_NODE = {"shape": "box", "style": "filled", "fillcolor": STAGE_FILL, "color": STAGE_FILL}
EDGE_STYLES = {
    "next": {"style": "solid", "color": "#4d4d4d"},
    "branch": {"style": "solid", "color": "#0571b0", "penwidth": "1.4"},
    "loop": {"style": "dashed", "color": "#4d4d4d"},
    "failure": {"style": "dashed", "color": PAIN, "penwidth": "1.6"},
}
EDGE_GLYPHS = {"next": "→", "branch": BRANCH, "loop": LOOP, "failure": FAILURE}


def edge_glyph(kind: str, lang: str) -> str:
    """The mark of a transition of ``kind``: "next" points the way ``lang`` reads."""
    return arrow(lang) if kind == "next" else EDGE_GLYPHS[kind]


def legend_entries(ctx: RenderContext) -> list[Entry]:
    """Every symbol a journey map may use, in the order a reader meets them."""
    lang = ctx.lang
    return [
        (CHANNEL, ui("channel", lang), re.escape(CHANNEL)),
        (LIVED_BY, ui("legend_lived_by", lang), re.escape(LIVED_BY)),
        ("▲▲ ▲ ● ▼ ▼▼", ui("legend_emotion", lang), "[▲▼●]"),
        (PAIN_MARK, ui("pain_point", lang), only(PAIN_MARK)),
        (HIGH_PAIN, ui("high_pain_point", lang), re.escape(HIGH_PAIN)),
        (MOMENT, ui("moment_of_truth", lang), re.escape(MOMENT)),
        (arrow(lang), ui("next", lang), re.escape(arrow(lang))),
        (BRANCH, ui("branch", lang), re.escape(BRANCH)),
        (LOOP, ui("loop", lang), re.escape(LOOP)),
        (FAILURE, ui("failure", lang), re.escape(FAILURE)),
    ]


def _step_label(ctx: RenderContext, journey: Journey, step: Step, number: int, flow: Flow) -> str:
    mot = step.moment_of_truth
    head = f"{ui('step', ctx.lang)} {number}"
    excursion = flow.off_main.get(step.id)
    if excursion:
        head += f" · {edge_glyph(excursion, ctx.lang)} {ui(excursion, ctx.lang)}"
    colour = EDGE_STYLES[excursion]["color"] if excursion else "#555555"
    rows = [
        f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="{colour}">'
        f"{ctx.esc(head)}</FONT></TD></TR>",
        f'<TR><TD ALIGN="CENTER"><B>{ctx.lines(ctx.text(step.title), TITLE_WIDTH)}</B></TD></TR>',
    ]
    if step.channel:
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="10" COLOR="#333333">'
            f"{ctx.lines(CHANNEL + ' ' + ctx.name_of('channel', step.channel), DETAIL_WIDTH)}"
            f"</FONT></TD></TR>"
        )
    if step.personas:
        who = list_separator(ctx.lang).join(ctx.short_name_of(p) for p in step.personas)
        lived = f"{LIVED_BY} {ui('lived_by', ctx.lang)}: {who}"
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="#333333">'
            f"{ctx.lines(lived, DETAIL_WIDTH)}</FONT></TD></TR>"
        )
    rows += _emotion_rows(ctx, journey, step)
    for pain in step.pain_points:
        mark = HIGH_PAIN if pain.severity == "high" else PAIN_MARK
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="{PAIN}">'
            f"{ctx.lines(f'{mark} {ctx.text(pain.text)}', DETAIL_WIDTH)}</FONT></TD></TR>"
        )
    if mot:
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="10"><B>'
            f"{ctx.esc(MOMENT + ' ' + ui('moment_of_truth', ctx.lang))}</B></FONT></TD></TR>"
        )
    border = "3" if mot else "1"
    style = "rounded,dashed" if excursion else "rounded"
    return (
        f'<<TABLE BORDER="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'COLOR="#4d4d4d" BGCOLOR="white" STYLE="{style}">{"".join(rows)}</TABLE>>'
    )


def _emotion_rows(ctx: RenderContext, journey: Journey, step: Step) -> list[str]:
    """The emotion of each persona who lives the step (or a note that none is given)."""
    scale = ctx.scale(journey)
    lived = set(journey.lived_by(step))
    emotions = [(p, v) for p, v in ctx.emotions(journey, step) if p is None or p in lived]
    rows = []
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
            f'COLOR="{style.ink}">{ctx.lines(text, DETAIL_WIDTH)}</FONT></TD></TR>'
        )
    if not emotions:
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT POINT-SIZE="9" COLOR="#777777">'
            f"{ctx.esc(ui('no_emotion', ctx.lang))}</FONT></TD></TR>"
        )
    return rows


def journey_map_dot(ctx: RenderContext, journey: Journey) -> str:
    """The DOT source of a journey's map in ``ctx.lang``."""
    g = graphviz.Digraph("journey_map")
    g.attr(
        "graph",
        rankdir="TB",
        newrank="true",
        nodesep="0.25",
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
    flow = journey_flow(journey)
    ids: dict[str, str] = {}
    order: list[Step] = []
    for stage in journey.stages:
        for step in stage.steps:
            ids.setdefault(step.id, f"s{len(ids)}")
            order.append(step)
    numbers = {step.id: n for n, step in enumerate(order, 1)}
    rows: dict[str, tuple[int, str]] = {}
    drawn: list[Step] = []
    titles: dict[str, str] = {}  # the first step drawn of a stage -> its title's node
    for si, stage in enumerate(journey.stages):
        with g.subgraph(name=f"cluster_{si}") as c:
            c.attr(
                label="",  # not the graph's (the stage's title is a node, see above)
                style="rounded,filled",
                fillcolor=STAGE_FILL,
                color="#b8c2cf",
                margin="12",
            )
            for name, row in _stage_rows(stage.steps, flow):
                with c.subgraph(name=f"row_{si}_{name}") as rank:
                    rank.attr(rank="same")
                    for step in row:
                        rows[step.id] = (si, name)
                        drawn.append(step)
                        label = _step_label(ctx, journey, step, numbers[step.id], flow)
                        rank.node(ids[step.id], label)
            if stage.steps:
                first = _stage_rows(stage.steps, flow)[0][1][0]
                titles[first.id] = f"t{si}"
                c.node(f"t{si}", _stage_title(ctx, stage.title), **TITLE_NODE)
                c.edge(f"t{si}", ids[first.id], style="invis", weight="100")
    _flow_edges(ctx, g, (order, drawn), (ids, titles), rows, flow)
    add_legend(g, ctx, legend_entries(ctx), ids[drawn[-1].id] if drawn else None)
    return str(g.source)


def _stage_title(ctx: RenderContext, title: object) -> str:
    """A stage's title as a node's label: bold, wrapped."""
    return f'<<FONT POINT-SIZE="13"><B>{ctx.lines(ctx.text(title), 30)}</B></FONT>>'


def _stage_rows(steps: list[Step], flow: Flow) -> list[tuple[str, list[Step]]]:
    """A stage's rows (name, steps): its main-path steps, ``ROW`` at a time, then under
    them the steps off the main path (branches, failure paths)."""
    main = [step for step in steps if flow.on_main_path(step)]
    off = [step for step in steps if not flow.on_main_path(step)]
    rows = [(str(r), main[r : r + ROW]) for r in range(0, len(main), ROW)]
    return rows + [(f"x{r}", off[r : r + ROW]) for r in range(0, len(off), ROW)]


def map_personas(ctx: RenderContext, journey: Journey) -> list[str]:
    """The personas the map draws feelings for, in the journey's order: the journey's
    own (``persona``, then ``personas``), then any other whose emotion a step records
    for a persona who lives it (as :func:`_emotion_rows` draws them)."""
    found = dict.fromkeys(journey.all_personas())
    for step in journey.steps():
        lived = set(journey.lived_by(step))
        found.update((p, None) for p, _ in ctx.emotions(journey, step) if p and p in lived)
    return list(found)


def personas_text(ctx: RenderContext, journey: Journey) -> str:
    """ "Personas: Khalid — home owner, Fahad — engineering office": every persona the
    map draws, joined with the language's list separator (plain, not isolated)."""
    names = [ctx.name_of("persona", p) for p in map_personas(ctx, journey)]
    word = ui("personas" if len(names) > 1 else "persona", ctx.lang)
    return f"{word}: {list_separator(ctx.lang).join(names)}"


def _title(ctx: RenderContext, journey: Journey) -> str:
    """The graph's label: the journey's title (bold, 16 pt) over its personas and state
    (11 pt), in rows of their own with room between them, so descenders of the title
    (Arabic's reach far down) never touch the line under it."""
    state = ui(journey.state, ctx.lang)
    sub = f"{personas_text(ctx, journey)} · {state}"
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f"<TR><TD><B>{ctx.lines(ctx.text(journey.title), 80)}</B></TD></TR>"
        f'<TR><TD HEIGHT="{TITLE_GAP}"></TD></TR>'
        f'<TR><TD><FONT POINT-SIZE="11">{ctx.lines(sub, 110)}</FONT></TD></TR></TABLE>>'
    )


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
    orders: tuple[list[Step], list[Step]],
    nodes: tuple[dict[str, str], dict[str, str]],
    rows: dict[str, tuple[int, str]],
    flow: Flow,
) -> None:
    """The default flow (each step to the next, in the journey's ``order``) and every
    explicit transition; rows start under each other (in the ``drawn`` order), a stage's
    first row under its title. A failure path without transitions of its own ends (its
    default flow is not drawn)."""
    order, drawn = orders
    ids, titles = nodes
    row_starts = [
        step for i, step in enumerate(drawn) if i == 0 or rows[drawn[i - 1].id] != rows[step.id]
    ]
    for above, below in itertools.pairwise(row_starts):
        # Rows start under each other (like lines of text), not where the last one ended.
        g.edge(ids[above.id], titles.get(below.id, ids[below.id]), style="invis", weight="100")
    for i, step in enumerate(order[:-1]):
        nxt = order[i + 1]
        explicit = step.transitions
        visible = explicit is None or any(t.to == nxt.id and t.type == "next" for t in explicit)
        if explicit is None and flow.off_main.get(step.id) == "failure":
            visible = False
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
            _transition(ctx, g, ids, rows, step, tr)


def _transition(
    ctx: RenderContext,
    g: graphviz.Digraph,
    ids: dict[str, str],
    rows: dict[str, tuple[int, str]],
    step: Step,
    tr: Transition,
) -> None:
    """An explicit transition; a ``next`` one to a step of the same row (over a step
    drawn off the main path) reads like the default flow, unlabelled unless it has one."""
    attrs = dict(EDGE_STYLES[tr.type])
    if tr.type == "next" and rows[step.id] == rows[tr.to]:
        if tr.label:
            attrs["label"] = f"<{ctx.esc(ctx.text(tr.label))}>"
        _edge(g, ctx, ids[step.id], ids[tr.to], True, **attrs)
        return
    label = ctx.text(tr.label) if tr.label else ui(tr.type, ctx.lang)
    attrs["label"] = f"<{ctx.esc(edge_glyph(tr.type, ctx.lang) + ' ' + label)}>"
    attrs["fontcolor"] = attrs["color"]
    attrs["constraint"] = "false"
    g.edge(ids[step.id], ids[tr.to], **attrs)
