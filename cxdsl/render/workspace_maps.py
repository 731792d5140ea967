"""Workspace diagrams: the customer tree and the actor map."""

from __future__ import annotations

import graphviz

from ..i18n import ui
from ..model import Actor, Journey, Persona, Segment, parent_segments
from .context import RenderContext
from .palette import PARTNER_FILL


def _volume(ctx: RenderContext, value: int | None) -> str:
    return f"{ui('volume', ctx.lang)}: {value:,}" if value is not None else ""


def customer_tree_dot(ctx: RenderContext) -> str:
    """Segments as a tree (roots on top) with estimated volumes, personas on their leaves."""
    g = graphviz.Digraph("customer_tree")
    g.attr(
        "graph",
        rankdir="TB",
        nodesep="0.3",
        ranksep="0.55",
        fontname=ctx.font,
        fontsize="16",
        labelloc="t",
        pad="0.3",
        bgcolor="white",
        ordering="out",
        label=f"<<B>{ctx.esc(ui('customer_tree', ctx.lang))}</B>>",
    )
    g.attr("node", fontname=ctx.font, fontsize="11")
    segments = [d.entity for d in ctx.index.docs("segment") if isinstance(d.entity, Segment)]
    ids = {s.id: f"g{i}" for i, s in enumerate(segments)}
    parents = parent_segments(segments)
    children: dict[str | None, list[Segment]] = {}
    for seg in segments:
        parent = seg.parent if seg.parent in ids else None
        children.setdefault(parent, []).append(seg)
    # dot places nodes of a rank in the order they are declared: reverse it for RTL.
    for segment in reversed(segments) if ctx.rtl else segments:
        volume = _volume(ctx, segment.estimated_volume)
        label = f"<B>{ctx.lines(ctx.text(segment.name), 24)}</B>"
        if volume:
            label += f'<BR/><FONT POINT-SIZE="9" COLOR="#44505c">{ctx.esc(volume)}</FONT>'
        leaf = segment.id not in parents
        g.node(
            ids[segment.id],
            f"<{label}>",
            shape="box",
            style="rounded,filled",
            fillcolor="#eaf2fa" if leaf else "#dde3ea",
            color="#5b6472",
        )
    # Children in reading order: dot draws out-edges left to right, so reverse for RTL.
    for parent, kids in children.items():
        if parent is None:
            continue
        for kid in reversed(kids) if ctx.rtl else kids:
            g.edge(ids[parent], ids[kid.id], color="#5b6472", arrowhead="none")
    personas = [d.entity for d in ctx.index.docs("persona") if isinstance(d.entity, Persona)]
    for i, persona in reversed(list(enumerate(personas))) if ctx.rtl else enumerate(personas):
        node = f"p{i}"
        g.node(
            node,
            f"<☺ {ctx.lines(ctx.text(persona.name), 22)}>",
            shape="ellipse",
            style="filled",
            fillcolor="#fff7e0",
            color="#b08500",
        )
        for segment_id in persona.segments:
            if segment_id in ids:
                g.edge(ids[segment_id], node, style="dashed", color="#b08500", arrowhead="none")
    return str(g.source)


def actor_map_dot(ctx: RenderContext) -> str:
    """Which actors, partner entities and systems take part in which journeys."""
    g = graphviz.Digraph("actor_map")
    g.attr(
        "graph",
        rankdir="RL" if ctx.rtl else "LR",
        nodesep="0.2",
        ranksep="1.4",
        fontname=ctx.font,
        fontsize="16",
        labelloc="t",
        pad="0.3",
        bgcolor="white",
        label=f"<<B>{ctx.esc(ui('actor_map', ctx.lang))}</B>>",
    )
    g.attr("node", fontname=ctx.font, fontsize="11")
    g.attr("edge", fontname=ctx.font)
    journeys = [d.entity for d in ctx.index.docs("journey") if isinstance(d.entity, Journey)]
    uses = _uses(journeys)
    with g.subgraph(name="journeys") as jg:
        jg.attr(rank="same")
        for i, journey in enumerate(journeys):
            state = ui(journey.state, ctx.lang)
            jg.node(
                f"j{i}",
                f"<<B>{ctx.lines(ctx.text(journey.title), 28)}</B><BR/>"
                f'<FONT POINT-SIZE="9">{ctx.esc(state)}</FONT>>',
                shape="box",
                style="rounded,filled",
                fillcolor="#eaf2fa",
                color="#0571b0",
            )
    journey_node = {j.id: f"j{i}" for i, j in enumerate(journeys)}
    for n, ((kind, ident), counts) in enumerate(sorted(uses.items())):
        node = f"a{n}"
        _participant_node(g, ctx, node, kind, ident)
        for journey_id, count in sorted(counts.items()):
            g.edge(
                node,
                journey_node[journey_id],
                label=f"<{ctx.esc(_count(ctx, count))}>",
                color="#9aa5b1",
                fontsize="9",
                arrowhead="none",
            )
    return str(g.source)


def _uses(journeys: list[Journey]) -> dict[tuple[str, str], dict[str, int]]:
    """How many steps of each journey each (kind, id) actor or system acts in."""
    uses: dict[tuple[str, str], dict[str, int]] = {}
    for journey in journeys:
        for step in journey.steps():
            for action in step.actions():
                for kind, ident in (("actor", action.actor), ("system", action.system)):
                    if ident:
                        counts = uses.setdefault((kind, ident), {})
                        counts[journey.id] = counts.get(journey.id, 0) + 1
    return uses


def _participant_node(
    g: graphviz.Digraph, ctx: RenderContext, node: str, kind: str, ident: str
) -> None:
    """A system (cylinder), an actor (box) or a partner entity (dashed, marked ⇄)."""
    name = ctx.name_of(kind, ident)
    if kind == "system":
        g.node(
            node,
            f"<▣ {ctx.lines(name, 22)}<BR/><FONT POINT-SIZE='9'>"
            f"{ctx.esc(ui('system', ctx.lang))}</FONT>>".replace("'", '"'),
            shape="cylinder",
            style="filled",
            fillcolor="#f7f7f7",
            color="#5b6472",
        )
    else:
        actor = ctx.actor(ident)
        partner = isinstance(actor, Actor) and actor.is_partner
        kind_label = ui(
            f"{actor.type}_actor" if isinstance(actor, Actor) and not partner else "partner",
            ctx.lang,
        )
        mark = "⇄ " if partner else "◉ "
        g.node(
            node,
            f"<{ctx.esc(mark)}{ctx.lines(name, 22)}<BR/>"
            f'<FONT POINT-SIZE="9">{ctx.esc(kind_label)}</FONT>>',
            shape="box",
            style="dashed,filled" if partner else "filled",
            fillcolor=PARTNER_FILL if partner else "white",
            color="#7b3294" if partner else "#5b6472",
            penwidth="1.6" if partner else "1",
        )


def _count(ctx: RenderContext, count: int) -> str:
    return ctx.count(count, "step")
