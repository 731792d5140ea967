"""CX203."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from .registry import Rule, RuleContext, registry


@registry.register
class JourneyPersona(Rule):
    """Every journey names its primary `persona`.

    **Why**: a journey is always someone's journey; emotions, effort and value sought only
    mean something for a given persona.
    """

    code = "CX203"
    name = "journey.persona-required"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            assert isinstance(doc.entity, Journey)
            if not doc.entity.persona:
                yield Issue(
                    self.code,
                    f"journey '{doc.id}' has no persona",
                    doc.span_at(()),
                    "add persona: <persona id>",
                )
