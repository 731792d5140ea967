"""Programme-level sample designs: one sample drawn once and split across several
journeys. Its responses are counted over all of them (per stage when ``per_stage``) and
checked against the design's requirement and plan, once per period (CX312)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import codes
from ..diagnostics import Issue
from ..model import SampleDesign
from ..rules.cx219_dataset_declaration import DatasetDeclaration
from ..stats import required_sample, sample_plan
from .figures import Figure
from .plan import programme_designs

if TYPE_CHECKING:
    from .engine import Run


def design_journey_issues(run: Run) -> list[Issue]:
    """CX219: a plan entry whose sample design lists its journeys without this one."""
    out: list[Issue] = []
    seen: set[int] = set()
    for item in run.items:
        entry = item.entry
        if entry is None or entry.design is None or id(entry) in seen:
            continue
        seen.add(id(entry))
        design = run.rules.index.entity("sample_design", entry.design)
        if not isinstance(design, SampleDesign) or not design.journeys:
            continue
        if item.journey.id not in design.journeys:
            out.append(
                Issue(
                    DatasetDeclaration.code,
                    f"sample design '{design.id}' lists the journeys "
                    f"{', '.join(design.journeys)}, not '{item.journey.id}' whose plan "
                    "names it",
                    run.rules.span(entry, ("design",), item.document),
                    f"add '{item.journey.id}' to the design's `journeys:`",
                )
            )
    return out


def programme_issues(run: Run, figures: Sequence[Figure]) -> list[Issue]:
    """CX312 for each programme design short of its sample in a period."""
    wide = programme_designs(run.items)
    if not wide:
        return []
    metrics: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for i in run.items:
        if i.entry is not None and i.entry.design in wide:
            metrics[i.entry.design].add((i.metric.id, i.journey.id))
    out: list[Issue] = []
    for design_id in sorted(wide):
        design = run.rules.index.entity("sample_design", design_id)
        if not isinstance(design, SampleDesign):
            continue
        # The respondents of one journey answer every criterion: its largest n counts.
        share: dict[tuple[str, str | None, str], int] = defaultdict(int)
        for f in figures:
            c = f.cell
            cell_of_design = (c.stage is not None) == design.per_stage
            if (
                (f.metric, c.journey) in metrics[design_id]
                and cell_of_design
                and (c.breakdown in (None, "stage"))
            ):
                key = (c.period, c.stage, c.journey or "")
                share[key] = max(share[key], f.n)
        totals: dict[tuple[str, str | None], int] = defaultdict(int)
        for (period, stage, _), n in share.items():
            totals[(period, stage)] += n
        out += _short(run, design, totals)
    return out


def _short(
    run: Run, design: SampleDesign, totals: dict[tuple[str, str | None], int]
) -> list[Issue]:
    need = required_sample(None, design)
    planned = sample_plan(None, design).sample_size
    goal = max(g for g in (need, planned, 0) if g is not None)
    where = " at stage '{stage}'" if design.per_stage else ""
    return [
        Issue(
            codes.CX312_FEWER_RESPONSES,
            f"sample design '{design.id}'{where.format(stage=stage)} has {n} responses in "
            f"{period} over its journeys, fewer than the {goal} it "
            f"{'requires' if need is not None and n < need else 'plans'}",
            run.rules.span(design, ("sample_size",) if design.sample_size else ()),
            "a programme-level design is counted over every journey that shares it",
        )
        for (period, stage), n in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        if n < goal
    ]
