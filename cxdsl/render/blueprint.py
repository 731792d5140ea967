"""The service blueprint: the classic lanes, aligned on the journey's steps.

Each stage is a table (split every ``COLUMNS`` steps so a long stage stays page-wide):
a column per step, a row per lane — physical evidence, customer actions, front-stage
actions, the line of visibility, back-stage actions, support processes and systems. Every
action names its actor; partner entities outside the organisation get a ⇄ mark, a dashed
border and a distinct fill (never colour alone). Arabic tables run right to left. A legend
under the tables explains every symbol they use (:mod:`.dot_legend`).

``COLUMNS`` steps to a table keep the blueprint within the content column of a 1280 px
page, so its smallest text (9 pt) reads at 11 px or more where the page shows it.
"""

from __future__ import annotations

import re

import graphviz

from ..i18n import ui
from ..journey_flow import Flow, journey_flow
from ..model import Action, Journey, Step
from .context import RenderContext
from .dot_legend import Entry, add_legend
from .palette import PARTNER_FILL
from .symbols import ACTOR, BRANCH, EVIDENCE, FAILURE, PARTNER, SYSTEM, VISIBILITY

COLUMNS = 3
CELL_WIDTH = 22
LANES = (
    "physical_evidence",
    "customer_actions",
    "front_stage",
    "line_of_visibility",
    "back_stage",
    "support",
)
LANE_FILLS = {
    "physical_evidence": "#f7f7f7",
    "customer_actions": "#eaf2fa",
    "front_stage": "#ffffff",
    "back_stage": "#ffffff",
    "support": "#f7f7f7",
}


def _action_cell(ctx: RenderContext, action: Action) -> str:
    actor = ctx.actor(action.actor)
    partner = actor is not None and actor.is_partner
    who = ctx.name_of("actor", action.actor) if action.actor else ""
    parts = [f"{ctx.lines(ctx.text(action.action), CELL_WIDTH)}"]
    if who:
        mark = f"{PARTNER} {who} ({ui('partner', ctx.lang)})" if partner else f"{ACTOR} {who}"
        parts.append(f'<FONT POINT-SIZE="9" COLOR="#444444">{ctx.lines(mark, CELL_WIDTH)}</FONT>')
    if action.system:
        parts.append(
            f'<FONT POINT-SIZE="9" COLOR="#444444">'
            f"{ctx.lines(SYSTEM + ' ' + ctx.name_of('system', action.system), CELL_WIDTH)}"
            f"</FONT>"
        )
    style = ' STYLE="dashed"' if partner else ""
    fill = PARTNER_FILL if partner else "#ffffff"
    return (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="#8a8a8a"'
        f' BGCOLOR="{fill}"{style}><TR><TD>{"<BR/>".join(parts)}</TD></TR></TABLE>'
    )


def _lane_content(ctx: RenderContext, step: Step, lane: str) -> str:
    if lane == "physical_evidence":
        items = [ctx.lines(f"{EVIDENCE} {ctx.text(e)}", CELL_WIDTH) for e in step.physical_evidence]
        return "<BR/>".join(items)
    if lane == "customer_actions":
        text = ctx.text(step.customer_action) or ctx.text(step.title)
        return f"<B>{ctx.lines(ctx.text(step.title), CELL_WIDTH)}</B>" + (
            f"<BR/>{ctx.lines(text, CELL_WIDTH)}" if step.customer_action else ""
        )
    actions: list[Action] = getattr(step, lane)
    if not actions:
        return ""
    inner = "".join(f"<TR><TD>{_action_cell(ctx, a)}</TD></TR>" for a in actions)
    return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0">{inner}</TABLE>'


#: How a step off the main path is marked in its column's heading.
EXCURSION_MARKS = {"branch": BRANCH, "failure": FAILURE}


def legend_entries(ctx: RenderContext) -> list[Entry]:
    """Every symbol a blueprint may use, in the order of its lanes."""
    lang = ctx.lang
    return [
        (EVIDENCE, ui("physical_evidence", lang), re.escape(EVIDENCE)),
        (ACTOR, ui("legend_actor", lang), re.escape(ACTOR)),
        (PARTNER, ui("partner", lang), re.escape(PARTNER)),
        (SYSTEM, ui("system", lang), re.escape(SYSTEM)),
        (VISIBILITY, ui("line_of_visibility", lang), re.escape(VISIBILITY)),
        (BRANCH, ui("branch", lang), re.escape(BRANCH)),
        (FAILURE, ui("failure", lang), re.escape(FAILURE)),
    ]


