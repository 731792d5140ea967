"""The statistics of measured figures, checked against values worked out by hand here: each
expected value is written as its formula (z, t and binomial terms spelled out), never by
calling the library the module uses. Hypothesis then checks that every interval contains
its value and stays inside the metric's range, whatever the histogram."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl.results.figures import Estimate, Status
from cxdsl.results.intervals import (
    composite,
    difference,
    mean,
    nps,
    proportion,
    quantile,
    spearman,
    status,
    top_box,
    top_two,
)

#: The standard normal's 97.5th percentile: the z of every 95 % interval.
Z = 1.959963984540054
#: Student's t, 97.5th percentile, 4 degrees of freedom (tables: 2.776).
T_975_4 = 2.7764451051977987

approx = pytest.approx


def wilson(successes: int, n: int) -> tuple[float, float]:
    """Wilson's score interval, in percent, from its textbook formula."""
    p = successes / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
    return 100 * (centre - half), 100 * (centre + half)


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(B ≤ k) for B ~ Bin(n, p), summed term by term."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))


def binom_ppf(share: float, n: int, p: float) -> int:
    """The smallest k with P(B ≤ k) ≥ share."""
    return next(k for k in range(n + 1) if binom_cdf(k, n, p) >= share)


# proportion and CSAT (Wilson)


def test_proportion_is_wilsons_interval_in_percent() -> None:
    e = proportion(45, 60)
    assert e is not None
    low, high = wilson(45, 60)
    assert (e.value, e.ci_low, e.ci_high, e.n, e.method) == (
        75.0,
        approx(low),
        approx(high),
        60,
        "wilson",
    )
    # The published interval for 45/60 (e.g. Newcombe 1998's method 3): 62.77 % to 84.22 %.
    assert (round(e.ci_low, 2), round(e.ci_high, 2)) == (62.77, 84.22)


def test_proportion_at_zero_and_all_stays_inside_0_100() -> None:
    none, every = proportion(0, 12), proportion(12, 12)
    assert none is not None and every is not None
    # p = 0: centre and half-width are both z²/(2n) / (1 + z²/n), so the bound is 0.
    upper = 100 * 2 * (Z**2 / 24) / (1 + Z**2 / 12)
    assert (none.value, none.ci_low, none.ci_high) == (0.0, approx(0.0, abs=1e-12), approx(upper))
    assert (every.value, every.ci_low, every.ci_high) == (100.0, approx(100 - upper), 100.0)


def test_proportion_without_answers_is_none_and_nonsense_is_refused() -> None:
    assert proportion(0, 0) is None
    with pytest.raises(ValueError):
        proportion(5, 4)
    with pytest.raises(ValueError):
        proportion(1, 4, confidence=1.0)


def test_csat_on_a_1_to_5_scale_is_the_top_two_share() -> None:
    assert top_two(1, 5) == (4, 5)
    # 20 answers; 6 fours and 4 fives → 10 / 20 = 50 %.
    e = top_box({1: 2, 2: 3, 3: 5, 4: 6, 5: 4}, top_two(1, 5))
    assert e is not None
    # p = 1/2: the Wilson centre is exactly 1/2.
    half = 100 * Z * math.sqrt(0.25 / 20 + Z**2 / 1600) / (1 + Z**2 / 20)
    assert (e.value, e.ci_low, e.ci_high, e.n) == (50.0, approx(50 - half), approx(50 + half), 20)
    assert round(half, 2) == 20.07


def test_csat_edge_cases() -> None:
    assert top_box({}, (4, 5)) is None
    assert top_box({4: 0, 5: 0}, (4, 5)) is None
    # float keys match integer top answers
    e = top_box({4.0: 1, 5.0: 1, 1.0: 2}, top_two(1, 5))
    assert e is not None and e.value == 50.0
    with pytest.raises(ValueError):
        top_two(3, 3)


# NPS


