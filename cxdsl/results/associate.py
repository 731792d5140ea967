"""Do emotions explain behaviour? Per journey, Spearman's rank correlation across steps
between the measured emotion and the share of cases lost after the step."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from . import intervals
from .figures import Association, Results

#: Fewer steps than this, or p ≥ 0.05, and the evidence is too thin to conclude.
MIN_STEPS = 5
ALPHA = 0.05


def drop_offs(results: Results) -> dict[str, dict[str, float]]:
    """Journey → step → share (percent) of the cases that reached it and not the next,
    over every period."""
    reached: dict[str, Counter[str]] = defaultdict(Counter)
    order: dict[str, list[str]] = defaultdict(list)
    for f in results.funnels:
        reached[f.journey][f.step] += f.reached
        if f.step not in order[f.journey]:
            order[f.journey].append(f.step)
    out: dict[str, dict[str, float]] = {}
    for journey, steps in order.items():
        counts = reached[journey]
        out[journey] = {
            step: 100 * max(counts[step] - counts[nxt], 0) / counts[step]
            for step, nxt in itertools.pairwise(steps)
            if counts[step] > 0
        }
    return out


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
