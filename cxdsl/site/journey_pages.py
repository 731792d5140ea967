"""Journey pages and persona pages."""

from __future__ import annotations

from ..model import EmotionScale, Journey, Persona, Step
from ..paths import compare_path, entity_path
from ..render.palette import emotion_style
from .content import PageContext
from .effort_view import effort_cell, effort_totals_table
from .evidence_age import evidence_cited
from .health_view import health_summary
from .markdown import relative, safe_url
from .measured_pages import measured_section
from .more_table import more_table
from .plan_tables import plan_table, research_table
from .plan_tables import trigger_title as trigger_title
from .preview import step_anchor
from .step_details import details_section, gap_section


def emotion_cell(pc: PageContext, journey: Journey, step: Step) -> str:
    scale = pc.ctx.scale(journey)
    parts = []
    emotions = pc.ctx.emotions(journey, step)
    for persona, value in emotions:
        style = emotion_style(value, scale)
        who = (
            pc.w.plain(pc.ctx.short_name_of(persona)) + ": "
            # Named whenever the journey has several personas: a step only one of them
            # lives must still say whose feeling it is.
            if persona and (len(emotions) > 1 or len(journey.all_personas()) > 1)
            else ""
        )
        parts.append(
            f'<span class="cx-emotion" style="background:{style.fill};'
            f'color:{style.ink}">{style.glyph} {who}'
            f"{pc.w.plain(pc.ctx.emotion_label(value, scale))}</span>"
        )
    return " ".join(parts)


def _actions(pc: PageContext, step: Step, here: str) -> tuple[str, str]:
    actors: dict[str, None] = {}
    systems: dict[str, None] = {}
    for action in step.actions():
        if action.actor:
            actors[pc.w.entity_link("actor", action.actor, here)] = None
        if action.system:
            systems[pc.w.entity_link("system", action.system, here)] = None
    return "<br>".join(actors), "<br>".join(systems)


def journey_page(pc: PageContext, journey: Journey) -> str:
    """A journey's page: facts, diagrams, steps (their effort, expected-vs-perceived gap
    and details), pains, moments, evidence and the plan."""
    w, t = pc.w, pc.w.t
    here = entity_path("journey", journey.id)
    out = [f"# {w.inline(journey.title)}\n"]
    if journey.description:
        out.append(f"{w.inline(journey.description)}\n")
    out.append(health_summary(pc, journey, here))  # lowest point, pain, effort: at a glance
    out += [_summary(pc, journey, here), more_table(pc, journey)]
    if journey.state == "to-be" and journey.based_on:
        compare = relative(here, compare_path(journey.id))
        out.append(f"\n{w.link(t('see_comparison'), compare)}\n")
    for kind, key in (
        ("journey-map", "journey_map"),
        ("service-blueprint", "service_blueprint"),
        ("emotion-curve", "emotion_curve"),
    ):
        out.append(f"\n## {t(key)}\n")
        out.append(pc.figure(kind, journey.id, here))
    out.append(f"\n## {t('steps_title')}\n")
    out += _step_tables(pc, journey, here)
    out.append(f"\n## {t('moments_of_truth')}\n")
    out.append(_moments_table(pc, journey, here))
    out.append(f"\n## {t('evidence_title')}\n")
    out.append(_evidence_table(pc, journey, here))
    out.append(f"\n## {t('measurement_plan')}\n")
    out.append(plan_table(pc, journey, here))
    out.append(research_table(pc, journey, here))
    measured = measured_section(pc, journey, here)
    if measured:  # only where the workspace's results hold something for this journey
        out.append(measured)
    return "\n".join(out)


def scale_text(pc: PageContext, scale: EmotionScale, key: str | None = None) -> str:
    """An emotion scale as a reader knows it: its ends and its labelled values in the
    page's language, as Markdown ("-2 Frustrated · 0 Neutral · +2 Delighted"); the key a
    journey names it by (``feelings``), for authors, after it in small code."""
    values = sorted({scale.min, scale.max, *scale.labels})
    text = pc.w.plain(" · ".join(pc.ctx.emotion_label(v, scale) for v in values))
    return f"{text} <small>{pc.w.code(key)}</small>" if key else text


def _scale_key(pc: PageContext, journey: Journey) -> str | None:
    """The key of the journey's emotion scale: its own, else the workspace's default."""
    return journey.emotion_scale or pc.ctx.settings.default_emotion_scale


def _summary(pc: PageContext, journey: Journey, here: str) -> str:
    w, t = pc.w, pc.w.t
    scope = {st.id: w.inline(st.title) for st in journey.stages}
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
        (t("scope"), w.sep.join(scope.get(s) or f"{w.plain(s)} ⚠" for s in journey.scope or ())),
        (t("life_event"), w.inline(journey.life_event)),
        (t("scenario"), w.inline(journey.scenario)),
        (t("value_sought"), w.inline(journey.value_sought)),
        (t("owner"), w.entity_link("actor", journey.owner, here) if journey.owner else ""),
        (
            t("stakeholders"),
            w.sep.join(w.entity_link("stakeholder", s, here) for s in journey.stakeholders),
        ),
        (t("emotion_scale"), scale_text(pc, pc.ctx.scale(journey), _scale_key(pc, journey))),
    ]
    return w.table([t("field"), t("value")], [(k, v) for k, v in summary if v])


