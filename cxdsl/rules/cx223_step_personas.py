"""CX223."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class StepPersonas(EntityRule[Journey]):
    """A step's `personas:` (who lives it, when only some of the journey's personas do) are
    personas of its journey, and its emotions are given only for the personas who live it.

    **Why**: a failure path or a lost-pilgrim path is lived by some personas only; their
    emotion curve passes through it, the others' does not. A persona who is not on the
    journey, or an emotion for someone who never lives the step, is a typo or an invented
    feeling the curve would draw.

    **Fails** (`sara` does not live the branch visit, yet is given an emotion there):

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    personas: [lina]
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, emotion: 0}
          - id: pay-at-branch
            title: Pay at the branch
            channel: portal
            personas: [lina]
            emotion: {lina: -1, sara: 0}
    ---
    kind: persona
    id: lina
    name: Lina
    segments: [citizens]
    ```

    **Fixed** (an emotion only for who lives the step):

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    personas: [lina]
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, emotion: 0}
          - id: pay-at-branch
            title: Pay at the branch
            channel: portal
            personas: [lina]
            emotion: {lina: -1}
    ---
    kind: persona
    id: lina
    name: Lina
    segments: [citizens]
    ```
    """

    code = "CX223"
    name = "step.personas"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        on_journey = set(journey.all_personas())
        for step in journey.steps():
            for i, persona in enumerate(step.personas):
                if persona not in on_journey and ctx.index.entity("persona", persona):
                    yield Finding(
                        step,
                        f"step '{step.id}' is lived by persona '{persona}', "
                        f"who is not on journey '{journey.id}'",
                        "add them to the journey's persona: or personas:, or remove them here",
                        at=("personas", i),
                    )
            if not step.personas or not isinstance(step.emotion, dict):
                continue
            for who in step.emotion:
                if who in on_journey and who not in step.personas:
                    yield Finding(
                        step,
                        f"emotion given for persona '{who}', who does not live step "
                        f"'{step.id}' (its personas: {', '.join(step.personas)})",
                        f"remove it, or add '{who}' to the step's personas:",
                        at=("emotion", who),
                    )
