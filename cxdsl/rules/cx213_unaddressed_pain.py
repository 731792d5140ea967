"""CX213."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class UnaddressedPain(EntityRule[Journey]):
    """A high-severity pain point has an opportunity on its step, or is marked `accepted`
    (with the reason).

    **Why**: a journey map exists to change the journey; a severe pain with no response is
    either a gap in the design or a decision that should be written down.

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
          - id: pay-online
            title: Pay online
            channel: portal
            pain_points:
              - {text: The card is refused without a reason., severity: high}
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
          - id: pay-online
            title: Pay online
            channel: portal
            pain_points:
              - {text: The card is refused without a reason., severity: high}
            opportunities: [Say why a card was refused.]
    measurement_plan:
      - {metric: csat, trigger: {step: pay-online}}
    ```
    """

    code = "CX213"
    name = "pain-point.unaddressed"
    default_severity = Severity.WARNING

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        for step in journey.steps():
            if step.opportunities:
                continue
            for pain in step.pain_points:
                if pain.severity == "high" and not pain.accepted:
                    yield Finding(
                        pain,
                        f"high-severity pain point at step '{step.id}' has no opportunity",
                        "add opportunities: to the step, or accepted: <reason>",
                    )