def _step_tables(pc: PageContext, journey: Journey, here: str) -> list[str]:
    """The table of steps, then the pain points and opportunities section."""
    w, t = pc.w, pc.w.t
    rows = []
    pain_rows = []
    number = 0
    for stage in journey.stages:
        for step in stage.steps:
            number += 1
            actors, systems = _actions(pc, step, here)
            title = f'<span id="{step_anchor(step.id)}"></span>{number}. {w.inline(step.title)}'
            if step.moment_of_truth:
                title += " ★"
            rows.append(
                (
                    w.inline(stage.title),
                    title,
                    w.entity_link("channel", step.channel, here) if step.channel else "",
                    "<br>".join(x for x in (actors, systems) if x),
                    emotion_cell(pc, journey, step),
                    effort_cell(pc, step.effort),
                )
            )
            if step.pain_points or step.opportunities:
                pain_rows.append(_pain_row(pc, step, number))
    headers = ["stage", "step", "channel", "actors_and_systems", "emotion", "effort"]
    out = [w.table([t(h) for h in headers], rows)]
    totals = effort_totals_table(pc, journey)
    if totals:
        out += [f"\n### {t('effort_totals')}\n", totals]
    out.append(gap_section(pc, journey))
    out.append(details_section(pc, journey, here))
    out += [
        f"\n## {t('pain_points_title')}\n",
        w.table([t("step"), t("pain_points_title"), t("opportunities")], pain_rows),
    ]
    return out


def _pain_row(pc: PageContext, step: Step, number: int) -> tuple[str, str, str]:
    w = pc.w
    pains = "<br>".join(
        f"{'⚠⚠' if p.severity == 'high' else '⚠'} {w.inline(p.text)}" + _accepted(pc, p.accepted)
        for p in step.pain_points
    )
    opportunities = "<br>".join(f"◆ {w.inline(o)}" for o in step.opportunities)
    return (f"{number}. {w.inline(step.title)}", pains, opportunities)


def _accepted(pc: PageContext, accepted: object) -> str:
    """A pain knowingly kept: "(accepted)", with the reason when one is given."""
    if accepted is None or accepted is False:
        return ""
    t = pc.w.t
    if accepted is True:
        return f" <small>({t('accepted')})</small>"
    return f" <small>({t('accepted')}: {pc.w.inline(accepted)})</small>"


def _moments_table(pc: PageContext, journey: Journey, here: str) -> str:
    w, t = pc.w, pc.w.t
    rows = [
        (
            w.inline(step.title),
            w.sep.join(
                w.entity_link("metric", m.metric, here) for m in journey.measurements_covering(step)
            )
            or "⚠",
        )
        for step in journey.steps()
        if step.moment_of_truth
    ]
    return w.table([t("step"), t("measured_by")], rows)


def _evidence_table(pc: PageContext, journey: Journey, here: str) -> str:
    w, t = pc.w, pc.w.t
    rows = []
    for ident in journey.evidence:
        rows.append((evidence_cited(pc, ident, here), t("whole_journey")))
    for step in journey.steps():
        for ident in step.evidence:
            rows.append((evidence_cited(pc, ident, here), w.inline(step.title)))
        for pain in step.pain_points:
            for ident in pain.evidence:
                rows.append((evidence_cited(pc, ident, here), f"⚠ {w.inline(pain.text)}"))
    return w.table([t("evidence"), t("supports")], rows)


def _persona_facts(pc: PageContext, persona: Persona, here: str) -> list[tuple[str, str]]:
    w, t = pc.w, pc.w.t
    return [
        (t("short_name"), w.inline(persona.short_name) if persona.short_name else ""),
        (t("segments"), w.sep.join(w.entity_link("segment", s, here) for s in persona.segments)),
        (t("age_range"), w.plain(persona.age_range or "")),
        (t("occupation"), w.inline(persona.occupation)),
        (t("country"), w.country(persona.country)),
        (t("nationality"), w.country(persona.nationality)),
        (t("languages"), w.languages(persona.languages)),
        (
            t("preferred_channels"),
            w.sep.join(w.entity_link("channel", c, here) for c in persona.preferred_channels),
        ),
    ]


def persona_page(pc: PageContext, persona: Persona) -> str:
    """A persona's page: who they are, their situation, evidence and journeys."""
    w, t = pc.w, pc.w.t
    here = entity_path("persona", persona.id)
    out = [f"# {w.inline(persona.name)}\n"]
    if persona.quote:
        out.append(f"> {w.inline(persona.quote)}\n")
    if persona.summary:
        out.append(f"{w.inline(persona.summary)}\n")
    if persona.description:
        out.append(f"{w.inline(persona.description)}\n")
    facts = _persona_facts(pc, persona, here)
    out.append(w.table([t("field"), t("value")], [(k, v) for k, v in facts if v]))
    out.append(more_table(pc, persona))
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
    out.append(w.table([t("evidence")], [(evidence_cited(pc, e, here),) for e in persona.evidence]))
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
