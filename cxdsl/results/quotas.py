"""A sample design's quotas: the responses it reserves for a segment, checked per period
against what its plan entries received from that segment (CX312, once per quota)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import codes
from ..diagnostics import Issue
from ..model import SampleDesign
from .figures import Figure

if TYPE_CHECKING:
    from .engine import Run


def quota_issues(run: Run, figures: Sequence[Figure]) -> list[Issue]:
    """CX312 for each segment quota of a sample design short in a period."""
    out: list[Issue] = []
    for design, _ in run.rules.index.entities(SampleDesign):
        items = [i for i in run.items if i.entry is not None and i.entry.design == design.id]
        metrics = {i.metric.id for i in items}
        for number, quota in enumerate(design.quotas):
            if quota.segment is None:
                continue  # language quotas: rows carry no language breakdown yet
            received: dict[str, int] = {}
            for f in figures:
                c = f.cell
                if f.metric in metrics and c.segment == quota.segment and c.stage is None:
                    received[c.period] = max(received.get(c.period, 0), f.n)
            out += [
                Issue(
                    codes.CX312_FEWER_RESPONSES,
                    f"sample design '{design.id}' has {n} responses from segment "
                    f"'{quota.segment}' in {period}, fewer than its quota of "
                    f"{quota.sample_size}",
                    run.rules.span(design, ("quotas", number)),
                    "its figures for that segment rest on fewer answers than designed",
                )
                for period, n in sorted(received.items())
                if n < quota.sample_size
            ]
    return out
