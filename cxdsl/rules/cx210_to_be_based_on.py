"""CX210."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from .registry import Rule, RuleContext, registry


@registry.register
class ToBeBasedOn(Rule):
    """A to-be journey names, with `based_on`, the as-is journey it improves; only to-be
    journeys do, and what they name is an as-is journey.

    **Why**: a target state is judged against the current one (step changes, emotion curves
    side by side); without the link the improvement cannot be shown.
    """

    code = "CX210"
    name = "journey.to-be-based-on"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            journey = doc.entity
            assert isinstance(journey, Journey)
            if journey.state == "to-be" and not journey.based_on:
                yield Issue(
                    self.code,
                    f"to-be journey '{journey.id}' does not name the as-is journey it improves",
                    doc.span_at(("state",)),
                    "add based_on: <as-is journey id>",
                )
            if journey.based_on is None:
                continue
            if journey.state == "as-is":
                yield Issue(
                    self.code,
                    f"as-is journey '{journey.id}' has based_on; only to-be "
                    "journeys improve on another",
                    doc.span_at(("based_on",)),
                )
                continue
            base = ctx.index.entity("journey", journey.based_on)
            if isinstance(base, Journey) and base.state != "as-is":
                yield Issue(
                    self.code,
                    f"'{journey.id}' is based on '{base.id}', which is not an as-is journey",
                    doc.span_at(("based_on",)),
                )
