"""Do emotions explain behaviour? Per journey, Spearman's rank correlation across steps
between the measured emotion and the share of cases lost after the step."""

from __future__ import annotations

from collections import Counter, defaultdict

from . import intervals
from .figures import Association, Results

#: Fewer steps than this, or p ≥ 0.05, and the evidence is too thin to conclude.
MIN_STEPS = 5
ALPHA = 0.05


def drop_offs(results: Results) -> dict[str, dict[str, float]]:
    """Journey → step → share (percent) of the cases that reached it and not the next
    (at the last step: never completed), over every period. A journey with several event
    datasets takes the funnel with the most steps: funnels of different sources are never
    mixed."""
    reached: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    lost: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in results.funnels:
        key = (f.journey, f.source)
        reached[key][f.step] += f.reached
        if f.drop_off is not None:
            lost[key][f.step] += round(f.drop_off.value * f.drop_off.n / 100)
    best: dict[str, tuple[str, str]] = {}
    for key in sorted(reached):
        journey = key[0]
        if journey not in best or len(reached[key]) > len(reached[best[journey]]):
            best[journey] = key
    return {
        journey: {
            step: 100 * lost[key][step] / reached[key][step]
            for step in reached[key]
            if reached[key][step] > 0 and step in lost[key]
        }
        for journey, key in best.items()
    }


def associations(results: Results) -> list[Association]:
    """One association per journey with measured emotions and a funnel."""
    drops = drop_offs(results)
    emotions: dict[str, dict[str, float]] = defaultdict(dict)
    for r in results.readings:
        if r.measure == "emotion" and r.estimate is not None:
            emotions[r.journey][r.step] = r.estimate.value
    out = []
    for journey in sorted(set(drops) & set(emotions)):
        steps = [s for s in drops[journey] if s in emotions[journey]]
        xs = [emotions[journey][s] for s in steps]
        ys = [drops[journey][s] for s in steps]
        rho, n, p = intervals.spearman(xs, ys) if len(steps) >= 3 else (None, len(steps), None)
        conclusive = rho is not None and p is not None and n >= MIN_STEPS and p < ALPHA
        out.append(Association(journey, "drop_off", rho, n, p, conclusive))
    return out
