"""Extra parts of a step's line in the journey map's text alternative: what the customer
expected against what they perceived, and the gap between them."""

from __future__ import annotations

from ..i18n import list_separator, ui
from ..model import Step
from .chart_parts import signed_number
from .context import RenderContext


def gap_part(ctx: RenderContext, step: Step) -> str | None:
    """ "Expected 4, perceived 2.5 (gap -1.5)" for a step that states either score (the gap
    only when it states both, perceived − expected, on the journey's scale); None else."""
    expected, perceived = step.expected_score, step.perceived_score
    parts = []
    if expected is not None:
        parts.append(f"{ui('expected', ctx.lang)} {expected:g}")
    if perceived is not None:
        parts.append(f"{ui('perceived', ctx.lang)} {perceived:g}")
    if not parts:
        return None
    text = list_separator(ctx.lang).join(parts)
    if expected is not None and perceived is not None:
        text += f" ({ui('gap_short', ctx.lang)} {signed_number(perceived - expected)})"
    return text
