"""CX209."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey, Measurement, SampleDesign
from ..stats import SamplePlan, required_sample_size, sample_plan
from .registry import Finding, RuleContext, WorkspaceRule

#: Kept importable from here (the formula lives in ``cxdsl.stats``).
__all__ = ["SampleSize", "required_sample_size"]


class SampleSize(WorkspaceRule):
    """A measurement's planned `sample_size` is at least what its `confidence_level` and
    `margin_of_error` need for its `population` (Cochran's formula with p = 0.5 and the
    finite population correction). The message shows the required number.

    An entry that names a sample `design:` (a survey wave) takes these figures from the
    `kind: sample_design`, its own only where the design has none; the design is checked
    once, not once per entry that shares it. A design with `per_stage: true` is drawn at
    each stage: its `sample_size` and the required sample are per stage.

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
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        designs = {design.id: design for design, _ in ctx.index.entities(SampleDesign)}
        shared: dict[str, list[Entry]] = {}
        for journey, _ in ctx.index.entities(Journey):
            for i, m in enumerate(journey.measurement_plan):
                entry = Entry(journey, i, m)
                if m.design is None:
                    yield from _entry(entry)
                elif m.design in designs:  # an unknown design is CX114
                    shared.setdefault(m.design, []).append(entry)
        for design in designs.values():
            yield from _design(design, shared.get(design.id, []))


@dataclass(frozen=True)
class Entry:
    """A plan entry and where it is: the journey and its position in the plan."""

    journey: Journey
    position: int
    measurement: Measurement

    def finding(self, message: str, at: tuple[str, ...] = ()) -> Finding:
        return Finding(self.journey, message, at=("measurement_plan", self.position, *at))


def _entry(entry: Entry) -> Iterator[Finding]:
    m = entry.measurement
    plan = sample_plan(m)
    if not plan.given:
        return
    if plan.missing:
        missing = ", ".join(plan.missing)
        yield entry.finding(f"sample of '{m.metric}' cannot be checked: missing {missing}")
        return
    need = plan.required
    if need is not None and plan.sample_size is not None and plan.sample_size < need:
        yield entry.finding(
            f"planned sample {plan.sample_size} for '{m.metric}' is below the {need} needed "
            f"{_for(plan)}",
            ("sample_size",),
        )


def _design(design: SampleDesign, entries: list[Entry]) -> Iterator[Finding]:
    """A design once with its own figures, or once per set of figures its entries complete
    it with (reported at the first entry that does)."""
    own = sample_plan(None, design)
    plans: dict[SamplePlan, Entry | None] = {own: None}
    if own.missing and entries:
        plans = {}
        for other in entries:
            plans.setdefault(sample_plan(other.measurement, design), other)
    name = f"sample design '{design.id}'"
    for plan, entry in plans.items():
        if not plan.given:
            continue
        if plan.missing:
            message = f"sample of {name} cannot be checked: missing {', '.join(plan.missing)}"
            yield Finding(design, message) if entry is None else entry.finding(message)
            continue
        need, planned = plan.required, plan.sample_size
        if need is None or planned is None or planned >= need:
            continue
        each = " per stage" if plan.per_stage else ""
        at_each = " at each stage (per_stage: true)" if plan.per_stage else ""
        message = (
            f"planned sample {planned}{each} of {name} is below the {need} needed{at_each} "
            f"{_for(plan)}"
        )
        if entry is None or design.sample_size is not None:
            yield Finding(design, message, at=("sample_size",))
        else:
            yield entry.finding(message, ("sample_size",))


def _for(plan: SamplePlan) -> str:
    return (
        f"for a population of {plan.population} at {plan.confidence_level:.0%} confidence "
        f"and ±{plan.margin_of_error:.1%} margin of error"
    )
