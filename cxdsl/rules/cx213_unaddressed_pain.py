"""CX213."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ._helpers import iter_steps
from .registry import Rule, RuleContext, registry


@registry.register
class UnaddressedPain(Rule):
    """A high-severity pain point has an opportunity on its step, or is marked `accepted`
    (with the reason).

    **Why**: a journey map exists to change the journey; a severe pain with no response is
    either a gap in the design or a decision that should be written down.
    """

    code = "CX213"
    name = "pain-point.unaddressed"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            assert isinstance(doc.entity, Journey)
            for path, _stage, step in iter_steps(doc.entity):
                if step.opportunities:
                    continue
                for i, pain in enumerate(step.pain_points):
                    if pain.severity == "high" and not pain.accepted:
                        yield Issue(
                            self.code,
                            f"high-severity pain point at step '{step.id}' has no opportunity",
                            doc.span_at((*path, "pain_points", i)),
                            "add opportunities: to the step, or accepted: <reason>",
                        )
