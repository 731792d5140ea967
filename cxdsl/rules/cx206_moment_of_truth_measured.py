"""CX206."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ._helpers import iter_steps
from .registry import Rule, RuleContext, registry


@registry.register
class MomentOfTruthMeasured(Rule):
    """Every moment of truth is covered by a measurement plan entry of its journey, triggered
    at the step itself or at its stage.

    **Why**: moments of truth decide how the whole experience is remembered; measurement is
    designed before anyone measures, so the plan must reach them.
    """

    code = "CX206"
    name = "measurement.moment-of-truth-covered"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            journey = doc.entity
            assert isinstance(journey, Journey)
            for path, _stage, step in iter_steps(journey):
                if step.moment_of_truth and not journey.measurements_covering(step):
                    yield Issue(
                        self.code,
                        f"moment of truth '{step.id}' is not covered by any metric",
                        doc.span_at((*path, "moment_of_truth")),
                        f"add a measurement_plan entry with trigger: {{step: {step.id}}}",
                    )
