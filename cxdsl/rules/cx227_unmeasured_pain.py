"""CX227: a painful step (a persona at the bottom of the journey's emotion scale there, or
an open high-severity pain point) is covered by a measurement plan entry of its journey.
What makes a step painful is :mod:`cxdsl.journey_health`'s answer, the one the home page
and the journey pages give too."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..journey_health import StepHealth, journey_health
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class UnmeasuredPain(EntityRule[Journey]):
    """A painful step is covered by a measurement plan entry of its journey: a step where a
    persona's feeling is at the bottom of the journey's emotion scale, or with a
    high-severity pain point, has an entry triggered at the step or at its stage (or
    measured at its stage).

    A pain point marked `accepted` (a decision already written down, see CX213) does not
    make its step painful by itself; the step's emotion still does.

    **Why**: the steps that hurt most are the ones a change must be judged by; unmeasured,
    nobody will know whether the change helped. The home page counts them ("painful steps
    measured").

    **Fails**:

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, emotion: -2}
    ```

    **Fixed**:

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, emotion: -2}
    measurement_plan:
      - {metric: csat, trigger: {step: pay-online}}
    ```
    """

    code = "CX227"
    name = "step.unmeasured-pain"
    default_severity = Severity.WARNING

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        health = journey_health(journey, ctx.settings)
        for step in health.unmeasured:
            yield Finding(
                step.step,
                f"step '{step.step.id}' {_why(step, health.scale.min)}, "
                "and no measurement covers it",
                _hint(journey, step),
            )


def _why(step: StepHealth, bottom: float) -> str:
    """What makes the step painful, in the message's words."""
    reasons = []
    if step.bottom:
        named = [p for p in step.bottom if p]
        who = f" for {', '.join(repr(p) for p in named)}" if named else ""
        reasons.append(f"is at the bottom of the emotion scale ({_number(bottom)}){who}")
    if step.high_pains:
        n = len(step.high_pains)
        reasons.append(f"has {n} high-severity pain point{'s' if n > 1 else ''}")
    return " and ".join(reasons)


def _number(value: float) -> str:
    """A scale's bottom as written: ``-2`` (never ``-2.0``), ``-1.5``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _hint(journey: Journey, step: StepHealth) -> str:
    stage = journey.stage_of(step.step)
    where = f"trigger: {{step: {step.step.id}}}"
    if stage is not None:
        where += f" or {{stage: {stage.id}}}"
    return f"add a measurement_plan entry with {where}"
