"""CX209."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ..stats import required_sample_size
from .registry import Rule, RuleContext, registry


@registry.register
class SampleSize(Rule):
    """A measurement's planned `sample_size` is at least what its `confidence_level` and
    `margin_of_error` need for its `population` (Cochran's formula with p = 0.5 and the
    finite population correction). The message shows the required number.

    **Why**: results from too small a sample must not inform decisions; the plan is checked
    before anyone measures. A plan that gives some of these figures but not all cannot be
    checked and is reported too.
    """

    code = "CX209"
    name = "measurement.sample-size"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for doc in ctx.index.docs("journey"):
            journey = doc.entity
            assert isinstance(journey, Journey)
            for i, m in enumerate(journey.measurement_plan):
                figures = (m.population, m.confidence_level, m.margin_of_error, m.sample_size)
                if all(f is None for f in figures):
                    continue
                path = ("measurement_plan", i)
                if (
                    m.population is None
                    or m.confidence_level is None
                    or (m.margin_of_error is None)
                    or m.sample_size is None
                ):
                    missing = [
                        n
                        for n, f in zip(
                            ("population", "confidence_level", "margin_of_error", "sample_size"),
                            figures,
                            strict=True,
                        )
                        if f is None
                    ]
                    yield Issue(
                        self.code,
                        f"sample of '{m.metric}' cannot be checked: missing {', '.join(missing)}",
                        doc.span_at(path),
                    )
                    continue
                need = required_sample_size(m.population, m.confidence_level, m.margin_of_error)
                if m.sample_size < need:
                    yield Issue(
                        self.code,
                        f"planned sample {m.sample_size} for '{m.metric}' is "
                        f"below the {need} needed for a population of "
                        f"{m.population} at {m.confidence_level:.0%} confidence and "
                        f"±{m.margin_of_error:.1%} margin of error",
                        doc.span_at((*path, "sample_size")),
                    )
