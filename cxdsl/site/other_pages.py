"""Home, customer tree, indexes, metrics and coverage, catalog (with impact)."""

from __future__ import annotations

from collections import defaultdict

from ..i18n import format_count
from ..journey_health import journeys_by_health
from ..model import (
    Actor,
    Channel,
    Evidence,
    Journey,
    Segment,
    Stakeholder,
    System,
    Trigger,
)
from ..model.kinds import BY_NAME
from ..paths import anchor_id, entity_path
from ..render.workspace_maps import tree_kinds, tree_title, workspace_trees
from .attention_view import attention_section, model_health
from .content import PageContext
from .evidence_age import evidence_date
from .health_view import health_of, overview_cells, overview_headers, persona_link
from .journey_pages import evidence_link, trigger_title
from .markdown import relative
from .measured_pages import measured_volume
from .more_table import more_table
from .segment_view import segment_more, segment_volumes_table, volume_evidence_rows
from .workspace_tables import seasons_table


def _steps_using(pc: PageContext, here: str, test: object) -> list[tuple[str, str]]:
    """(journey link, step link) for every step where ``test(step)`` holds."""
    rows = []
    for journey in pc.journeys():
        page = entity_path("journey", journey.id)
        for step in journey.steps():
            if test(step):  # type: ignore[operator]
                rows.append(
                    (
                        pc.w.link(pc.w.inline(journey.title), relative(here, page)),
                        pc.w.link(
                            pc.w.inline(step.title),
                            relative(here, f"{page}#step-{anchor_id(step.id)}"),
                        ),
                    )
                )
    return rows


def home_page(pc: PageContext) -> str:
    """The home page: what needs attention first (linked to where it is), the model check
    in one line, then the counts, the customer tree, journeys by life event and coverage."""
    w, t, index = pc.w, pc.w.t, pc.result.index
    here = "index.md"
    journeys = pc.journeys()
    out = [f"# {w.inline(pc.result.workspace.settings.name)}\n"]
    if pc.result.workspace.settings.description:
        out.append(f"{w.inline(pc.result.workspace.settings.description)}\n")
    out.append(attention_section(pc, here))
    out.append(model_health(pc, here))
    counts = [
        (t("personas"), len(index.docs("persona"))),
        (t("segments"), len(index.docs("segment"))),
        (t("journeys_title"), len(journeys)),
        (t("steps_title"), sum(len(j.steps()) for j in journeys)),
        (t("metrics_title"), len(index.docs("metric"))),
        (t("channels"), len(index.docs("channel"))),
        (t("actors"), len(index.docs("actor"))),
        (t("systems"), len(index.docs("system"))),
    ]
    out.append('<div class="cx-cards" markdown>\n')
    out += [
        f'<div class="cx-card"><strong>{n}</strong><span>{label}</span></div>'
        for label, n in counts
    ]
    out.append("\n</div>\n")
    out.append(f"\n## {t('customer_tree')}\n")
    out.append(pc.figure("customer-tree", "workspace", here))
    out.append(f"\n## {t('journeys_by_life_event')}\n")
    out.append(_journeys_by_life_event(pc, journeys, here))
    out.append(f"\n## {t('measurement_coverage')}\n")
    out.append(_coverage_summary(pc, journeys))
    out.append(f"\n{w.link(t('coverage_matrix'), 'metrics/coverage.md')}\n")
    return "\n".join(out)


def _journeys_by_life_event(pc: PageContext, journeys: list[Journey], here: str) -> str:
    """As-is and to-be journeys side by side, one row per life event."""
    w, t = pc.w, pc.w.t
    by_event: dict[str, dict[str, list[Journey]]] = defaultdict(lambda: defaultdict(list))
    for journey in journeys:
        by_event[w.inline(journey.life_event) if journey.life_event else "—"][journey.state].append(
            journey
        )
    rows = []
    for event, states in sorted(by_event.items()):
        cells = [
            w.sep.join(w.entity_link("journey", j.id, here) for j in states.get(s, []))
            for s in ("as-is", "to-be")
        ]
        rows.append((event, *cells))
    return w.table([t("life_event"), t("as-is"), t("to-be")], rows)


def _coverage_summary(pc: PageContext, journeys: list[Journey]) -> str:
    """Moments of truth covered, painful steps covered (:mod:`cxdsl.journey_health`),
    journeys with a plan, steps measured."""
    w, t = pc.w, pc.w.t
    steps = [s for j in journeys for s in j.steps()]
    moments = [(j, s) for j in journeys for s in j.steps() if s.moment_of_truth]
    covered = sum(1 for j, s in moments if j.measurements_covering(s))
    measured = sum(1 for j in journeys for s in j.steps() if j.measurements_covering(s))
    planned = sum(1 for j in journeys if j.measurement_plan)
    painful = [s for j in journeys for s in health_of(pc, j).painful]
    return w.table(
        [t("indicator"), t("value")],
        [
            (t("moments_covered"), w.plain(f"{covered} / {len(moments)}")),
            (
                t("health.painful_measured"),
                w.plain(f"{sum(1 for s in painful if s.measured)} / {len(painful)}"),
            ),
            (t("journeys_with_plan"), w.plain(f"{planned} / {len(journeys)}")),
            (t("steps_measured"), w.plain(f"{measured} / {len(steps)}")),
        ],
    )


