"""Text alternatives of every diagram, written from the model (not from the drawing).

Screen-reader users and search get the same information as the picture: each function
returns Markdown in the page's language; the first line doubles as the SVG description.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diff.compare import compare_journeys
from ..i18n import count_text, ui
from ..journey_flow import journey_flow
from ..model import ACTION_LANES, Journey, Step
from .alt_details import gap_part
from .context import RenderContext

#: Applied to every text that comes from the model (escaping for Markdown, or nothing).
Format = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _actor_name(ctx: RenderContext, ident: str, f: Format) -> str:
    """An actor's name, marked when it is a partner entity outside the organisation."""
    actor = ctx.actor(ident)
    partner = f" ({ui('partner', ctx.lang)})" if actor and actor.is_partner else ""
    return f(ctx.name_of("actor", ident)) + partner


def _step_lines(ctx: RenderContext, journey: Journey, f: Format = _same) -> list[str]:
    scale = ctx.scale(journey)
    lines = []
    number = 0
    titles = {step.id: f(ctx.text(step.title)) for step in journey.steps()}
    flow = journey_flow(journey)
    for stage in journey.stages:
        lines.append(f"- **{ui('stage', ctx.lang)}: {f(ctx.text(stage.title))}**")
        for step in stage.steps:
            number += 1
            parts = [f"{number}. {f(ctx.text(step.title))}"]
            if not flow.on_main_path(step):
                kind = ui(flow.off_main[step.id], ctx.lang)
                parts.append(f"{kind}: {ui('excursion_note', ctx.lang)}")
            if step.personas:
                who = ", ".join(f(ctx.name_of("persona", p)) for p in step.personas)
                parts.append(f"{ui('lived_by', ctx.lang)}: {who}")
            if step.channel:
                channel = f(ctx.name_of("channel", step.channel))
                parts.append(f"{ui('channel', ctx.lang)}: {channel}")
            for persona, value in ctx.emotions(journey, step):
                who = f"{f(ctx.name_of('persona', persona))} " if persona else ""
                feeling = f(ctx.emotion_label(value, scale))
                parts.append(f"{ui('emotion', ctx.lang)}: {who}{feeling}")
            if (gap := gap_part(ctx, step)) is not None:
                parts.append(gap)
            for pain in step.pain_points:
                parts.append(
                    f"{ui('pain_point', ctx.lang)} ({ui(pain.severity, ctx.lang)}): "
                    f"{f(ctx.text(pain.text))}"
                )
            if step.moment_of_truth:
                parts.append(ui("moment_of_truth", ctx.lang))
            for tr in step.transitions or ():
                parts.append(f"{ui(tr.type, ctx.lang)} → {titles.get(tr.to, f(tr.to))}")
            lines.append("  - " + "; ".join(parts))
    return lines


def journey_map_alt(ctx: RenderContext, journey: Journey, f: Format = _same) -> str:
    head = ui("alt_journey_map", ctx.lang).format(
        title=f(ctx.text(journey.title)),
        persona=f(ctx.name_of("persona", journey.persona)),
        state=ui(journey.state, ctx.lang),
        stages=count_text(len(journey.stages), "stage", ctx.lang),
        steps=count_text(len(journey.steps()), "step", ctx.lang),
    )
    return "\n".join([head, "", *_step_lines(ctx, journey, f)]) + "\n"


def blueprint_alt(ctx: RenderContext, journey: Journey, f: Format = _same) -> str:
    head = ui("alt_service_blueprint", ctx.lang).format(
        title=f(ctx.text(journey.title)), steps=count_text(len(journey.steps()), "step", ctx.lang)
    )
    lines = [head, ""]
    for number, step in enumerate(journey.steps(), 1):
        lines.append(f"- {number}. **{f(ctx.text(step.title))}**")
        for lane in ACTION_LANES:
            for action in getattr(step, lane):
                parts = [f(ctx.text(action.action))]
                if action.actor:
                    parts.append(
                        f"{ui('alt_by_actor', ctx.lang)} {_actor_name(ctx, action.actor, f)}"
                    )
                if action.system:
                    system = f(ctx.name_of("system", action.system))
                    parts.append(f"{ui('alt_with_system', ctx.lang)} {system}")
                lines.append(f"  - {ui(lane, ctx.lang)}: {' '.join(parts)}")
        for evidence in step.physical_evidence:
            lines.append(f"  - {ui('physical_evidence', ctx.lang)}: {f(ctx.text(evidence))}")
    return "\n".join(lines) + "\n"


def emotion_curve_alt(
    ctx: RenderContext, journey: Journey, base: Journey | None, f: Format = _same
) -> str:
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
        return f"- {number}. {f(ctx.text(step.title))}: {', '.join(marks) or '—'}"

    lines += [step_line(n, journey, step) for n, step in enumerate(journey.steps(), 1)]
    if base is not None:
        lines += ["", f"{ui('based_on', ctx.lang)} {f(ctx.text(base.title))}:", ""]
        # Only the as-is stages the to-be journey is compared on (all of them without scope).
        steps = compare_journeys(base, journey).as_is_steps()
        lines += [step_line(n, base, step) for n, step in enumerate(steps, 1)]
    return "\n".join(lines) + "\n"


def actor_map_alt(ctx: RenderContext, f: Format = _same) -> str:
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
        lines.append(f"- **{f(ctx.text(journey.title))}**: {', '.join([*actors, *systems]) or '—'}")
    return "\n".join(lines) + "\n"
