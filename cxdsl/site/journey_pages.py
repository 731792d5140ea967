"""Journey pages, as-is vs to-be comparisons, and persona pages."""

from __future__ import annotations

from ..model import Journey, Persona, Step
from ..paths import anchor_id, compare_path, entity_path
from ..render.palette import emotion_style
from ..rules.cx209_sample_size import required_sample_size
from .content import PageContext
from .markdown import relative, safe_url


def _emotion(pc: PageContext, journey: Journey, step: Step) -> str:
    scale = pc.ctx.scale(journey)
    parts = []
    emotions = pc.ctx.emotions(journey, step)
    for persona, value in emotions:
        style = emotion_style(value, scale)
        who = (
            pc.w.plain(pc.ctx.name_of("persona", persona).split(" — ")[0]) + ": "
            if persona and len(emotions) > 1
            else ""
        )
        parts.append(
            f'<span class="cx-emotion" style="background:{style.fill};'
            f'color:{style.ink}">{style.glyph} {who}'
            f"{pc.w.plain(pc.ctx.emotion_label(value, scale))}</span>"
        )
    return " ".join(parts)


def _effort(pc: PageContext, step: Step) -> str:
    e = step.effort
    if e is None:
        return ""
    t = pc.w.t
    parts = []
    if e.minutes is not None:
        parts.append(f"{e.minutes:g} {t('minutes')}")
    if e.visits:
        parts.append(f"{e.visits} {t('visits')}")
    if e.cost:
        parts.append(f"{t('cost')} {e.cost:,.0f}")
    if e.documents:
        parts.append(f"{e.documents} {t('documents')}")
    return pc.w.plain(" · ".join(parts))


def _actions(pc: PageContext, step: Step, here: str) -> tuple[str, str]:
    actors: dict[str, None] = {}
    systems: dict[str, None] = {}
    for action in (*step.front_stage, *step.back_stage, *step.support):
        if action.actor:
            actors[pc.w.entity_link("actor", action.actor, here)] = None
        if action.system:
            systems[pc.w.entity_link("system", action.system, here)] = None
    return "<br>".join(actors), "<br>".join(systems)