def customer_tree_page(pc: PageContext) -> str:
    """The customer tree: with several segmentation dimensions, a tree per dimension
    (headed by its name), each with its segments; then every segment's volume."""
    t = pc.w.t
    here = "customer-tree.md"
    out = [f"# {t('customer_tree')}\n"]
    trees = workspace_trees(pc.ctx)
    several = len(trees) > 1
    for kind, tree in zip(tree_kinds(trees), trees, strict=True):
        if several:
            out.append(f"\n## {pc.w.plain(tree_title(pc.ctx, tree))}\n")
        out.append(pc.figure(kind, "workspace", here))
        for seg in tree.segments:
            out.append(_segment_section(pc, seg, here, "###" if several else "##"))
    if not trees:
        out.append(pc.figure("customer-tree", "workspace", here))
    out.append(segment_volumes_table(pc, here))
    return "\n".join(out)


def _segment_section(pc: PageContext, seg: Segment, here: str, level: str) -> str:
    """A segment: its description, parent, volume (with source, year, evidence), measured
    volume, personas, criteria and "More" table."""
    w, t = pc.w, pc.w.t
    out = [f"\n{level} {w.inline(seg.name)} {{#segment-{anchor_id(seg.id)}}}\n"]
    if seg.description:
        out.append(f"{w.inline(seg.description)}\n")
    facts = [
        (t("parent"), w.entity_link("segment", seg.parent, here) if seg.parent else ""),
        (
            t("volume"),
            w.plain(format_count(seg.estimated_volume)) if seg.estimated_volume is not None else "",
        ),
        *volume_evidence_rows(pc, seg, here),
        (t("measured_volume"), measured_volume(pc, seg)),
        (
            t("personas"),
            w.sep.join(
                w.entity_link("persona", p.id, here) for p in pc.personas() if seg.id in p.segments
            ),
        ),
    ]
    out.append(w.table([t("field"), t("value")], [(k, v) for k, v in facts if v]))
    if seg.criteria:
        out.append(f"\n{t('criteria')}:\n\n" + w.bullets(seg.criteria))
    out.append(segment_more(pc, seg))
    return "\n".join(out)


def personas_index(pc: PageContext) -> str:
    w, t = pc.w, pc.w.t
    here = "personas/index.md"
    rows = [
        (
            w.entity_link("persona", p.id, here),
            w.inline(p.summary),
            w.sep.join(w.entity_link("segment", s, here) for s in p.segments),
        )
        for p in pc.personas()
    ]
    return f"# {t('personas')}\n\n" + w.table([t("persona"), t("summary"), t("segments")], rows)


def journeys_index(pc: PageContext) -> str:
    """The journeys overview, worst first, with the health a leader compares them by: each
    persona's lowest feeling and its step, open high-severity pains, painful steps without
    measurement, total effort, owner."""
    w, t = pc.w, pc.w.t
    here = "journeys/index.md"
    healths = journeys_by_health(health_of(pc, j) for j in pc.journeys())
    rows = [
        (
            w.entity_link("journey", h.journey.id, here),
            w.sep.join(persona_link(pc, p, here) for p in h.journey.all_personas()),
            t(h.journey.state),
            *overview_cells(pc, h, here),
        )
        for h in healths
    ]
    headers = [t("journey"), t("personas"), t("state"), *overview_headers(pc)]
    return f"# {t('journeys_title')}\n\n{w.plain(t('health.worst_first'))}\n\n" + w.table(
        headers, rows
    )


def trigger_cell(pc: PageContext, journey: Journey, trigger: Trigger | None) -> str:
    """A measurement's trigger as the title of its step or stage, else the id it names."""
    if trigger is None:
        return ""
    return trigger_title(pc, journey, trigger) or pc.w.plain(trigger.step or trigger.stage or "")


def coverage_page(pc: PageContext) -> str:
    w, t = pc.w, pc.w.t
    here = "metrics/coverage.md"
    metrics = pc.metrics()
    out = [f"# {t('coverage_matrix')}\n"]
    headers = [t("journey")] + [w.entity_link("metric", m.id, here) for m in metrics]
    rows = []
    for journey in pc.journeys():
        used = {m.metric for m in journey.measurement_plan}
        rows.append(
            [w.entity_link("journey", journey.id, here)]
            + ["✓" if m.id in used else "·" for m in metrics]
        )
    out.append(w.table(headers, rows))
    out.append(f"\n## {t('unmeasured_moments')}\n")
    gaps = []
    for journey in pc.journeys():
        for step in journey.steps():
            if step.moment_of_truth and not journey.measurements_covering(step):
                gaps.append((w.entity_link("journey", journey.id, here), w.inline(step.title)))
    out.append(w.table([t("journey"), t("step")], gaps))
    out.append(f"\n## {t('unmeasured_steps')}\n")
    rows2 = []
    for journey in pc.journeys():
        missing = [
            w.inline(s.title) for s in journey.steps() if not journey.measurements_covering(s)
        ]
        if missing:
            rows2.append((w.entity_link("journey", journey.id, here), "<br>".join(missing)))
    out.append(w.table([t("journey"), t("steps_title")], rows2))
    out.append(seasons_table(pc))
    return "\n".join(out)


