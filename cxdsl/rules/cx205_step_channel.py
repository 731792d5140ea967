"""CX205."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ._helpers import iter_steps
from .registry import Rule, RuleContext, registry


@registry.register
class StepChannel(Rule):
    """Every step names the `channel` where it happens.

    **Why**: a touchpoint without a channel cannot be owned, measured or redesigned; the
    channel is also what impact analysis follows when a channel is retired.
    """

    code = "CX205"
    name = "step.channel-required"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            assert isinstance(doc.entity, Journey)
            for path, _stage, step in iter_steps(doc.entity):
                if not step.channel:
                    yield Issue(
                        self.code,
                        f"step '{step.id}' has no channel",
                        doc.span_at(path),
                        "add channel: <channel id>",
                    )
