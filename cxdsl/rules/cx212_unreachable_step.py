"""CX212."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey, Step
from ._helpers import iter_steps
from .registry import Rule, RuleContext, registry


def successors(steps: list[Step]) -> dict[str, list[str]]:
    """Where each step leads: its transitions, or by default the next step."""
    out: dict[str, list[str]] = {}
    for i, step in enumerate(steps):
        if step.transitions is not None:
            out[step.id] = [t.to for t in step.transitions]
        else:
            out[step.id] = [steps[i + 1].id] if i + 1 < len(steps) else []
    return out


@registry.register
class UnreachableStep(Rule):
    """Every step is reachable from the journey's first step, following transitions (a step
    without `transitions` leads to the next step).

    **Why**: reviewers read the map from its start; an unreachable step is a typo or a
    forgotten transition, and no customer will ever live it.
    """

    code = "CX212"
    name = "journey.unreachable-step"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            journey = doc.entity
            assert isinstance(journey, Journey)
            steps = journey.steps()
            if not steps:
                continue
            graph = successors(steps)
            seen = {steps[0].id}
            todo = [steps[0].id]
            while todo:
                for nxt in graph.get(todo.pop(), ()):
                    if nxt not in seen and nxt in graph:
                        seen.add(nxt)
                        todo.append(nxt)
            for path, _stage, step in iter_steps(journey):
                if step.id not in seen:
                    yield Issue(
                        self.code,
                        f"step '{step.id}' cannot be reached from the first step '{steps[0].id}'",
                        doc.span_at(path),
                        "add a transition to it, or remove it",
                    )
