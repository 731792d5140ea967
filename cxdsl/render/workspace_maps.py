"""Workspace diagrams: the customer trees (one per segmentation dimension) and the actor
map."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import graphviz

from ..i18n import count_text, format_count, list_separator, ui
from ..model import Action, Actor, Journey, Persona, Segment, Step, parent_segments
from ..paths import anchor_id
from ..segment_trees import CustomerTree, customer_trees
from .alt_details import item
from .context import RenderContext
from .dot_legend import Entry, add_legend
from .palette import PARTNER_FILL
from .symbols import ACTOR, PARTNER, PERSONA, SYSTEM

#: The diagram kind of the first customer tree (the home page shows it).
CUSTOMER_TREE = "customer-tree"
#: How many of an actor's actions with one system the actor map names on the edge.
ACTIONS_SHOWN = 2
#: The widths (characters) names and edge labels wrap at: narrow enough that the actor map
#: and the customer tree fit the content column of a 1280 px page.
NAME_WIDTH, EDGE_WIDTH = 18, 20
#: The smallest text (points): 10 pt, 13 px at the maps' natural size; shown narrower than
#: that on a page, still 11 px or more.
SMALL = "10"


#: Applied to every text from the model in a text alternative (Markdown escaping, or none).
Format = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _volume(ctx: RenderContext, value: int | None) -> str:
    return f"{ui('volume', ctx.lang)}: {value:,}" if value is not None else ""


def _segments(ctx: RenderContext) -> list[Segment]:
    return [d.entity for d in ctx.index.docs("segment") if isinstance(d.entity, Segment)]


def workspace_trees(ctx: RenderContext) -> list[CustomerTree]:
    """The workspace's customer trees: one per segmentation dimension."""
    return customer_trees(_segments(ctx), ctx.settings.dimensions)


def tree_kinds(trees: list[CustomerTree]) -> list[str]:
    """The diagram kind of each tree: ``customer-tree`` for the first (the only one of a
    workspace without dimensions), ``customer-tree-<dimension>`` for the others."""
    kinds: list[str] = []
    for tree in trees:
        kind = CUSTOMER_TREE if not kinds else f"{CUSTOMER_TREE}-{anchor_id(tree.dimension or '')}"
        if kind.casefold() in {k.casefold() for k in kinds}:
            kind += f"-{len(kinds)}"  # two dimension ids with one slug
        kinds.append(kind)
    return kinds


def dimension_name(ctx: RenderContext, dimension: str | None) -> str:
    """A dimension's name in this language (its id when cxdsl.yaml does not name it)."""
    if dimension is None:
        return ""
    name = ctx.settings.dimensions.get(dimension)
    return ctx.text(name) if name is not None else dimension


def tree_title(ctx: RenderContext, tree: CustomerTree | None) -> str:
    """ "Customer tree", or "Customer tree: <dimension>" for a dimension's tree."""
    name = dimension_name(ctx, tree.dimension) if tree else ""
    return f"{ui('customer_tree', ctx.lang)}: {name}" if name else ui("customer_tree", ctx.lang)


def _tree_personas(ctx: RenderContext, tree: CustomerTree | None) -> list[Persona]:
    """The personas drawn on a tree: on one of its segments (every persona when the tree
    is the workspace's only one, so a persona on no segment still shows)."""
    personas = [d.entity for d in ctx.index.docs("persona") if isinstance(d.entity, Persona)]
    if tree is None:
        return personas
    ids = tree.ids()
    return [p for p in personas if ids.intersection(p.segments)]


