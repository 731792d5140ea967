"""The statistics behind measured figures: values and intervals from answer histograms.

Pure functions, no I/O. Answers arrive as histograms (answer value → count, e.g.
``{0: 3, 7: 5, 9: 2, 10: 4}``), so 100,000 durations cost no more than their distinct
values. Every interval is two-sided at ``confidence`` (95 % by default). A function
returns None when there is nothing to estimate (no answers, or an undefined estimate).

scipy is imported inside the functions that need it, so importing cxdsl
(``cxdsl --help``) stays fast. The sample size a plan requires (Cochran) lives in
``cxdsl.stats``.
"""

from __future__ import annotations

import bisect
import itertools
import math
import warnings
from collections.abc import Collection, Mapping, Sequence
from statistics import NormalDist
from typing import Any

from .figures import Estimate, Method, Status

#: An answer histogram: answer value → number of answers with that value. Both spellings,
#: because a Mapping is invariant in its keys (a ``dict[int, int]`` is no
#: ``Mapping[float, int]`` to mypy) and scale answers are integers.
Histogram = Mapping[float, int] | Mapping[int, int]

#: The answers of the 0–10 recommendation question that make a promoter or a detractor.
NPS_PROMOTER_MIN = 9
NPS_DETRACTOR_MAX = 6


def _scipy_stats() -> Any:
    """scipy.stats, imported on first use: it takes a while to load (and has no types)."""
    from scipy import stats  # type: ignore[import-untyped]

    return stats


def _z(confidence: float) -> float:
    """The standard normal quantile for a two-sided interval at ``confidence``."""
    _check_confidence(confidence)
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), not {confidence}")


def _answers(histogram: Histogram) -> dict[float, int]:
    """The histogram without empty bins; a negative count or a key that is not a finite
    number is the caller's mistake (ValueError)."""
    answers: dict[float, int] = {}
    for value, count in histogram.items():
        if count < 0:
            raise ValueError(f"negative count {count} for answer {value}")
        if not math.isfinite(value):
            raise ValueError(f"answer {value} is not a finite number")
        if count:
            answers[value] = answers.get(value, 0) + int(count)
    return answers


def _estimate(value: float, low: float, high: float, n: int, method: Method) -> Estimate:
    """An estimate whose interval contains its value (guards against rounding)."""
    return Estimate(
        value=float(value),
        ci_low=float(min(low, value)),
        ci_high=float(max(high, value)),
        n=n,
        method=method,
    )


def _clip(x: float, low: float, high: float) -> float:
    return min(max(x, low), high)


def proportion(successes: int, n: int, confidence: float = 0.95) -> Estimate | None:
    """The share of ``successes`` in ``n``, in percent, with its Wilson score interval.

    None when ``n`` is 0. Wilson rather than the normal ("Wald") interval because it stays
    inside 0–100 and keeps its coverage near 0 % and 100 % and in small samples.
    """
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    z = _z(confidence)
    if n == 0:
        return None
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    low = _clip(100 * (centre - half), 0.0, 100.0)
    high = _clip(100 * (centre + half), 0.0, 100.0)
    return _estimate(100 * p, low, high, n, "wilson")


def top_two(scale_min: int, scale_max: int) -> tuple[int, int]:
    """The two highest answers of a satisfaction scale (the "top box" of CSAT)."""
    if scale_max - scale_min < 1:
        raise ValueError(f"a scale needs at least two answers, not {scale_min}..{scale_max}")
    return (scale_max - 1, scale_max)


def top_box(
    histogram: Histogram, top: Collection[float], confidence: float = 0.95
) -> Estimate | None:
    """CSAT: the share (percent) of answers in ``top`` (see :func:`top_two`), Wilson
    interval. None when there are no answers."""
    answers = _answers(histogram)
    n = sum(answers.values())
    successes = sum(count for value, count in answers.items() if value in top)
    return proportion(successes, n, confidence)


def nps(histogram: Histogram, confidence: float = 0.95) -> Estimate | None:
    """Net Promoter Score in points (−100..100) from 0–10 answers: percent promoters (9–10)
    minus percent detractors (0–6).

    The interval is the usual one for a difference of two shares of the same sample:
    ``var = (p⁺ + p⁻ − (p⁺ − p⁻)²) / n`` and ``value ± z·100·√var``, clipped to −100..100.
    Answers outside 0–10 should not reach here; if they do, they are ignored (not counted
    in ``n``). None when no answer is in range.
    """
    z = _z(confidence)
    in_range = {k: c for k, c in histogram.items() if 0 <= k <= 10}
    answers = _answers(in_range)
    n = sum(answers.values())
    if n == 0:
        return None
    promoters = sum(c for k, c in answers.items() if k >= NPS_PROMOTER_MIN) / n
    detractors = sum(c for k, c in answers.items() if k <= NPS_DETRACTOR_MAX) / n
    net = promoters - detractors
    variance = max(promoters + detractors - net * net, 0.0) / n
    half = z * 100 * math.sqrt(variance)
    value = 100 * net
    low = _clip(value - half, -100.0, 100.0)
    high = _clip(value + half, -100.0, 100.0)
    return _estimate(value, low, high, n, "nps")


