"""CX207."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Metric
from .registry import Rule, RuleContext, registry


@registry.register
class MetricComplete(Rule):
    """Every metric has an `owner`, a `target` and an `instrument`.

    **Why**: a metric nobody owns is not acted on; without a target it cannot say whether
    the experience is good enough; without an instrument it cannot be collected.
    """

    code = "CX207"
    name = "metric.complete"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("metric"):
            metric = doc.entity
            assert isinstance(metric, Metric)
            missing = [f for f in ("owner", "target", "instrument") if getattr(metric, f) is None]
            if missing:
                yield Issue(
                    self.code,
                    f"metric '{metric.id}' has no {' and no '.join(missing)}",
                    doc.span_at(()),
                )
