"""What the plan expected and the data do not give: periods without data (CX311) and
periods with fewer responses than the plan requires (CX312), at the plan entry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import codes
from ..diagnostics import Issue
from .figures import Figure
from .periods import first_month, months_between, period_of
from .plan import PlanItem

if TYPE_CHECKING:
    from .engine import Run


#: Periods without data named one by one per plan entry; the rest are counted.
MAX_GAPS = 12


def gap_issues(run: Run, figures: Sequence[Figure]) -> list[Issue]:
    """CX311 and CX312 for every plan entry (once per entry, once per sample design)."""
    overall = _overall(figures)
    out: list[Issue] = []
    seen: set[int] = set()
    # Entries sharing a sample design share its respondents: one finding per design,
    # stage and period, not one per criterion.
    waves: set[tuple[str, str | None, str]] = set()
    for item in run.items:
        if item.entry is None:
            continue
        found = overall.get((item.metric.id, item.journey.id, item.stage), [])
        if id(item.entry) not in seen:
            seen.add(id(item.entry))
            out += _period_issues(run, item, found)
        for f in found:
            wave = (item.entry.design, item.stage, f.cell.period)
            if not _short(item, f) or wave in waves:
                continue
            if item.entry.design is not None:
                waves.add((item.entry.design, item.stage, f.cell.period))
            out.append(_fewer(run, item, f))
    return out


def _overall(figures: Sequence[Figure]) -> dict[tuple[str, str, str | None], list[Figure]]:
    """Each metric's figures per journey and stage (a matrix cell), over its periods."""
    out: dict[tuple[str, str, str | None], list[Figure]] = defaultdict(list)
    for f in figures:
        if f.statistic in (None, "median") and f.cell.breakdown in (None, "stage"):
            out[(f.metric, f.cell.journey or "", f.cell.stage)].append(f)
    return out


def _period_issues(run: Run, item: PlanItem, found: Sequence[Figure]) -> list[Issue]:
    """CX311: periods between those with data that have none (the first twelve named, the
    rest counted), or a plan reported by season in a workspace that declares none."""
    assert item.entry is not None
    span = run.rules.span(item.entry, (), item.document)
    if item.period_kind == "season" and not run.rules.settings.seasons:
        return [
            Issue(
                codes.CX311_PERIOD_WITHOUT_DATA,
                f"'{item.metric.id}' is reported by season, but cxdsl.yaml declares no "
                "seasons: it has no period to report",
                span,
                "declare `seasons:` (id, name, start, end) in cxdsl.yaml",
            )
        ]
    missing = _missing(found, item.period_kind) if found else []
    out = [
        Issue(
            codes.CX311_PERIOD_WITHOUT_DATA,
            f"'{item.metric.id}' has no data for {period}, between periods that do",
            span,
        )
        for period in missing[:MAX_GAPS]
    ]
    if len(missing) > MAX_GAPS:
        out.append(
            Issue(
                codes.CX311_PERIOD_WITHOUT_DATA,
                f"'{item.metric.id}' has no data for {len(missing) - MAX_GAPS} more periods, "
                f"up to {missing[-1]}",
                span,
            )
        )
    return out


def _below(goal: int | None, n: int) -> bool:
    return goal is not None and n < goal


def _short(item: PlanItem, figure: Figure) -> bool:
    if figure.status == "no_data":
        return False
    return _below(item.required, figure.n) or _below(item.planned, figure.n)


def _fewer(run: Run, item: PlanItem, figure: Figure) -> Issue:
    """CX312: below the required sample (underpowered), or below the planned one."""
    assert item.entry is not None
    if _below(item.required, figure.n):
        goal, hint = f"the {item.required} the plan requires", "its figure is underpowered"
    else:
        goal, hint = f"the {item.planned} planned", "enough for its interval, short of the plan"
    who = f"sample design '{item.entry.design}'" if item.entry.design else f"'{item.metric.id}'"
    # A small group's n stays private, here too.
    if figure.status == "suppressed":
        count = f"fewer than {run.context.min_cell} responses"
    else:
        count = f"{figure.n} responses"
    return Issue(
        codes.CX312_FEWER_RESPONSES,
        f"{who}{_at(item.stage)} has {count} in {figure.cell.period}, fewer than {goal}",
        run.rules.span(
            item.entry, ("sample_size",) if item.entry.sample_size else (), item.document
        ),
        hint,
    )


def _at(stage: str | None) -> str:
    return f" at stage '{stage}'" if stage else ""


def _missing(found: Sequence[Figure], kind: str) -> list[str]:
    if kind not in ("month", "quarter", "year"):
        return []
    periods = {f.cell.period for f in found}
    months = sorted(m for m in (first_month(p) for p in periods) if m is not None)
    if not months:
        return []
    expected = {period_of(m, kind) for m in months_between(months[0], months[-1])}  # type: ignore[arg-type]
    return sorted(expected - periods)
