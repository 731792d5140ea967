"""CX212."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..journey_flow import reachable
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class UnreachableStep(EntityRule[Journey]):
    """Every step is reachable from the journey's first step, following transitions (a step
    without `transitions` leads to the next step).

    **Why**: reviewers read the map from its start; an unreachable step is a typo or a
    forgotten transition, and no customer will ever live it.

    **Fails** (`transitions: []` ends the journey at the first step):

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, transitions: []}
          - {id: get-receipt, title: Get the receipt, channel: portal}
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
          - {id: pay-online, title: Pay online, channel: portal}
          - {id: get-receipt, title: Get the receipt, channel: portal}
    ```
    """

    code = "CX212"
    name = "journey.unreachable-step"
    default_severity = Severity.WARNING

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        steps = journey.steps()
        if not steps:
            return
        seen = reachable(steps)
        for step in steps:
            if step.id not in seen:
                yield Finding(
                    step,
                    f"step '{step.id}' cannot be reached from the first step '{steps[0].id}'",
                    "add a transition to it, or remove it",
                )