def _step_heading(ctx: RenderContext, number: int, step: Step, flow: Flow) -> str:
    """``Step 3``, or ``Step 3 · ✕ failure`` for a step off the main path."""
    text = f"{ui('step', ctx.lang)} {number}"
    kind = flow.off_main.get(step.id)
    if kind:
        text += f" · {EXCURSION_MARKS[kind]} {ui(kind, ctx.lang)}"
    return f'<TD BGCOLOR="#dde3ea"><FONT POINT-SIZE="9">{ctx.esc(text)}</FONT></TD>'


def _table(ctx: RenderContext, title: str, steps: list[Step], first_number: int, flow: Flow) -> str:
    columns = list(enumerate(steps, first_number))
    if ctx.rtl:
        columns.reverse()
    header = f'<TD BGCOLOR="#dde3ea"><B>{ctx.lines(title, 16)}</B></TD>'
    numbered = "".join(_step_heading(ctx, n, step, flow) for n, step in columns)
    rows = [_row(ctx, header, numbered)]
    for lane in LANES:
        if lane == "line_of_visibility":
            words = ui("line_of_visibility", ctx.lang)
            label = ctx.esc(f"{VISIBILITY} {words} {VISIBILITY}")
            rows.append(
                f'<TR><TD COLSPAN="{len(columns) + 1}" BORDER="1" STYLE="dashed" '
                f'COLOR="#0571b0" HEIGHT="8"><FONT POINT-SIZE="9" COLOR="#0571b0">'
                f"{label}</FONT></TD></TR>"
            )
            continue
        fill = LANE_FILLS[lane]
        lane_label = (
            f'<TD BGCOLOR="#eef1f5" ALIGN="CENTER"><B><FONT POINT-SIZE="10">'
            f"{ctx.lines(ui(lane, ctx.lang), 16)}</FONT></B></TD>"
        )
        cells = "".join(
            f'<TD BGCOLOR="{fill}" VALIGN="TOP">{_lane_content(ctx, step, lane)}</TD>'
            for _, step in columns
        )
        rows.append(_row(ctx, lane_label, cells))
    return (
        f'<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" '
        f'COLOR="#9aa5b1">{"".join(rows)}</TABLE>'
    )


def _row(ctx: RenderContext, label: str, cells: str) -> str:
    # The lane names sit on the reading side: left in English, right in Arabic.
    return f"<TR>{cells}{label}</TR>" if ctx.rtl else f"<TR>{label}{cells}</TR>"


def blueprint_dot(ctx: RenderContext, journey: Journey) -> str:
    """The DOT source of a journey's service blueprint in ``ctx.lang``."""
    g = graphviz.Digraph("service_blueprint")
    title = f"{ui('service_blueprint', ctx.lang)}: {ctx.text(journey.title)}"
    g.attr(
        "graph",
        rankdir="TB",
        nodesep="0.2",
        ranksep="0.3",
        fontname=ctx.font,
        fontsize="16",
        labelloc="t",
        labeljust="r" if ctx.rtl else "l",
        pad="0.3",
        bgcolor="white",
        label=f"<<B>{ctx.lines(title, 90)}</B>>",
    )
    g.attr("node", shape="plain", fontname=ctx.font, fontsize="10")
    # One node holding every stage table, aligned on the reading side, so the lanes of
    # consecutive stages line up under each other.
    align = "RIGHT" if ctx.rtl else "LEFT"
    tables = []
    number = 1
    flow = journey_flow(journey)
    for stage in journey.stages:
        for part in range(0, len(stage.steps), COLUMNS):
            chunk = stage.steps[part : part + COLUMNS]
            tables.append(
                f'<TR><TD ALIGN="{align}" BALIGN="{align}">'
                f"{_table(ctx, ctx.text(stage.title), chunk, number, flow)}</TD></TR>"
            )
            number += len(chunk)
    if tables:
        g.node("blueprint", f'<<TABLE BORDER="0" CELLSPACING="12">{"".join(tables)}</TABLE>>')
        add_legend(g, ctx, legend_entries(ctx), "blueprint")
    return str(g.source)