def journey_page(pc: PageContext, journey: Journey) -> str:
    w = pc.w
    here = entity_path("journey", journey.id)
    t = w.t
    out = [f"# {w.inline(journey.title)}\n"]
    summary = [
        (t("persona"), w.entity_link("persona", journey.persona, here)),
        (
            t("other_personas"),
            w.sep.join(w.entity_link("persona", p, here) for p in journey.personas),
        ),
        (t("segments"), w.sep.join(w.entity_link("segment", s, here) for s in journey.segments)),
        (t("state"), t(journey.state)),
        (
            t("based_on"),
            w.entity_link("journey", journey.based_on, here) if journey.based_on else "",
        ),
        (t("life_event"), w.inline(journey.life_event)),
        (t("scenario"), w.inline(journey.scenario)),
        (t("value_sought"), w.inline(journey.value_sought)),
        (t("owner"), w.entity_link("actor", journey.owner, here) if journey.owner else ""),
        (
            t("stakeholders"),
            w.sep.join(w.entity_link("stakeholder", s, here) for s in journey.stakeholders),
        ),
    ]
    out.append(w.table([t("field"), t("value")], [(k, v) for k, v in summary if v]))
    if journey.state == "to-be" and journey.based_on:
        compare = relative(here, compare_path(journey.id))
        out.append(f"\n{w.link(t('see_comparison'), compare)}\n")
    out.append(f"\n## {t('journey_map')}\n")
    out.append(pc.figure("journey-map", journey.id, here))
    out.append(f"\n## {t('service_blueprint')}\n")
    out.append(pc.figure("service-blueprint", journey.id, here))
    out.append(f"\n## {t('emotion_curve')}\n")
    out.append(pc.figure("emotion-curve", journey.id, here))
    out.append(f"\n## {t('steps_title')}\n")
    rows = []
    pain_rows = []
    number = 0
    for stage in journey.stages:
        for step in stage.steps:
            number += 1
            actors, systems = _actions(pc, step, here)
            title = f'<span id="step-{anchor_id(step.id)}"></span>{number}. {w.inline(step.title)}'
            if step.moment_of_truth:
                title += " ★"
            rows.append(
                (
                    w.inline(stage.title),
                    title,
                    w.entity_link("channel", step.channel, here) if step.channel else "",
                    "<br>".join(x for x in (actors, systems) if x),
                    _emotion(pc, journey, step),
                    _effort(pc, step),
                )
            )
            if step.pain_points or step.opportunities:
                pains = "<br>".join(
                    f"{'⚠⚠' if p.severity == 'high' else '⚠'} {w.inline(p.text)}"
                    + (
                        f" <small>({t('accepted')}: {w.inline(p.accepted)})</small>"
                        if p.accepted and not isinstance(p.accepted, bool)
                        else ""
                    )
                    for p in step.pain_points
                )
                opportunities = "<br>".join(f"◆ {w.inline(o)}" for o in step.opportunities)
                pain_rows.append((f"{number}. {w.inline(step.title)}", pains, opportunities))
    out.append(
        w.table(
            [
                t("stage"),
                t("step"),
                t("channel"),
                t("actors_and_systems"),
                t("emotion"),
                t("effort"),
            ],
            rows,
        )
    )
    out.append(f"\n## {t('pain_points_title')}\n")
    out.append(w.table([t("step"), t("pain_points_title"), t("opportunities")], pain_rows))
    moments = [s for s in journey.steps() if s.moment_of_truth]
    out.append(f"\n## {t('moments_of_truth')}\n")
    plan = journey.measurement_plan
    mot_rows = []
    for step in moments:
        stage_ids = {st.id for st in journey.stages if step in st.steps}
        covering = [
            m
            for m in plan
            if m.trigger and (m.trigger.step == step.id or m.trigger.stage in stage_ids)
        ]
        mot_rows.append(
            (
                w.inline(step.title),
                w.sep.join(w.entity_link("metric", m.metric, here) for m in covering) or "⚠",
            )
        )
    out.append(w.table([t("step"), t("measured_by")], mot_rows))
    out.append(f"\n## {t('evidence_title')}\n")
    evidence_rows = []
    for ident in journey.evidence:
        evidence_rows.append((w.entity_link("evidence", ident, here), t("whole_journey")))
    for step in journey.steps():
        for ident in step.evidence:
            evidence_rows.append((w.entity_link("evidence", ident, here), w.inline(step.title)))
        for pain in step.pain_points:
            for ident in pain.evidence:
                evidence_rows.append(
                    (w.entity_link("evidence", ident, here), f"⚠ {w.inline(pain.text)}")
                )
    out.append(w.table([t("evidence"), t("supports")], evidence_rows))
    out.append(f"\n## {t('measurement_plan')}\n")
    steps = {s.id: s for s in journey.steps()}
    stages = {s.id: s for s in journey.stages}
    plan_rows = []
    for m in plan:
        metric = pc.result.index.entity("metric", m.metric)
        instrument = m.instrument or (metric.instrument if metric is not None else None)
        trigger = ""
        if m.trigger and m.trigger.step in steps:
            trigger = f"{t('step')}: {w.inline(steps[m.trigger.step].title)}"
        elif m.trigger and m.trigger.stage in stages:
            trigger = f"{t('stage')}: {w.inline(stages[m.trigger.stage].title)}"
        target = m.target if m.target is not None else (metric.target if metric else None)
        sample = ""
        if m.sample_size is not None and m.population and m.confidence_level and m.margin_of_error:
            need = required_sample_size(m.population, m.confidence_level, m.margin_of_error)
            ok = "✓" if m.sample_size >= need else "✗"
            sample = w.plain(f"{m.sample_size} / {need} ") + ok
        elif m.sample_size is not None:
            sample = w.plain(str(m.sample_size))
        plan_rows.append(
            (
                w.entity_link("metric", m.metric, here),
                w.entity_link("instrument", instrument, here) if instrument else "",
                trigger,
                w.entity_link("channel", m.channel, here) if m.channel else "",
                w.value(m.cadence) if m.cadence else "",
                w.plain(f"{target:g}") if target is not None else "",
                sample,
            )
        )
    out.append(
        w.table(
            [
                t("metric"),
                t("instrument"),
                t("trigger"),
                t("channel"),
                t("cadence"),
                t("target"),
                t("sample_planned_required"),
            ],
            plan_rows,
        )
    )
    return "\n".join(out)