def customer_tree_dot(ctx: RenderContext, tree: CustomerTree | None = None) -> str:
    """Segments as a tree (roots on the reading side, children after them) with estimated
    volumes, personas on their leaves: ``tree`` (one dimension's), or every segment of the
    workspace. The tree grows across and its leaves down, so many personas make it longer,
    not wider than a page."""
    g = graphviz.Digraph("customer_tree")
    g.attr(
        "graph",
        rankdir="RL" if ctx.rtl else "LR",
        nodesep="0.3",
        ranksep="0.55",
        fontname=ctx.font,
        fontsize="16",
        labelloc="t",
        pad="0.3",
        bgcolor="white",
        ordering="out",
        label=f"<<B>{ctx.esc(tree_title(ctx, tree))}</B>>",
    )
    g.attr("node", fontname=ctx.font, fontsize="11")
    segments = _segments(ctx) if tree is None else list(tree.segments)
    ids = {s.id: f"g{i}" for i, s in enumerate(segments)}
    _segment_nodes(g, ctx, segments, ids)
    personas = _tree_personas(ctx, tree)
    place = {seg: k for k, seg in enumerate(_tree_order(segments, ids))}
    numbered = sorted(
        enumerate(personas),
        key=lambda item: min((place[s] for s in item[1].segments if s in place), default=-1),
    )
    for i, persona in numbered:
        node = f"p{i}"
        g.node(
            node,
            f"<{PERSONA} {ctx.lines(ctx.text(persona.name), NAME_WIDTH)}>",
            shape="ellipse",
            style="filled",
            fillcolor="#fff7e0",
            color="#b08500",
        )
        for segment_id in persona.segments:
            if segment_id in ids:
                g.edge(ids[segment_id], node, style="dashed", color="#b08500", arrowhead="none")
    # Each persona at its first segment's place in the tree, top to bottom, so no two edges
    # cross: an invisible chain in one rank fixes their order (dot's first is the bottom).
    if len(numbered) > 1:
        with g.subgraph(name="personas") as rank:
            rank.attr(rank="same")
            for (a, _), (b, _) in itertools.pairwise(numbered):
                rank.edge(f"p{a}", f"p{b}", style="invis")
    add_legend(g, ctx, [(PERSONA, ui("persona", ctx.lang), PERSONA)])
    return str(g.source)


def _tree_order(segments: list[Segment], ids: dict[str, str]) -> list[str]:
    """The segments' ids read top to bottom: each root, then its children, depth first."""
    order: list[str] = []

    def visit(parent: str | None) -> None:
        for seg in segments:
            if (seg.parent if seg.parent in ids else None) == parent and seg.id not in order:
                order.append(seg.id)
                visit(seg.id)

    visit(None)
    return order


def _segment_nodes(
    g: graphviz.Digraph, ctx: RenderContext, segments: list[Segment], ids: dict[str, str]
) -> None:
    """A node per segment (leaves lighter), and an edge from each parent to its children."""
    parents = parent_segments(segments)
    children: dict[str | None, list[Segment]] = {}
    for seg in segments:
        parent = seg.parent if seg.parent in ids else None
        children.setdefault(parent, []).append(seg)
    # Declared as the tree reads, top to bottom (each root, then its children), in either
    # direction: with ``ordering=out`` dot keeps that order.
    position = {ident: k for k, ident in enumerate(_tree_order(segments, ids))}
    for segment in sorted(segments, key=lambda seg: position.get(seg.id, -1)):
        volume = _volume(ctx, segment.estimated_volume)
        label = f"<B>{ctx.lines(ctx.text(segment.name), NAME_WIDTH)}</B>"
        if volume:
            label += f'<BR/><FONT POINT-SIZE="{SMALL}" COLOR="#44505c">{ctx.esc(volume)}</FONT>'
        leaf = segment.id not in parents
        g.node(
            ids[segment.id],
            f"<{label}>",
            shape="box",
            style="rounded,filled",
            fillcolor="#eaf2fa" if leaf else "#dde3ea",
            color="#5b6472",
        )
    # Children in order: with ``ordering=out`` dot draws them top to bottom.
    for parent, kids in children.items():
        if parent is None:
            continue
        for kid in kids:
            g.edge(ids[parent], ids[kid.id], color="#5b6472", arrowhead="none")


