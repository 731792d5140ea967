"""CX205."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class StepChannel(EntityRule[Journey]):
    """Every step names the `channel` where it happens.

    **Why**: a touchpoint without a channel cannot be owned, measured or redesigned; the
    channel is also what impact analysis follows when a channel is retired.

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
          - {id: pay-online, title: Pay online}
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
    ```
    """

    code = "CX205"
    name = "step.channel-required"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        for step in journey.steps():
            if not step.channel:
                yield Finding(step, f"step '{step.id}' has no channel", "add channel: <channel id>")
