"""CX207."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Metric
from .registry import EntityRule, Finding, RuleContext

_NEEDED = ("owner", "target", "instrument")


class MetricComplete(EntityRule[Metric]):
    """Every metric has an `owner`, a `target` and an `instrument` (an index has no
    instrument of its own: it is computed from its components).

    **Why**: a metric nobody owns is not acted on; without a target it cannot say whether
    the experience is good enough; without an instrument it cannot be collected.

    **Fails**:

    ```yaml
    kind: metric
    id: completion
    name: Completion rate
    type: completion_rate
    ```

    **Fixed**:

    ```yaml
    kind: metric
    id: completion
    name: Completion rate
    type: completion_rate
    owner: clerk
    target: 90
    instrument: survey
    ```
    """

    code = "CX207"
    name = "metric.complete"
    default_severity = Severity.ERROR

    @override
    def check(self, metric: Metric, ctx: RuleContext) -> Iterator[Finding]:
        needed = ("owner", "target") if metric.type == "index" else _NEEDED
        missing = [f for f in needed if getattr(metric, f) is None]
        if missing:
            yield Finding(metric, f"metric '{metric.id}' has no {' and no '.join(missing)}")