Rows = list[tuple[str, str]]


def catalog_page(pc: PageContext, kind: str) -> str:
    w, t, index = pc.w, pc.w.t, pc.result.index
    entry = BY_NAME[kind]
    here = entry.catalog_page
    out = [f"# {t(entry.title_key)}\n"]
    if kind in ("actor", "system"):  # who works with which system, in which journeys
        out.append(pc.figure("actor-map", "workspace", here))
    for doc in index.docs(kind):
        e = doc.entity
        name = getattr(e, "name", None) or getattr(e, "title", None)
        out.append(f"\n## {w.inline(name)} {{#{kind}-{anchor_id(e.id)}}}\n")
        if e.description:
            out.append(f"{w.inline(e.description)}\n")
        facts, impact = _catalog_facts(pc, e, here)
        out.append(w.table([t("field"), t("value")], [(k, v) for k, v in facts if v]))
        out.append(more_table(pc, e))
        if isinstance(e, Channel | Actor | System):
            out.append(f"\n**{t('impact')}** — {t('impact_help')}\n\n")
            out.append(w.table([t("journey"), t("step")], impact))
    return "\n".join(out)


def _catalog_facts(pc: PageContext, e: object, here: str) -> tuple[Rows, Rows]:
    """(facts, impact: the steps that use it) of one catalog entry."""
    if isinstance(e, Channel):
        return _channel_facts(pc, e, here)
    if isinstance(e, Actor):
        return _actor_facts(pc, e, here)
    if isinstance(e, System):
        owner = pc.w.entity_link("actor", e.owner, here) if e.owner else ""
        impact = _steps_using(pc, here, lambda s, i=e.id: any(a.system == i for a in s.actions()))
        return [(pc.w.t("owner"), owner)], impact
    if isinstance(e, Stakeholder):
        return _stakeholder_facts(pc, e, here), []
    if isinstance(e, Evidence):
        return _evidence_facts(pc, e), []
    return [], []


def _channel_facts(pc: PageContext, e: Channel, here: str) -> tuple[Rows, Rows]:
    w, t = pc.w, pc.w.t
    facts = [
        (t("type"), w.value(e.type)),
        (t("owner"), w.entity_link("actor", e.owner, here) if e.owner else ""),
    ]
    impact = _steps_using(pc, here, lambda s, i=e.id: s.channel == i)
    prefer = [
        w.entity_link("persona", p.id, here) for p in pc.personas() if e.id in p.preferred_channels
    ]
    facts.append((t("preferred_by"), w.sep.join(prefer)))
    plans = [
        w.entity_link("metric", m.metric, here)
        for j in pc.journeys()
        for m in j.measurement_plan
        if m.channel == e.id
    ]
    facts.append((t("metrics_collected_here"), w.sep.join(dict.fromkeys(plans))))
    return facts, impact


def _actor_facts(pc: PageContext, e: Actor, here: str) -> tuple[Rows, Rows]:
    w, t = pc.w, pc.w.t
    facts = [(t("type"), w.value(e.type)), (t("organisation"), w.inline(e.organisation))]
    impact = _steps_using(pc, here, lambda s, i=e.id: any(a.actor == i for a in s.actions()))
    owned = [w.entity_link("metric", m.id, here) for m in pc.metrics() if m.owner == e.id]
    facts.append((t("owns_metrics"), w.sep.join(owned)))
    journeys = [w.entity_link("journey", j.id, here) for j in pc.journeys() if j.owner == e.id]
    facts.append((t("owns_journeys"), w.sep.join(journeys)))
    return facts, impact


def _stakeholder_facts(pc: PageContext, e: Stakeholder, here: str) -> Rows:
    w, t = pc.w, pc.w.t
    journeys = [
        w.entity_link("journey", j.id, here) for j in pc.journeys() if e.id in j.stakeholders
    ]
    facts = [(t("relation"), w.value(e.relation)), (t("journeys_title"), w.sep.join(journeys))]
    if e.interests:
        facts.append((t("interests"), "<br>".join(w.inline(i) for i in e.interests)))
    return facts


def _evidence_facts(pc: PageContext, e: Evidence) -> Rows:
    w, t = pc.w, pc.w.t
    return [
        (t("method"), w.value(e.method)),
        (t("date"), evidence_date(pc, e.date)),
        (
            t("sample_size"),
            w.plain(format_count(e.sample_size)) if e.sample_size is not None else "",
        ),
        (t("link"), evidence_link(pc, e.link) if e.link else ""),
        (t("summary"), w.inline(e.summary)),
    ]
