"""Text alternatives of every diagram, written from the model (not from the drawing).

Screen-reader users and search get the same information as the picture: each function
returns Markdown in the page's language; the first line doubles as the SVG description.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diff.compare import compare_journeys
from ..i18n import count_text, list_separator, ui
from ..journey_flow import journey_flow
from ..model import ACTION_LANES, Journey, Step
from .alt_details import Format, item, step_facts, step_heading
from .context import RenderContext
from .journey_map import map_personas


def _same(text: str) -> str:
    return text


def _actor_name(ctx: RenderContext, ident: str, f: Format) -> str:
    """An actor's name, marked when it is a partner entity outside the organisation."""
    actor = ctx.actor(ident)
    partner = f" ({ui('partner', ctx.lang)})" if actor and actor.is_partner else ""
    return f(ctx.name_of("actor", ident)) + partner


def _stage_heading(ctx: RenderContext, title: str) -> str:
    return f"**{ui('stage', ctx.lang)}: {title}**"


def _stage_step_list(
    ctx: RenderContext, journey: Journey, f: Format, details: Callable[[Step], list[str]]
) -> list[str]:
    """Each stage as a list item, its steps nested under it (numbered across the journey,
    as the diagrams number them), and under each step the items ``details`` gives."""
    lines = []
    number = 0
    for stage in journey.stages:
        lines.append(item(0, _stage_heading(ctx, f(ctx.text(stage.title)))))
        for step in stage.steps:
            number += 1
            lines.append(item(1, step_heading(ctx, number, f(ctx.text(step.title)))))
            lines += [item(2, detail) for detail in details(step)]
    return lines


def journey_map_alt(ctx: RenderContext, journey: Journey, f: Format = _same) -> str:
    """The journey map in words: each stage, its steps (numbered as on the map), and
    under each step what the map shows of it, as nested lists."""
    personas = [f(ctx.name_of("persona", p)) for p in map_personas(ctx, journey)]
    key = "alt_journey_map_many" if len(personas) > 1 else "alt_journey_map"
    head = ui(key, ctx.lang).format(
        title=f(ctx.text(journey.title)),
        persona=list_separator(ctx.lang).join(personas),
        personas=list_separator(ctx.lang).join(personas),
        state=ui(journey.state, ctx.lang),
        stages=count_text(len(journey.stages), "stage", ctx.lang),
        steps=count_text(len(journey.steps()), "step", ctx.lang),
    )
    flow = journey_flow(journey)
    walk = _stage_step_list(ctx, journey, f, lambda step: step_facts(ctx, journey, step, flow, f))
    return "\n".join([head, "", *walk]) + "\n"


def _action_lines(ctx: RenderContext, step: Step, f: Format) -> list[str]:
    """A step's actions in the blueprint's lanes, each with its actor and system, then
    its physical evidence."""
    lines = []
    for lane in ACTION_LANES:
        for action in getattr(step, lane):
            parts = [f(ctx.text(action.action))]
            if action.actor:
                parts.append(f"{ui('alt_by_actor', ctx.lang)} {_actor_name(ctx, action.actor, f)}")
            if action.system:
                system = f(ctx.name_of("system", action.system))
                parts.append(f"{ui('alt_with_system', ctx.lang)} {system}")
            lines.append(f"{ui(lane, ctx.lang)}: {' '.join(parts)}")
    for evidence in step.physical_evidence:
        lines.append(f"{ui('physical_evidence', ctx.lang)}: {f(ctx.text(evidence))}")
    return lines


def blueprint_alt(ctx: RenderContext, journey: Journey, f: Format = _same) -> str:
    """The service blueprint in words: each stage, its steps (numbered as on the
    blueprint), and under each step its actions lane by lane, as nested lists."""
    head = ui("alt_service_blueprint", ctx.lang).format(
        title=f(ctx.text(journey.title)), steps=count_text(len(journey.steps()), "step", ctx.lang)
    )
    walk = _stage_step_list(ctx, journey, f, lambda step: _action_lines(ctx, step, f))
    return "\n".join([head, "", *walk]) + "\n"


def emotion_curve_alt(
    ctx: RenderContext, journey: Journey, base: Journey | None, f: Format = _same
) -> str:
    """The emotion curve in words: its range, then each step's emotion as a numbered list
    (numbered as on the curve), and the as-is journey's it is compared with."""
    scale = ctx.scale(journey)
    values = [v for s in journey.steps() for _, v in ctx.emotions(journey, s)]
    low = f(ctx.emotion_label(min(values), scale)) if values else "—"
    high = f(ctx.emotion_label(max(values), scale)) if values else "—"
    head = ui("alt_emotion_curve", ctx.lang).format(
        title=f(ctx.text(journey.title)),
        steps=count_text(len(journey.steps()), "step", ctx.lang),
        low=low,
        high=high,
    )
    lines = [head, ""]

    def step_line(number: int, on: Journey, step: Step) -> str:
        marks = [
            f(ctx.emotion_label(v, scale)) + (f" ({f(ctx.name_of('persona', p))})" if p else "")
            for p, v in ctx.emotions(on, step)
        ]
        shown = list_separator(ctx.lang).join(marks) or "—"
        return f"{number}. {f(ctx.text(step.title))}: {shown}"

    lines += [step_line(n, journey, step) for n, step in enumerate(journey.steps(), 1)]
    if base is not None:
        lines += ["", f"{ui('based_on', ctx.lang)} {f(ctx.text(base.title))}:", ""]
        # Only the as-is stages the to-be journey is compared on (all of them without scope).
        steps = compare_journeys(base, journey).as_is_steps()
        lines += [step_line(n, base, step) for n, step in enumerate(steps, 1)]
    return "\n".join(lines) + "\n"


def actor_map_alt(ctx: RenderContext, f: Format = _same) -> str:
    """The actor map in words: for each journey, the actors and systems it involves."""
    journeys = [d.entity for d in ctx.index.docs("journey") if isinstance(d.entity, Journey)]
    count = count_text(len(journeys), "journey", ctx.lang)
    lines = [ui("alt_actor_map", ctx.lang).format(journeys=count), ""]
    for journey in journeys:
        actors: dict[str, None] = {}
        systems: dict[str, None] = {}
        for step in journey.steps():
            for action in step.actions():
                if action.actor:
                    actors[_actor_name(ctx, action.actor, f)] = None
                if action.system:
                    systems[f(ctx.name_of("system", action.system))] = None
        who = list_separator(ctx.lang).join([*actors, *systems]) or "—"
        lines.append(item(0, f"**{f(ctx.text(journey.title))}**: {who}"))
    return "\n".join(lines) + "\n"