def customer_tree_text(
    ctx: RenderContext, tree: CustomerTree | None = None, f: Format = _same
) -> str:
    """The text alternative of one dimension's tree (None: the workspace's only tree, every
    segment and every persona): its segments, nested, with their volumes and the personas
    on each. Sub-segments nest under their parent (:func:`.alt_details.item`)."""
    personas = _tree_personas(ctx, tree)
    segments = tree.segments if tree is not None else tuple(_segments(ctx))
    head = ui("alt_customer_tree", ctx.lang).format(
        segments=count_text(len(segments), "segment", ctx.lang),
        personas=count_text(len(personas), "persona", ctx.lang),
    )
    lines = [head, ""]  # the caption names the tree (tree_title): the summary does not
    known = {seg.id for seg in segments}

    def emit(parent: str | None, depth: int) -> None:
        for seg in segments:
            if (seg.parent if seg.parent in known else None) != parent:
                continue
            volume = (
                f" ({ui('volume', ctx.lang)}: {format_count(seg.estimated_volume)})"
                if seg.estimated_volume is not None
                else ""
            )
            on = [f(ctx.text(p.name)) for p in personas if seg.id in p.segments]
            who = list_separator(ctx.lang).join(on)
            extra = f" — {ui('alt_personas_on', ctx.lang)}: {who}" if on else ""
            lines.append(item(depth, f"{f(ctx.text(seg.name))}{volume}{extra}"))
            emit(seg.id, depth + 1)

    emit(None, 0)
    return "\n".join(lines) + "\n"


@dataclass
class _Links:
    """Who works with what, from the actions of every step: journey → actor (the steps),
    actor → system (the actions), and the journeys each system serves (with or without
    an actor named)."""

    journey_actor: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    actor_system: dict[tuple[str, str], dict[str, None]] = field(default_factory=dict)
    system_journeys: dict[str, set[str]] = field(default_factory=dict)

    def add(self, ctx: RenderContext, journey: Journey, step: Step, action: Action) -> None:
        """Note one action of ``step``."""
        if action.actor:
            self.journey_actor.setdefault((journey.id, action.actor), set()).add(step.id)
        if action.system:
            self.system_journeys.setdefault(action.system, set()).add(journey.id)
            if action.actor:
                texts = self.actor_system.setdefault((action.actor, action.system), {})
                texts[ctx.text(action.action)] = None

    def actors(self) -> set[str]:
        return {actor for _, actor in self.journey_actor}

    def systems(self) -> set[str]:
        return set(self.system_journeys)


def actor_map_dot(ctx: RenderContext) -> str:
    """Which actors (grouped by organisation, partner entities marked) take part in which
    journeys, and which systems they work with: journeys on the reading side, then the
    actors, then the systems (each saying how many journeys it serves). Edges say how
    many steps link a journey to an actor, and what an actor does with a system (its
    actions); a system no actor is named with stands alone (no edge across the map)."""
    g = graphviz.Digraph("actor_map")
    g.attr(
        "graph",
        rankdir="RL" if ctx.rtl else "LR",
        newrank="true",
        nodesep="0.25",
        ranksep="0.3",
        fontname=ctx.font,
        fontsize="16",
        labelloc="t",
        pad="0.3",
        bgcolor="white",
        label=f"<<B>{ctx.esc(ui('actor_map', ctx.lang))}</B>>",
    )
    g.attr("node", fontname=ctx.font, fontsize="11")
    g.attr("edge", fontname=ctx.font, fontsize=SMALL, color="#9aa5b1", arrowsize="0.6")
    journeys = [d.entity for d in ctx.index.docs("journey") if isinstance(d.entity, Journey)]
    links = _Links()
    for journey in journeys:
        for step in journey.steps():
            for action in step.actions():
                links.add(ctx, journey, step, action)
    nodes: dict[tuple[str, str], str] = {}
    with g.subgraph(name="journeys") as jg:
        jg.attr(rank="same")
        for i, journey in enumerate(journeys):
            nodes["journey", journey.id] = f"j{i}"
            jg.node(
                f"j{i}",
                f"<<B>{ctx.lines(ctx.text(journey.title), NAME_WIDTH)}</B><BR/>"
                f'<FONT POINT-SIZE="{SMALL}">{ctx.esc(ui(journey.state, ctx.lang))}</FONT>>',
                shape="box",
                style="rounded,filled",
                fillcolor="#eaf2fa",
                color="#0571b0",
            )
    _actor_clusters(g, ctx, _in_catalog_order(ctx, "actor", links.actors()), nodes)
    with g.subgraph(name="systems") as sg:
        sg.attr(rank="same")
        for n, ident in enumerate(_in_catalog_order(ctx, "system", links.systems())):
            nodes["system", ident] = f"s{n}"
            served = ctx.count(len(links.system_journeys[ident]), "journey")
            _participant_node(sg, ctx, f"s{n}", "system", ident, served)
    _link_edges(g, ctx, links, nodes)
    add_legend(g, ctx, _actor_legend(ctx))
    return str(g.source)


