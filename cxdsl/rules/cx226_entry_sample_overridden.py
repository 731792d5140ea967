"""CX226."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey, SampleDesign
from ..stats import PLAN_FIGURES
from .registry import Finding, RuleContext, WorkspaceRule


class EntrySampleOverridden(WorkspaceRule):
    """A plan entry that names a sample `design:` does not state a sample figure
    (`population`, `confidence_level`, `margin_of_error`, `sample_size`) its design
    states too.

    **Why**: a sample design is one survey wave shared by every entry that names it, so
    its figures count and the entry's are ignored (they only complete what the design
    leaves out). An entry that says `sample_size: 900` under a design of 400 reads as
    900 responses planned, yet the site, the sample check (CX209) and the results use
    400. Say each figure once, where it counts.

    **Fails** (the design's population and sample size count, not the entry's):

    ```yaml
    kind: sample_design
    id: spring-wave
    name: Spring wave
    population: 1000
    confidence_level: 0.95
    margin_of_error: 0.05
    sample_size: 300
    ---
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
        design: spring-wave
        population: 5000
        sample_size: 900
    ```

    **Fixed**:

    ```yaml
    kind: sample_design
    id: spring-wave
    name: Spring wave
    population: 1000
    confidence_level: 0.95
    margin_of_error: 0.05
    sample_size: 300
    ---
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
        design: spring-wave
    ```
    """

    code = "CX226"
    name = "measurement.sample-overridden"
    default_severity = Severity.WARNING

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        designs = {design.id: design for design, _ in ctx.index.entities(SampleDesign)}
        for journey, _ in ctx.index.entities(Journey):
            for position, entry in enumerate(journey.measurement_plan):
                design = designs.get(entry.design or "")
                if design is None:  # no design, or an unknown one (CX114)
                    continue
                for name in PLAN_FIGURES:
                    own, theirs = getattr(entry, name), getattr(design, name)
                    if own is None or theirs is None:
                        continue
                    yield _finding(journey, position, entry.metric, design, name, own, theirs)


def _finding(
    journey: Journey,
    position: int,
    metric: str,
    design: SampleDesign,
    name: str,
    own: float,
    theirs: float,
) -> Finding:
    """One figure of an entry that its design replaces, located at the entry's value."""
    same = own == theirs
    message = (
        f"the {name} {own:g} of the plan entry for '{metric}' in journey '{journey.id}' is "
        + (
            f"the one its sample design '{design.id}' states already"
            if same
            else f"ignored: its sample design '{design.id}' states {theirs:g}, which counts"
        )
    )
    hint = (
        f"remove {name}: from the entry, the design states it once for every entry that names it"
        if same
        else f"remove {name}: from the entry; to plan another {name}, give the entry a "
        "sample design of its own"
    )
    where = Finding(design, f"the {name} of sample design '{design.id}'", at=(name,))
    return Finding(
        journey, message, hint, at=("measurement_plan", position, name), related=(where,)
    )
