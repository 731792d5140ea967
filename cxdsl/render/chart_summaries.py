"""The one-line summaries of the measured charts: each chart's ``<desc>``, which the site
uses as its image's alt text.

A summary says what the chart shows at a glance (the latest figure and its status, the
lowest and highest step, the largest gap), never the chart's caption again and never
every figure: the table under each chart holds those. Plain text, not isolated (it
becomes an attribute); None when there is nothing to summarise.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import clause_separator, count_text, ui
from ..model import Journey, Step
from ..results.figures import Figure, StepReading
from .chart_parts import number, signed_number, status_text
from .context import RenderContext


def trend_summary(
    ctx: RenderContext,
    periods: Sequence[str],
    figures: Sequence[Figure | None],
    target: float | None,
) -> str | None:
    """ "Latest, Q3 2026: 44.6 ✔ Met; Target: 35; 4 periods": the newest period with a
    figure shown (``periods`` are the figures' periods in words, oldest first)."""
    shown = [
        (period, figure.estimate.value, figure.status)
        for period, figure in zip(periods, figures, strict=True)
        if figure is not None
        and figure.estimate is not None
        and figure.status not in ("suppressed", "no_data")
    ]
    if not shown:
        return None
    period, latest, status = shown[-1]
    value = f"{number(latest)} {status_text(status, ctx.lang)}"
    parts = [ui("chart_latest", ctx.lang).format(period=period, value=value)]
    if target is not None:
        parts.append(f"{ui('target', ctx.lang)}: {number(target)}")
    parts.append(count_text(len(periods), "period", ctx.lang))
    return clause_separator(ctx.lang).join(parts)


def emotion_summary(
    ctx: RenderContext, journey: Journey, readings: dict[str, StepReading]
) -> str | None:
    """ "Lowest: Complete a returned application -1.54; highest: Receive the licence
    +1.55; 10 steps": the steps of the lowest and highest measured mean."""
    means = [
        (step, reading.estimate.value)
        for step in journey.steps()
        if (reading := readings.get(step.id)) is not None and reading.estimate is not None
    ]
    if not means:
        return None
    low = min(means, key=lambda pair: pair[1])
    high = max(means, key=lambda pair: pair[1])
    parts = [_at(ctx, "chart_lowest", *low), _at(ctx, "chart_highest", *high)]
    parts.append(count_text(len(journey.steps()), "step", ctx.lang))
    return clause_separator(ctx.lang).join(parts)


def _at(ctx: RenderContext, key: str, step: Step, value: float) -> str:
    return ui(key, ctx.lang).format(step=ctx.text(step.title), value=signed_number(value))


def gap_summary(
    ctx: RenderContext, pairs: Sequence[tuple[Step, StepReading, StepReading]]
) -> str | None:
    """ "Largest gap: Upload the documents (expected 3.8, perceived 2.7) -1.1; 7 steps":
    the step whose perceived mean falls furthest from (or rises furthest above) what was
    expected."""
    gaps = [
        (step, e.estimate.value, p.estimate.value)
        for step, e, p in pairs
        if e.estimate is not None and p.estimate is not None
    ]
    if not gaps:
        return None
    step, expected, perceived = max(gaps, key=lambda gap: abs(gap[2] - gap[1]))
    largest = ui("chart_largest_gap", ctx.lang).format(
        step=ctx.text(step.title), expected=number(expected), perceived=number(perceived)
    )
    parts = [f"{largest} {signed_number(perceived - expected)}"]
    parts.append(count_text(len(pairs), "step", ctx.lang))
    return clause_separator(ctx.lang).join(parts)