def test_nps_on_ten_answers() -> None:
    # 5 promoters (9, 9, 10, 10, 10), 2 passives (7, 8), 3 detractors (0, 5, 6); answers
    # outside 0–10 are ignored.
    histogram = {0: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 2, 10: 3, 11: 4, -1: 2}
    e = nps(histogram)
    assert e is not None
    # p⁺ = 0.5, p⁻ = 0.3: NPS = 100 · 0.2 = 20; var = (0.5 + 0.3 − 0.2²) / 10 = 0.076
    half = Z * 100 * math.sqrt(0.076)
    assert (e.value, e.ci_low, e.ci_high, e.n, e.method) == (
        approx(20.0),
        approx(20 - half),
        approx(20 + half),
        10,
        "nps",
    )
    assert (round(e.ci_low, 2), round(e.ci_high, 2)) == (-34.03, 74.03)


def test_nps_interval_is_clipped_to_plus_minus_100() -> None:
    # p⁺ = 0.8, p⁻ = 0.2: NPS 60; var = (1 − 0.36) / 5 = 0.128; 60 + 1.96·35.8 > 100.
    e = nps({10: 4, 0: 1})
    assert e is not None
    assert (e.value, e.ci_low, e.ci_high) == (
        approx(60.0),
        approx(60 - Z * 100 * math.sqrt(0.128)),
        100.0,
    )
    # all promoters: var = (1 − 1) / 3 = 0
    assert nps({9: 1, 10: 2}) == Estimate(100.0, 100.0, 100.0, 3, "nps")


def test_nps_without_answers_in_range_is_none() -> None:
    assert nps({}) is None
    assert nps({11: 5, -2: 1, math.nan: 3}) is None


# means (CES, step readings)


def test_mean_of_five_answers_with_a_t_interval() -> None:
    # answers 3, 4, 5, 5, 6: mean 23/5 = 4.6; squared deviations 2.56 + 0.36 + 0.16 + 0.16
    # + 1.96 = 5.2; s² = 5.2 / 4 = 1.3; se = √(1.3 / 5)
    e = mean({3: 1, 4: 1, 5: 2, 6: 1})
    assert e is not None
    half = T_975_4 * math.sqrt(1.3 / 5)
    assert (e.value, e.ci_low, e.ci_high, e.n, e.method) == (
        approx(4.6),
        approx(4.6 - half),
        approx(4.6 + half),
        5,
        "t",
    )
    assert (round(e.ci_low, 3), round(e.ci_high, 3)) == (3.184, 6.016)


def test_mean_interval_is_clipped_to_the_scale() -> None:
    # answers 1 and 7: mean 4, s² = (9 + 9) / 1 = 18, se = √(18 / 2) = 3. With one degree
    # of freedom t is Cauchy: t₀.₉₇₅,₁ = tan(π · 0.475) ≈ 12.71, so ±38 before clipping.
    t_975_1 = math.tan(math.pi * (0.975 - 0.5))
    unclipped = mean({1: 1, 7: 1})
    assert unclipped is not None
    assert (unclipped.ci_low, unclipped.ci_high) == (
        approx(4 - 3 * t_975_1),
        approx(4 + 3 * t_975_1),
    )
    clipped = mean({1: 1, 7: 1}, bounds=(1, 7))
    assert clipped == Estimate(4.0, 1.0, 7.0, 2, "t")


def test_mean_of_one_answer_or_equal_answers_has_no_spread() -> None:
    assert mean({5: 1}) == Estimate(5.0, 5.0, 5.0, 1, "t")
    # 0.1 · 3 / 3 is not 0.1 in floats; equal answers must still give exactly 0.1.
    assert mean({0.1: 3}) == Estimate(0.1, 0.1, 0.1, 3, "t")
    assert mean({}) is None
    assert mean({4: 0}) is None


def test_mean_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        mean({3: -1, 4: 2})


# quantiles (durations)

#: 20 durations in hours: cumulative counts 4, 7, 12, 14, 20.
DURATIONS = {1.0: 4, 2.5: 3, 3.0: 5, 4.0: 2, 8.0: 6}


