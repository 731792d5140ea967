"""CX209."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from ..stats import required_sample_size
from .registry import EntityRule, Finding, RuleContext

#: Kept importable from here (the formula lives in ``cxdsl.stats``).
__all__ = ["SampleSize", "required_sample_size"]


class SampleSize(EntityRule[Journey]):
    """A measurement's planned `sample_size` is at least what its `confidence_level` and
    `margin_of_error` need for its `population` (Cochran's formula with p = 0.5 and the
    finite population correction). The message shows the required number.

    **Why**: results from too small a sample must not inform decisions; the plan is checked
    before anyone measures. A plan that gives some of these figures but not all cannot be
    checked and is reported too.

    **Fails** (278 responses are needed):

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
    measurement_plan:
      - metric: csat
        trigger: {step: pay-online}
        population: 1000
        confidence_level: 0.95
        margin_of_error: 0.05
        sample_size: 100
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
    measurement_plan:
      - metric: csat
        trigger: {step: pay-online}
        population: 1000
        confidence_level: 0.95
        margin_of_error: 0.05
        sample_size: 300
    ```
    """

    code = "CX209"
    name = "measurement.sample-size"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        names = ("population", "confidence_level", "margin_of_error", "sample_size")
        for m in journey.measurement_plan:
            figures = (m.population, m.confidence_level, m.margin_of_error, m.sample_size)
            if all(f is None for f in figures):
                continue
            if (
                m.population is None
                or m.confidence_level is None
                or m.margin_of_error is None
                or m.sample_size is None
            ):
                missing = [n for n, f in zip(names, figures, strict=True) if f is None]
                yield Finding(
                    m, f"sample of '{m.metric}' cannot be checked: missing {', '.join(missing)}"
                )
                continue
            need = required_sample_size(m.population, m.confidence_level, m.margin_of_error)
            if m.sample_size < need:
                yield Finding(
                    m,
                    f"planned sample {m.sample_size} for '{m.metric}' is "
                    f"below the {need} needed for a population of "
                    f"{m.population} at {m.confidence_level:.0%} confidence and "
                    f"±{m.margin_of_error:.1%} margin of error",
                    at=("sample_size",),
                )
