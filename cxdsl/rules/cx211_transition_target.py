"""CX211."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ..suggest import did_you_mean
from ._helpers import iter_steps
from .registry import Rule, RuleContext, registry


@registry.register
class TransitionTarget(Rule):
    """Every transition goes `to` a step of the same journey, and every measurement trigger
    names a step or stage of its journey.

    **Why**: branches, loops and failure paths are drawn on the map; a dangling target draws
    an arrow to nowhere, and a trigger on a missing step is never fired.
    """

    code = "CX211"
    name = "journey.transition-target"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            journey = doc.entity
            assert isinstance(journey, Journey)
            steps = [s.id for s in journey.steps()]
            stages = [s.id for s in journey.stages]
            for path, _stage, step in iter_steps(journey):
                for i, tr in enumerate(step.transitions or ()):
                    if tr.to not in steps:
                        yield Issue(
                            self.code,
                            f"transition from '{step.id}' goes to unknown step '{tr.to}'",
                            doc.span_at((*path, "transitions", i, "to")),
                            did_you_mean(tr.to, steps),
                        )
            for i, m in enumerate(journey.measurement_plan):
                trig = m.trigger
                if trig is None:
                    continue
                if trig.step and trig.step not in steps:
                    yield Issue(
                        self.code,
                        f"measurement of '{m.metric}' is triggered at unknown step '{trig.step}'",
                        doc.span_at(("measurement_plan", i, "trigger", "step")),
                        did_you_mean(trig.step, steps),
                    )
                if trig.stage and trig.stage not in stages:
                    yield Issue(
                        self.code,
                        f"measurement of '{m.metric}' is triggered at unknown stage '{trig.stage}'",
                        doc.span_at(("measurement_plan", i, "trigger", "stage")),
                        did_you_mean(trig.stage, stages),
                    )
