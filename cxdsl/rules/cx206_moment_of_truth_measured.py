"""CX206."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class MomentOfTruthMeasured(EntityRule[Journey]):
    """Every moment of truth is covered by a measurement plan entry of its journey, triggered
    at the step itself or at its stage.

    **Why**: moments of truth decide how the whole experience is remembered; measurement is
    designed before anyone measures, so the plan must reach them.

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
          - {id: pay-online, title: Pay online, channel: portal, moment_of_truth: true}
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
          - {id: pay-online, title: Pay online, channel: portal, moment_of_truth: true}
    measurement_plan:
      - {metric: csat, trigger: {step: pay-online}}
    ```
    """

    code = "CX206"
    name = "measurement.moment-of-truth-covered"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        for step in journey.steps():
            if step.moment_of_truth and not journey.measurements_covering(step):
                yield Finding(
                    step,
                    f"moment of truth '{step.id}' is not covered by any metric",
                    f"add a measurement_plan entry with trigger: {{step: {step.id}}}",
                    at=("moment_of_truth",),
                )