def _actor_legend(ctx: RenderContext) -> list[Entry]:
    """The symbols of the actor map."""
    return [
        (ACTOR, ui("legend_actor", ctx.lang), ACTOR),
        (PARTNER, ui("partner", ctx.lang), PARTNER),
        (SYSTEM, ui("system", ctx.lang), SYSTEM),
    ]


def _in_catalog_order(ctx: RenderContext, kind: str, used: set[str]) -> list[str]:
    """The ``used`` ids of ``kind`` in the catalog's order, unknown ids last (sorted)."""
    known = [ident for ident in ctx.index.ids(kind) if ident in used]
    return known + sorted(used - set(known))


def _actor_clusters(
    g: graphviz.Digraph, ctx: RenderContext, actors: list[str], nodes: dict[tuple[str, str], str]
) -> None:
    """The actors, a cluster per organisation (in the order first met); actors of no
    organisation stand outside any."""
    groups: dict[str, list[str]] = {}
    for ident in actors:
        actor = ctx.actor(ident)
        organisation = ctx.text(actor.organisation) if actor and actor.organisation else ""
        groups.setdefault(organisation, []).append(ident)
    for k, (organisation, members) in enumerate(groups.items()):
        for ident in members:
            nodes["actor", ident] = f"a{actors.index(ident)}"
        if not organisation:
            for ident in members:
                _participant_node(g, ctx, nodes["actor", ident], "actor", ident)
            continue
        with g.subgraph(name=f"cluster_org{k}") as c:
            c.attr(
                label=f"<<B>{ctx.lines(organisation, 30)}</B>>",
                style="rounded,dashed",
                color="#9aa5b1",
                fontcolor="#44505c",
                fontsize=SMALL,
                margin="10",
            )
            for ident in members:
                _participant_node(c, ctx, nodes["actor", ident], "actor", ident)


def _link_edges(
    g: graphviz.Digraph, ctx: RenderContext, links: _Links, nodes: dict[tuple[str, str], str]
) -> None:
    """Journey → actor (how many steps), actor → system (what the actor does with it: at
    most ``ACTIONS_SHOWN`` actions, then how many more)."""
    for (journey, actor), steps in links.journey_actor.items():
        label = ctx.esc(ctx.count(len(steps), "step"))
        g.edge(nodes["journey", journey], nodes["actor", actor], label=f"<{label}>")
    for (actor, system), texts in links.actor_system.items():
        shown = [ctx.lines(text, EDGE_WIDTH, 2) for text in list(texts)[:ACTIONS_SHOWN]]
        if len(texts) > ACTIONS_SHOWN:
            shown.append(ctx.esc(f"+{len(texts) - ACTIONS_SHOWN}"))
        g.edge(
            nodes["actor", actor],
            nodes["system", system],
            label=f"<{'<BR/>'.join(shown)}>",
            color="#5b6472",
            fontcolor="#333333",
        )


def _participant_node(
    g: graphviz.Digraph, ctx: RenderContext, node: str, kind: str, ident: str, note: str = ""
) -> None:
    """A system (cylinder; ``note``: how many journeys it serves), an actor (box) or a
    partner entity (dashed, marked ⇄)."""
    name = ctx.name_of(kind, ident)
    if kind == "system":
        sub = f"{ui('system', ctx.lang)} · {note}" if note else ui("system", ctx.lang)
        g.node(
            node,
            f"<{SYSTEM} {ctx.lines(name, NAME_WIDTH)}<BR/>"
            f'<FONT POINT-SIZE="{SMALL}">{ctx.esc(sub)}</FONT>>',
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
        mark = f"{PARTNER} " if partner else f"{ACTOR} "
        g.node(
            node,
            f"<{ctx.esc(mark)}{ctx.lines(name, NAME_WIDTH)}<BR/>"
            f'<FONT POINT-SIZE="{SMALL}">{ctx.esc(kind_label)}</FONT>>',
            shape="box",
            style="dashed,filled" if partner else "filled",
            fillcolor=PARTNER_FILL if partner else "white",
            color="#7b3294" if partner else "#5b6472",
            penwidth="1.6" if partner else "1",
        )
