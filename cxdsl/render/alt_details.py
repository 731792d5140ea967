"""Parts of the diagrams' text alternatives: nested list items, a step's heading, and the
facts of a step in the journey map's text alternative.

The text alternatives are Markdown lists that nest (stage, then step, then what happens
at the step). Python-Markdown nests a list only under an item indented by four spaces,
so every level here is four spaces deeper than its parent; a step's number is said in
words ("Step 3: …", as the diagrams label it), because an ordered list would restart at
one under each stage.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import list_separator, ui
from ..i18n.notation import arrow
from ..journey_flow import Flow
from ..model import Journey, Step
from .chart_parts import signed_number
from .context import RenderContext

#: Applied to every text that comes from the model (escaping for Markdown, or nothing).
Format = Callable[[str], str]

#: One level of a nested Markdown list (Python-Markdown nests at four spaces, not two).
INDENT = "    "


def item(depth: int, text: str) -> str:
    """One bulleted list item, ``depth`` levels deep (0: the outer list)."""
    return f"{INDENT * depth}- {text}"


def step_heading(ctx: RenderContext, number: int, title: str) -> str:
    """ "Step 3: Chase by phone": the step's number as the diagrams write it, then its
    (already formatted) title."""
    return f"{ui('step', ctx.lang)} {number}: {title}"


def _same(text: str) -> str:
    return text


def gap_part(ctx: RenderContext, step: Step, f: Format = _same) -> str | None:
    """ "Expected 4, perceived 2.5 (gap -1.5)" for a step that states either score (the gap
    only when it states both, perceived − expected, on the journey's scale); None else.
    Each number goes through ``f`` (on an Arabic page, isolated so ``-2`` never reads
    ``2-``)."""
    expected, perceived = step.expected_score, step.perceived_score
    parts = []
    if expected is not None:
        parts.append(f"{ui('expected', ctx.lang)} {f(f'{expected:g}')}")
    if perceived is not None:
        parts.append(f"{ui('perceived', ctx.lang)} {f(f'{perceived:g}')}")
    if not parts:
        return None
    text = list_separator(ctx.lang).join(parts)
    if expected is not None and perceived is not None:
        gap = f(signed_number(perceived - expected))
        text += f" ({ui('gap_short', ctx.lang)} {gap})"
    return text


def step_facts(
    ctx: RenderContext, journey: Journey, step: Step, flow: Flow, f: Format
) -> list[str]:
    """What the journey map shows of one step, one fact per list item: whether it is a
    detour, who lives it, its channel, each persona's emotion, expected against
    perceived, its pain points, whether it is a moment of truth, and where it leads."""
    lang = ctx.lang
    facts = []
    if not flow.on_main_path(step):
        facts.append(f"{ui(flow.off_main[step.id], lang)}: {ui('excursion_note', lang)}")
    if step.personas:
        who = list_separator(lang).join(f(ctx.name_of("persona", p)) for p in step.personas)
        facts.append(f"{ui('lived_by', lang)}: {who}")
    if step.channel:
        facts.append(f"{ui('channel', lang)}: {f(ctx.name_of('channel', step.channel))}")
    scale = ctx.scale(journey)
    emotions = ctx.emotions(journey, step)
    several = len(emotions) > 1 or len(journey.all_personas()) > 1
    for persona, value in emotions:
        # Whose feeling it is, where the journey has several personas (as the page says).
        who = f" ({f(ctx.name_of('persona', persona))})" if persona and several else ""
        facts.append(f"{ui('emotion', lang)}{who}: {f(ctx.emotion_label(value, scale))}")
    if (gap := gap_part(ctx, step, f)) is not None:
        facts.append(gap)
    for pain in step.pain_points:
        severity = ui(pain.severity, lang)
        facts.append(f"{ui('pain_point', lang)} ({severity}): {f(ctx.text(pain.text))}")
    if step.moment_of_truth:
        facts.append(ui("moment_of_truth", lang))
    titles = {other.id: f(ctx.text(other.title)) for other in journey.steps()}
    for tr in step.transitions or ():
        facts.append(f"{ui(tr.type, lang)} {arrow(lang)} {titles.get(tr.to, f(tr.to))}")
    return facts