def mean(
    histogram: Histogram,
    confidence: float = 0.95,
    *,
    bounds: tuple[float, float] | None = None,
) -> Estimate | None:
    """The mean answer (CES, step readings) with Student's t interval (n − 1 degrees of
    freedom).

    A single answer has no spread to measure: its interval is the value itself
    (``ci_low == ci_high == value``), as is the interval of answers that are all equal.
    Read such an interval as "no evidence of spread", not as certainty; the plan's
    required sample (status ``underpowered``) is what flags a figure resting on too few
    answers. ``bounds`` is the scale's range (e.g. ``(1, 7)``): the t interval, which
    knows nothing of the scale, is clipped to it. None when there are no answers.
    """
    _check_confidence(confidence)
    answers = _answers(histogram)
    n = sum(answers.values())
    moments = _mean_and_squares(answers, n) if n else None
    if moments is None:
        return None
    value, squares = moments
    half = 0.0
    if n > 1 and squares > 0:
        stats = _scipy_stats()
        t = float(stats.t.ppf(1 - (1 - confidence) / 2, n - 1))
        half = t * math.sqrt(squares / (n - 1) / n)
    low, high = value - half, value + half
    if bounds is not None:
        low, high = _clip(low, *bounds), _clip(high, *bounds)
    return _estimate(value, low, high, n, "t")


def _mean_and_squares(answers: dict[float, int], n: int) -> tuple[float, float] | None:
    """The mean and the sum of squared deviations from it; None when they overflow a
    float (answers beyond ±1e154, not a scale or a duration)."""
    try:
        # Weights c / n keep the sum within the answers' range; fsum keeps it exact enough
        # that equal answers give a mean equal to them (clipping absorbs what is left).
        value = _clip(math.fsum(c / n * k for k, c in answers.items()), *_range(answers))
        squares = math.fsum(c * (k - value) * (k - value) for k, c in answers.items())
    except (OverflowError, ValueError):  # fsum: "intermediate overflow", "-inf + inf"
        return None
    return (value, squares) if math.isfinite(value) and math.isfinite(squares) else None


def _range(answers: dict[float, int]) -> tuple[float, float]:
    return min(answers), max(answers)


def quantile(histogram: Histogram, q: float, confidence: float = 0.95) -> Estimate | None:
    """The ``q`` quantile of the answers (``q=0.5``: the median; ``0.9``: the 90th
    percentile of durations), with the distribution-free order-statistic interval.

    The value is the sample quantile by the inverted CDF: the smallest answer ``x`` whose
    cumulative share of answers, ``#(answers ≤ x) / n``, is at least ``q`` (so it is
    always an observed answer; the median of ``{1: 1, 2: 1}`` is 1).

    The interval runs from the ``l``-th to the ``u``-th smallest answer, with ranks from
    the binomial distribution of "answers below the true quantile", ``B ~ Bin(n, q)``:
    ``l = binom.ppf(α/2)`` and ``u = binom.ppf(1 − α/2) + 1`` (α = 1 − confidence), both
    clipped to 1..n. Then ``P(l ≤ B ≤ u − 1) ≥ 1 − α``: the interval covers the true
    quantile at least ``confidence`` of the time whatever the distribution (for n = 20,
    the median's 95 % interval is the 6th to the 15th answer). Small samples cannot reach
    that coverage; their interval is then the whole data range.
    """
    if not 0 < q < 1:
        raise ValueError(f"q must be between 0 and 1 (exclusive), not {q}")
    _check_confidence(confidence)
    answers = _answers(histogram)
    if not answers:
        return None
    stats = _scipy_stats()
    keys = sorted(answers)
    cumulative = list(itertools.accumulate(answers[k] for k in keys))
    n = cumulative[-1]
    # The share compared as a quotient (7 / 10 >= 0.7), not as q·n (0.7·10 > 7).
    value = keys[bisect.bisect_left(cumulative, q, key=lambda c: c / n)]
    alpha = 1 - confidence
    lower_rank = int(stats.binom.ppf(alpha / 2, n, q))
    upper_rank = int(stats.binom.ppf(1 - alpha / 2, n, q)) + 1

    def at_rank(rank: int) -> float:
        """The rank-th smallest answer (1-based), rank clipped to 1..n."""
        return keys[bisect.bisect_left(cumulative, min(max(rank, 1), n))]

    return _estimate(value, at_rank(lower_rank), at_rank(upper_rank), n, "order-statistic")