def test_median_of_twenty_durations_with_binomial_ranks() -> None:
    # B ~ Bin(20, 1/2): P(B ≤ 5) = (1 + 20 + 190 + 1140 + 4845 + 15504) / 2²⁰ = 0.0207 < 0.025
    # and P(B ≤ 6) = 0.0577, so l = 6; by symmetry P(B ≤ 13) = 0.9423 < 0.975 ≤ P(B ≤ 14),
    # so u = 14 + 1 = 15. Coverage P(6 ≤ B ≤ 14) = 0.9586 ≥ 0.95.
    assert binom_cdf(5, 20, 0.5) == approx(21700 / 2**20)
    assert (binom_ppf(0.025, 20, 0.5), binom_ppf(0.975, 20, 0.5) + 1) == (6, 15)
    e = quantile(DURATIONS, 0.5)
    # value: the 10th answer (10 / 20 ≥ 0.5), in the 3.0 bin (answers 8–12); the 6th is in
    # the 2.5 bin (5–7), the 15th in the 8.0 bin (15–20).
    assert e == Estimate(3.0, 2.5, 8.0, 20, "order-statistic")


def test_90th_percentile_and_small_samples() -> None:
    # Bin(20, 0.9): P(B ≤ 14) = 0.0113 < 0.025 ≤ P(B ≤ 15) = 0.0432 → l = 15 (the 8.0 bin);
    # P(B ≤ 19) = 1 − 0.9²⁰ = 0.878 < 0.975 → u = 20 + 1, clipped to 20.
    assert (binom_ppf(0.025, 20, 0.9), binom_ppf(0.975, 20, 0.9) + 1) == (15, 21)
    assert quantile(DURATIONS, 0.9) == Estimate(8.0, 8.0, 8.0, 20, "order-statistic")
    # one answer: everything is that answer
    assert quantile({2.5: 1}, 0.5) == Estimate(2.5, 2.5, 2.5, 1, "order-statistic")
    assert quantile({}, 0.5) is None


def test_quantile_is_the_inverted_cdf() -> None:
    # smallest x with share ≥ q: the median of {1, 2} is 1, not 1.5
    e = quantile({1: 1, 2: 1}, 0.5)
    assert e is not None and e.value == 1.0
    # 7 / 10 ≥ 0.7 although 0.7 · 10 = 7.000000000000001 in floats: the 7th answer, not 8th.
    ten = {float(k): 1 for k in range(1, 11)}
    e = quantile(ten, 0.7)
    assert e is not None
    ranks = binom_ppf(0.025, 10, 0.7), binom_ppf(0.975, 10, 0.7) + 1
    assert ranks == (4, 11)  # the 11th answer of 10: clipped to the 10th
    assert e == Estimate(7.0, 4.0, 10.0, 10, "order-statistic")


def test_quantile_refuses_q_outside_0_1() -> None:
    for q in (0.0, 1.0, 1.5):
        with pytest.raises(ValueError):
            quantile(DURATIONS, q)


# composite index and change


def test_composite_of_two_criteria() -> None:
    a = Estimate(80.0, 70.0, 90.0, 100, "wilson")
    b = Estimate(60.0, 50.0, 70.0, 50, "wilson")
    e = composite([(1.0, a), (3.0, b)])
    # value (1·80 + 3·60) / 4 = 65; half-width √((1/4)² · 10² + (3/4)² · 10²) = √62.5
    assert e is not None
    half = math.sqrt(62.5)
    assert (e.value, e.ci_low, e.ci_high, e.n, e.method) == (
        approx(65.0),
        approx(65 - half),
        approx(65 + half),
        50,
        "index",
    )


def test_composite_keeps_asymmetric_sides_apart() -> None:
    a = Estimate(90.0, 80.0, 95.0, 40, "wilson")
    b = Estimate(50.0, 40.0, 60.0, 40, "wilson")
    e = composite([(2.0, a), (2.0, b)])
    # below √(0.5² · 10² + 0.5² · 10²) = √50; above √(0.5² · 5² + 0.5² · 10²) = √31.25
    assert e is not None
    assert (e.value, e.ci_low, e.ci_high) == (
        approx(70.0),
        approx(70 - math.sqrt(50)),
        approx(70 + math.sqrt(31.25)),
    )


def test_composite_edge_cases() -> None:
    assert composite([]) is None
    with pytest.raises(ValueError):
        composite([(0.0, Estimate(1.0, 0.0, 2.0, 3, "t"))])


