"""Statistics the measurement plan relies on (pure functions, no I/O).

The one place the required sample is computed: the plan check (CX209) and the measured
results (a figure below it is ``underpowered``, CX312) both call :func:`required_sample`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import TypeVar

from .model import Measurement, SampleDesign

T = TypeVar("T")

#: The figures a sample plan is checked with, in the order messages name them.
PLAN_FIGURES = ("population", "confidence_level", "margin_of_error", "sample_size")


def required_sample_size(
    population: int, confidence: float, margin: float, proportion: float = 0.5
) -> int:
    """Cochran's sample size with the finite population correction."""
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    return math.ceil(n0 / (1 + (n0 - 1) / population))


@dataclass(frozen=True)
class SamplePlan:
    """What a sample is planned with, once a plan entry and its sample design are merged.

    With ``per_stage`` the sample is drawn at each stage: ``sample_size`` and the required
    sample are per stage's cell, not for the journey.
    """

    population: int | None = None
    confidence_level: float | None = None
    margin_of_error: float | None = None
    sample_size: int | None = None
    per_stage: bool = False

    @property
    def given(self) -> bool:
        """Whether any figure is given (a plan without any is not checked)."""
        return any(getattr(self, name) is not None for name in PLAN_FIGURES)

    @property
    def missing(self) -> list[str]:
        """The figures not given, by name."""
        return [name for name in PLAN_FIGURES if getattr(self, name) is None]

    @property
    def required(self) -> int | None:
        """The sample needed (per stage with ``per_stage``), or None while the population,
        the confidence level or the margin of error is missing."""
        population, confidence, margin = (
            self.population,
            self.confidence_level,
            self.margin_of_error,
        )
        if population is None or confidence is None or margin is None:
            return None
        return required_sample_size(population, confidence, margin)


def sample_plan(
    measurement: Measurement | None = None, design: SampleDesign | None = None
) -> SamplePlan:
    """The figures a plan entry is sampled with: its sample design's, each missing one
    taken from the entry (an entry never overrides what its design says)."""
    ours, theirs = _figures(design), _figures(measurement)
    return SamplePlan(
        population=_first(ours[0], theirs[0]),
        confidence_level=_first(ours[1], theirs[1]),
        margin_of_error=_first(ours[2], theirs[2]),
        sample_size=_first(ours[3], theirs[3]),
        per_stage=design.per_stage if design is not None else False,
    )


def _figures(
    source: Measurement | SampleDesign | None,
) -> tuple[int | None, float | None, float | None, int | None]:
    if source is None:
        return None, None, None, None
    return source.population, source.confidence_level, source.margin_of_error, source.sample_size


def required_sample(
    measurement: Measurement | None = None, design: SampleDesign | None = None
) -> int | None:
    """The sample a plan entry (through its sample design, when it names one) needs, per
    stage when the design is ``per_stage``; None while its population, confidence or
    margin is missing."""
    return sample_plan(measurement, design).required


def _first(ours: T | None, theirs: T | None) -> T | None:
    return ours if ours is not None else theirs
