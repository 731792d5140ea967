"""CX212."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey, Step
from .registry import EntityRule, Finding, RuleContext


def successors(steps: list[Step]) -> dict[str, list[str]]:
    """Where each step leads: its transitions, or by default the next step."""
    out: dict[str, list[str]] = {}
    for i, step in enumerate(steps):
        if step.transitions is not None:
            out[step.id] = [t.to for t in step.transitions]
        else:
            out[step.id] = [steps[i + 1].id] if i + 1 < len(steps) else []
    return out


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
        graph = successors(steps)
        seen = {steps[0].id}
        todo = [steps[0].id]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen and nxt in graph:
                    seen.add(nxt)
                    todo.append(nxt)
        for step in steps:
            if step.id not in seen:
                yield Finding(
                    step,
                    f"step '{step.id}' cannot be reached from the first step '{steps[0].id}'",
                    "add a transition to it, or remove it",
                )