def test_difference_significant_and_not() -> None:
    previous = Estimate(60.0, 55.0, 65.0, 200, "wilson")
    # Δ = 10 > √(5² + 5²) = 7.07
    assert difference(Estimate(70.0, 65.0, 75.0, 200, "wilson"), previous) == (10.0, True)
    # Δ = 2 < 7.07
    assert difference(Estimate(62.0, 57.0, 67.0, 200, "wilson"), previous) == (2.0, False)
    # Δ = −8 against √(10² + 5²) = 11.18: the asymmetric interval counts its larger side
    assert difference(Estimate(52.0, 42.0, 54.0, 200, "wilson"), previous) == (-8.0, False)
    # ... whereas its smaller side would have said √(2² + 5²) = 5.39 < 8


# Spearman


def test_spearman_perfect_and_hand_computed() -> None:
    assert spearman([1, 2, 3, 4, 5], [2, 4, 6, 8, 100]) == (approx(1.0), 5, approx(0.0))
    rho, n, _ = spearman([1, 2, 3, 4, 5], [9, 7, 5, 3, 1])
    assert (rho, n) == (approx(-1.0), 5)
    # ranks of y: 2 1 4 3 5 → d² = 1 + 1 + 1 + 1 + 0 = 4; rho = 1 − 6·4 / (5 · 24) = 0.8
    rho, n, p = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    # p: t = rho·√((n − 2) / (1 − rho²)) on 3 degrees of freedom, whose CDF is
    # 1/2 + (θ + sin θ cos θ) / π with θ = atan(t / √3).
    t = 0.8 * math.sqrt(3 / (1 - 0.64))
    theta = math.atan(t / math.sqrt(3))
    cdf = 0.5 + (theta + math.sin(theta) * math.cos(theta)) / math.pi
    assert (rho, n, p) == (approx(0.8), 5, approx(2 * (1 - cdf)))


def test_spearman_undefined_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert spearman([1, 2, 3, 4], [5, 5, 5, 5]) == (None, 4, None)
        assert spearman([2, 2, 2], [1, 2, 3]) == (None, 3, None)
        assert spearman([1, 2], [1, 2]) == (None, 2, None)
        assert spearman([], []) == (None, 0, None)
        spearman([1, 2, 3], [1, 2, 3])  # rho = 1: no division warning either
    with pytest.raises(ValueError):
        spearman([1, 2, 3], [1, 2])


# status

E = Estimate(70.0, 60.0, 80.0, 100, "wilson")


@pytest.mark.parametrize(
    ("estimate", "target", "higher", "n", "required", "expected"),
    [
        (None, 50.0, True, 0, None, "no_data"),
        (E, 50.0, True, 0, None, "no_data"),
        (None, 50.0, True, 100, None, "no_data"),
        (E, 50.0, True, 4, None, "suppressed"),
        (None, 50.0, True, 4, None, "suppressed"),  # privacy wins over "no estimate"
        (E, 50.0, True, 100, 385, "underpowered"),
        (E, None, True, 100, 100, "no_target"),
        (E, 60.0, True, 100, None, "met"),  # ci_low equal to the target counts
        (E, 55.0, True, 100, None, "met"),
        (E, 81.0, True, 100, None, "not_met"),
        (E, 80.0, True, 100, None, "inconclusive"),  # ci_high equal: not wholly below
        (E, 70.0, True, 100, None, "inconclusive"),
        (E, 80.0, False, 100, None, "met"),  # lower is better: ci_high ≤ target
        (E, 90.0, False, 100, None, "met"),
        (E, 59.0, False, 100, None, "not_met"),
        (E, 60.0, False, 100, None, "inconclusive"),
        (E, 70.0, False, 100, None, "inconclusive"),
    ],
)
def test_status(
    estimate: Estimate | None,
    target: float | None,
    higher: bool,
    n: int,
    required: int | None,
    expected: Status,
) -> None:
    got = status(
        estimate, target=target, higher_is_better=higher, n=n, required=required, min_cell=5
    )
    assert got == expected


