"""CX211."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey, Measurement
from ..suggest import did_you_mean
from .registry import EntityRule, Finding, RuleContext


class TransitionTarget(EntityRule[Journey]):
    """Every transition goes `to` a step of the same journey, every measurement trigger
    names a step or stage of its journey, and so does every id in a plan entry's `stages:`.

    **Why**: branches, loops and failure paths are drawn on the map; a dangling target draws
    an arrow to nowhere, a trigger on a missing step is never fired, and a criterion
    measured at a missing stage is a column of the criteria × stages matrix that never
    fills.

    **Fails**:

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - id: pay-online
            title: Pay online
            channel: portal
            transitions: [{to: get-reciept, type: next}]
          - {id: get-receipt, title: Get the receipt, channel: portal}
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
          - id: pay-online
            title: Pay online
            channel: portal
            transitions: [{to: get-receipt, type: next}]
          - {id: get-receipt, title: Get the receipt, channel: portal}
    ```
    """

    code = "CX211"
    name = "journey.transition-target"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        steps = [s.id for s in journey.steps()]
        stages = [s.id for s in journey.stages]
        for step in journey.steps():
            for tr in step.transitions or ():
                if tr.to not in steps:
                    yield Finding(
                        tr,
                        f"transition from '{step.id}' goes to unknown step '{tr.to}'",
                        did_you_mean(tr.to, steps),
                        at=("to",),
                    )
        for m in journey.measurement_plan:
            yield from _plan_entry(m, steps, stages)


def _plan_entry(m: Measurement, steps: list[str], stages: list[str]) -> Iterator[Finding]:
    """Unknown steps and stages a plan entry is taken at."""
    trig = m.trigger
    if trig is not None and trig.step and trig.step not in steps:
        yield Finding(
            trig,
            f"measurement of '{m.metric}' is triggered at unknown step '{trig.step}'",
            did_you_mean(trig.step, steps),
            at=("step",),
        )
    if trig is not None and trig.stage and trig.stage not in stages:
        yield Finding(
            trig,
            f"measurement of '{m.metric}' is triggered at unknown stage '{trig.stage}'",
            did_you_mean(trig.stage, stages),
            at=("stage",),
        )
    if isinstance(m.stages, list):
        for i, stage in enumerate(m.stages):
            if stage not in stages:
                yield Finding(
                    m,
                    f"measurement of '{m.metric}' is taken at unknown stage '{stage}'",
                    did_you_mean(stage, stages),
                    at=("stages", i),
                )
