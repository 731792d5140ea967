"""Statistics the measurement plan relies on (pure functions, no I/O)."""

from __future__ import annotations

import math
from statistics import NormalDist

from .model import Measurement


def required_sample_size(
    population: int, confidence: float, margin: float, proportion: float = 0.5
) -> int:
    """Cochran's sample size with the finite population correction."""
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    return math.ceil(n0 / (1 + (n0 - 1) / population))


def required_sample(measurement: Measurement) -> int | None:
    """The sample a plan entry needs, or None while its population, confidence or margin
    is missing."""
    m = measurement
    if m.population is None or m.confidence_level is None or m.margin_of_error is None:
        return None
    return required_sample_size(m.population, m.confidence_level, m.margin_of_error)