def test_importing_the_module_does_not_load_scipy_or_numpy() -> None:
    code = (
        "import sys, cxdsl.cli, cxdsl.results.intervals\n"
        "print(sorted(m for m in ('scipy', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# properties

counts = st.integers(min_value=0, max_value=10_000)
confidences = st.sampled_from([0.8, 0.9, 0.95, 0.99])


def contains(e: Estimate, low: float, high: float) -> bool:
    """The interval contains the value and lies within low..high."""
    return low <= e.ci_low <= e.value <= e.ci_high <= high


@given(st.integers(0, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_proportion_always_within_0_100(case: tuple[int, int]) -> None:
    successes, n = case
    e = proportion(successes, n)
    assert (e is None) == (n == 0)
    assert e is None or (contains(e, 0, 100) and e.value == approx(100 * successes / n))


@given(st.dictionaries(st.integers(1, 5), counts), confidences)
def test_csat_always_within_0_100(histogram: dict[int, int], confidence: float) -> None:
    e = top_box(histogram, top_two(1, 5), confidence)
    assert (e is None) == (sum(histogram.values()) == 0)
    assert e is None or contains(e, 0, 100)


@given(st.dictionaries(st.integers(-3, 13), counts), confidences)
def test_nps_always_within_plus_minus_100(histogram: dict[int, int], confidence: float) -> None:
    e = nps(histogram, confidence)
    in_range = sum(c for k, c in histogram.items() if 0 <= k <= 10)
    assert (e is None) == (in_range == 0)
    assert e is None or (contains(e, -100, 100) and e.n == in_range)


@given(st.dictionaries(st.integers(1, 7), counts), confidences)
def test_mean_always_within_the_scale(histogram: dict[int, int], confidence: float) -> None:
    e = mean(histogram, confidence, bounds=(1, 7))
    assert (e is None) == (sum(histogram.values()) == 0)
    assert e is None or contains(e, 1, 7)


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(st.dictionaries(finite, counts, max_size=40), confidences)
def test_mean_value_within_the_data(histogram: dict[float, int], confidence: float) -> None:
    e = mean(histogram, confidence)
    seen = [k for k, c in histogram.items() if c]
    assert (e is None) == (not seen)
    assert e is None or (e.ci_low <= e.value <= e.ci_high and min(seen) <= e.value <= max(seen))


@settings(deadline=None)  # the first call imports scipy
@given(
    st.dictionaries(st.floats(0, 1e6, allow_nan=False), counts, max_size=40),
    st.floats(0.01, 0.99),
    confidences,
)
def test_quantile_is_always_an_answer(
    histogram: dict[float, int], q: float, confidence: float
) -> None:
    e = quantile(histogram, q, confidence)
    seen = {k for k, c in histogram.items() if c}
    assert (e is None) == (not seen)
    if e is not None:
        assert contains(e, min(seen), max(seen))
        assert {e.value, e.ci_low, e.ci_high} <= seen


@st.composite
def estimates(draw: st.DrawFn) -> Estimate:
    low, value, high = sorted(draw(st.lists(st.floats(0, 100), min_size=3, max_size=3)))
    return Estimate(value, low, high, draw(st.integers(1, 1000)), "wilson")


@given(st.lists(st.tuples(st.floats(0.01, 100), estimates()), min_size=1, max_size=8))
def test_composite_stays_within_its_parts(parts: list[tuple[float, Estimate]]) -> None:
    e = composite(parts)
    assert e is not None
    lowest = min(p.ci_low for _, p in parts)
    highest = max(p.ci_high for _, p in parts)
    tolerance = 1e-9
    assert contains(e, lowest - tolerance, highest + tolerance)
    assert e.n == min(p.n for _, p in parts)


any_keys = st.floats(allow_nan=False, allow_infinity=False)


@settings(deadline=None)
@given(st.dictionaries(any_keys, st.integers(0, 10**9), max_size=30), st.floats(0.01, 0.99))
def test_never_crashes_on_any_histogram(histogram: dict[float, int], q: float) -> None:
    for e in (
        top_box(histogram, (4, 5)),
        nps(histogram),
        mean(histogram),
        quantile(histogram, q),
    ):
        assert e is None or e.ci_low <= e.value <= e.ci_high