def compare_page(pc: PageContext, journey: Journey, base: Journey) -> str:
    """What changed from the as-is journey to the to-be one, step by step."""
    w, t = pc.w, pc.w.t
    here = compare_path(journey.id)
    out = [
        f"# {t('comparison')}: {w.inline(journey.title)}\n",
        f"{t('as-is')}: {w.entity_link('journey', base.id, here)} → "
        f"{t('to-be')}: {w.entity_link('journey', journey.id, here)}\n",
    ]
    out.append(f"\n## {t('emotion_curve')}\n")
    out.append(pc.figure("emotion-curve", journey.id, here))
    before = {s.id: s for s in base.steps()}
    after = {s.id: s for s in journey.steps()}
    order = [s.id for s in journey.steps()] + [s.id for s in base.steps() if s.id not in after]
    rows = []
    for ident in order:
        old, new = before.get(ident), after.get(ident)
        title = w.inline((new or old).title)  # type: ignore[union-attr]
        if old is None:
            change = f"+ {t('added')}"
        elif new is None:
            change = f"− {t('removed')}"
        else:
            notes = []
            if old.channel != new.channel:
                notes.append(
                    f"{t('channel')}: {pc.ctx.name_of('channel', old.channel)} → "
                    f"{pc.ctx.name_of('channel', new.channel)}"
                )
            for persona, value in pc.ctx.emotions(journey, new):
                old_value = dict(pc.ctx.emotions(base, old)).get(persona)
                if old_value is not None and old_value != value:
                    who = pc.ctx.name_of("persona", persona).split(" — ")[0] if persona else ""
                    notes.append(
                        f"{t('emotion')} {who} {old_value:+g} → {value:+g} ({value - old_value:+g})"
                    )
            if len(old.pain_points) != len(new.pain_points):
                notes.append(
                    f"{t('pain_points_title')}: {len(old.pain_points)} → {len(new.pain_points)}"
                )
            change = w.plain("; ".join(notes)) if notes else t("unchanged")
        rows.append(
            (
                title,
                _emotion(pc, base, old) if old else "—",
                _emotion(pc, journey, new) if new else "—",
                change,
            )
        )
    out.append(f"\n## {t('step_by_step')}\n")
    out.append(w.table([t("step"), t("as-is"), t("to-be"), t("change")], rows))
    return "\n".join(out)


def persona_page(pc: PageContext, persona: Persona) -> str:
    w, t = pc.w, pc.w.t
    here = entity_path("persona", persona.id)
    out = [f"# {w.inline(persona.name)}\n"]
    if persona.quote:
        out.append(f"> {w.inline(persona.quote)}\n")
    if persona.summary:
        out.append(f"{w.inline(persona.summary)}\n")
    facts = [
        (t("segments"), w.sep.join(w.entity_link("segment", s, here) for s in persona.segments)),
        (t("age_range"), w.plain(persona.age_range or "")),
        (t("occupation"), w.inline(persona.occupation)),
        (t("languages"), w.plain(w.sep.join(persona.languages))),
        (
            t("preferred_channels"),
            w.sep.join(w.entity_link("channel", c, here) for c in persona.preferred_channels),
        ),
    ]
    out.append(w.table([t("field"), t("value")], [(k, v) for k, v in facts if v]))
    for key in ("goals", "needs", "pains", "expectations", "accessibility_needs"):
        out.append(f"\n## {t(key)}\n")
        out.append(w.bullets(getattr(persona, key)))
    if persona.context:
        out.append(f"\n## {t('context')}\n")
        rows = [
            (t(k), w.inline(getattr(persona.context, k)))
            for k in ("social", "financial", "psychological")
            if getattr(persona.context, k)
        ]
        out.append(w.table([t("field"), t("value")], rows))
    out.append(f"\n## {t('evidence_title')}\n")
    out.append(
        w.table([t("evidence")], [(w.entity_link("evidence", e, here),) for e in persona.evidence])
    )
    out.append(f"\n## {t('journeys_title')}\n")
    for journey in pc.journeys():
        if persona.id in journey.all_personas():
            target = relative(here, entity_path("journey", journey.id))
            out.append(f"### {w.link(w.inline(journey.title), target)}\n")
            out.append(pc.figure("emotion-curve", journey.id, here))
    return "\n".join(out)


def evidence_link(pc: PageContext, url: str | None) -> str:
    safe = safe_url(url)
    return f"[{pc.w.plain(url or '')}]({safe})" if safe else pc.w.plain(url or "")