def _half_widths(estimate: Estimate) -> tuple[float, float]:
    """How far an interval reaches below and above its value."""
    return estimate.value - estimate.ci_low, estimate.ci_high - estimate.value


def composite(parts: Sequence[tuple[float, Estimate]]) -> Estimate | None:
    """A weighted mean of criteria estimates (an index), ``parts`` as (weight, estimate).

    Each part's standard error is its half-width divided by z; the index's is
    ``√Σ (wᵢ/W)² seᵢ²``, so its half-width is ``√Σ (wᵢ/W)² hᵢ²`` (z cancels: the index is
    at the parts' confidence). The lower and upper half-widths are propagated separately,
    so an asymmetric part (Wilson near 0 or 100 %) keeps its shape and the index's
    interval never leaves the range of its parts' intervals.

    **Assumption**: the parts are independent. They are not quite: the same respondents
    answer every criterion, and when their answers correlate positively (they usually do)
    the true interval is wider than this one. ``n`` is the smallest part's. None when there
    are no parts.
    """
    if not parts:
        return None
    if any(not weight > 0 for weight, _ in parts):
        raise ValueError("every weight of a composite must be greater than 0")
    total = math.fsum(weight for weight, _ in parts)
    shares = [(weight / total, estimate) for weight, estimate in parts]
    value = math.fsum(share * e.value for share, e in shares)
    below = math.sqrt(math.fsum((share * _half_widths(e)[0]) ** 2 for share, e in shares))
    above = math.sqrt(math.fsum((share * _half_widths(e)[1]) ** 2 for share, e in shares))
    n = min(e.n for _, e in parts)
    return _estimate(value, value - below, value + above, n, "index")


def difference(current: Estimate, previous: Estimate) -> tuple[float, bool]:
    """The change from ``previous`` to ``current``, and whether it is larger than the noise.

    Significant when ``|Δ| > z·√(se₁² + se₂²)`` with ``seᵢ = hᵢ / z`` (``hᵢ`` an
    interval's half-width, the larger side of an asymmetric one), i.e. when the
    difference's interval excludes zero at the estimates' own confidence; z cancels to
    ``|Δ| > √(h₁² + h₂²)``. Treats the two periods as independent samples.
    """
    change = current.value - previous.value
    noise = math.hypot(max(_half_widths(current)), max(_half_widths(previous)))
    return change, abs(change) > noise


def spearman(xs: Sequence[float], ys: Sequence[float]) -> tuple[float | None, int, float | None]:
    """Spearman's rank correlation of paired readings: (rho, n, two-sided p-value).

    rho and p are None when there are fewer than 3 pairs or either series is constant
    (no ranking to correlate); no warning escapes. The p-value is scipy's (a t
    approximation), rough in very small samples.
    """
    if len(xs) != len(ys):
        raise ValueError(f"spearman needs paired readings, got {len(xs)} and {len(ys)}")
    n = len(xs)
    if n < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None, n, None
    stats = _scipy_stats()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", stats.ConstantInputWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.spearmanr(xs, ys)
    rho, p_value = float(result.statistic), float(result.pvalue)
    if math.isnan(rho):
        return None, n, None
    return rho, n, None if math.isnan(p_value) else p_value


def status(
    estimate: Estimate | None,
    *,
    target: float | None,
    higher_is_better: bool,
    n: int,
    required: int | None,
    min_cell: int,
) -> Status:
    """How a figure compares with its target, in this order: ``no_data`` (nothing
    measured), ``suppressed`` (fewer than ``min_cell`` answers; privacy wins even when the
    caller already dropped the estimate), ``no_data`` (no estimate), ``underpowered``
    (fewer than the plan's ``required``), ``no_target``, then ``met`` when the whole
    interval is on the good side of the target (a bound equal to the target counts as on
    it), ``not_met`` when it is wholly on the bad side, else ``inconclusive``.
    """
    if n == 0:
        return "no_data"
    if n < min_cell:
        return "suppressed"
    if estimate is None:
        return "no_data"
    if required is not None and n < required:
        return "underpowered"
    if target is None:
        return "no_target"
    worst, best = (
        (estimate.ci_low, estimate.ci_high)
        if higher_is_better
        else (-estimate.ci_high, -estimate.ci_low)
    )
    goal = target if higher_is_better else -target
    if worst >= goal:
        return "met"
    if best < goal:
        return "not_met"
    return "inconclusive"
