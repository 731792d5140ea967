"""Small groups stay private: a breakdown cell with fewer than ``min_cell_size`` responses
shows neither its value nor its n (primary suppression), and when a breakdown (say, the
segments of a journey in a period) has exactly one such cell, the next smallest cell is
suppressed too, so the hidden one cannot be recovered by subtracting the cells shown from
the journey's figure (complementary suppression)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from .figures import Figure

#: The cells one breakdown splits a journey's figure into: metric, statistic, journey,
#: period and the dimension (step, stage, segment, channel, persona).
Family = tuple[str, str | None, str | None, str, str]


def _family(f: Figure) -> Family | None:
    c = f.cell
    dim = c.breakdown
    return None if dim is None else (f.metric, f.statistic, c.journey, c.period, dim)


def suppress_complements(figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with a second cell hidden in every breakdown that hides only one."""
    families: dict[Family, list[int]] = defaultdict(list)
    for i, f in enumerate(figures):
        key = _family(f)
        if key is not None:
            families[key].append(i)
    out = list(figures)
    for members in families.values():
        hidden = [i for i in members if out[i].status == "suppressed"]
        if len(hidden) != 1:
            continue
        shown = [i for i in members if out[i].estimate is not None]
        if not shown:
            continue
        # The smallest cell; among equals the first by its ids, so the choice never
        # depends on the order the engine returned rows in.
        smallest = min(shown, key=lambda i: (out[i].n, _order(out[i])))
        out[smallest] = replace(out[smallest], estimate=None, status="suppressed")
    return out


def _order(f: Figure) -> tuple[str, ...]:
    c = f.cell
    return tuple(v or "" for v in (c.step, c.stage, c.segment, c.channel, c.persona))
