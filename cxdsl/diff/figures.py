"""Figures that moved between two revisions (their datasets or their plan changed): a
journey's overall figure per metric and period, when its value or its status differs.

A ``figure.*`` change's ``path`` says where the figure is (``renew 2025-Q4 median``:
journey, period, statistic); :func:`find_figure` finds the figure it stands for again, for
the comment to say it in words (:mod:`.figure_words`).
"""

from __future__ import annotations

from ..results.figures import Figure, Results
from .engine import Change

Key = tuple[str, str | None, str | None, str]


def figure_where(figure: Figure) -> str:
    """Where a figure is, as a change's ``path``: ``journey period [statistic]`` (``-`` for
    a figure of no journey)."""
    return _where(figure.cell.journey, figure.cell.period, figure.statistic)


def _where(journey: str | None, period: str, statistic: str | None) -> str:
    return f"{journey or '-'} {period}" + (f" {statistic}" if statistic else "")


def _overall(results: Results | None) -> dict[Key, Figure]:
    if results is None:
        return {}
    return {
        (f.metric, f.statistic, f.cell.journey, f.cell.period): f
        for f in results.figures
        if f.cell.breakdown is None
    }


def find_figure(results: Results | None, change: Change) -> Figure | None:
    """The overall figure of ``results`` that a ``figure.*`` change is about (None when
    that side has none)."""
    for figure in _overall(results).values():
        if figure.metric == change.entity and figure_where(figure) == change.path:
            return figure
    return None


def _shown(f: Figure | None) -> str | None:
    if f is None:
        return None
    if f.status == "suppressed":
        return "suppressed"  # neither value nor n of a small group
    if f.estimate is None:
        return f"{f.status} (n={f.n})"
    e = f.estimate
    return f"{e.value:.1f} [{e.ci_low:.1f}, {e.ci_high:.1f}] {f.status} (n={f.n})"


def figure_changes(base: Results | None, head: Results | None) -> list[Change]:
    """``figure.moved`` (value or status), ``figure.added`` and ``figure.removed``."""
    old, new = _overall(base), _overall(head)
    out = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: tuple(str(p) for p in k)):
        before, after = old.get(key), new.get(key)
        metric, statistic, journey, period = key
        if before is None or after is None:
            category = "figure.added" if before is None else "figure.removed"
        elif _shown(before) != _shown(after):
            category = "figure.moved"
        else:
            continue
        detail = _detail(before, after)
        where = _where(journey, period, statistic)
        out.append(Change("metric", metric, category, where, _shown(before), _shown(after), detail))
    return out


def _detail(before: Figure | None, after: Figure | None) -> str:
    if before is None or after is None or before.estimate is None or after.estimate is None:
        return ""
    delta = after.estimate.value - before.estimate.value
    status = f"; {before.status} → {after.status}" if before.status != after.status else ""
    return f"{delta:+.1f}{status}"
