"""Figures from counts: each plan item's histograms folded into cells (journey × period,
and per step, stage, segment, channel, persona), then an estimate, an interval and a
status per cell. Pure Python over the engine's small results."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..model import Question
from . import intervals
from .aggregate import AnswerGroup, CaseGroup, DurationGroup, Keys
from .figures import Cell, Estimate, Figure, FunnelStep
from .periods import ALL, PeriodKind, period_of
from .plan import PlanItem

BREAKDOWNS: tuple[str, ...] = ("step", "stage", "channel", "segment", "persona")

#: Minutes in the unit a time-to-complete metric is written in (days by default).
_UNIT_MINUTES = {"minutes": 1.0, "minute": 1.0, "hours": 60.0, "hour": 60.0, "days": 1440.0}

Histograms = dict[Cell, Counter[float]]


@dataclass(frozen=True)
class Context:
    """What every figure of a run shares."""

    min_cell: int
    #: Step id → stage id, per journey.
    stages: dict[str, dict[str, str]]
    #: The ids each breakdown may hold (rows naming others are reported, CX306, and
    #: counted only in their journey's figure: a file of made-up ids makes no cells).
    known: dict[str, set[str]] = field(default_factory=dict)


def period_key(keys: Keys, kind: PeriodKind) -> str | None:
    """The period a group of rows is reported in (None: in no period of this kind)."""
    if kind == "season":
        return keys.season
    if keys.month is None:
        return None
    return ALL if kind == "all" else period_of(keys.month, kind)


def stage_of(keys: Keys, journey: str, ctx: Context) -> str | None:
    """The stage a row names, else the stage of the step it names (in its journey)."""
    step = keys.dim("step")
    return keys.dim("stage") or (ctx.stages.get(journey, {}).get(step) if step else None)


def cells_of(keys: Keys, journey: str, period: str, ctx: Context) -> Iterator[Cell]:
    """The journey's cell and one cell per breakdown the row carries with a known id.

    A stage cell comes only from rows that name a stage and no step: a stage is the sum of
    its steps, and publishing both would give a suppressed step away by subtraction."""
    yield Cell(journey, period)
    step = keys.dim("step")
    values = {
        "step": step,
        "stage": keys.dim("stage") if step is None else None,
        "channel": keys.dim("channel"),
        "segment": keys.dim("segment"),
        "persona": keys.dim("persona"),
    }
    for name in BREAKDOWNS:
        value = values[name]
        if value is not None and (name not in ctx.known or value in ctx.known[name]):
            yield Cell(journey, period, **{name: value})


def in_scale(value: float, question: Question | None) -> bool:
    """Whether an answer is one its question accepts (whole numbers within the scale)."""
    scale = question.response_scale() if question is not None else None
    if scale is None:
        return True
    return scale.min <= value <= scale.max and float(value).is_integer()


def answer_histograms(
    item: PlanItem, groups: Iterable[AnswerGroup], default_journey: str | None, ctx: Context
) -> Histograms:
    """Valid answers of the item's question per cell (a stage item: its stage's cells)."""
    out: Histograms = defaultdict(Counter)
    for g in groups:
        journey = g.keys.dim("journey") or default_journey
        if journey != item.journey.id or g.value is None or g.timestamp != "ok":
            continue
        if not in_scale(g.value, item.question):
            continue
        period = period_key(g.keys, item.period_kind)
        if period is None:
            continue
        if item.stage is not None:  # a criteria x stages cell: its stage's rows only
            if stage_of(g.keys, journey, ctx) == item.stage:
                out[Cell(journey, period, stage=item.stage)][g.value] += g.n
            continue
        for cell in cells_of(g.keys, journey, period, ctx):
            out[cell][g.value] += g.n
    return out


def estimator(item: PlanItem) -> Callable[[Counter[float]], Estimate | None]:
    """How the item's metric turns a histogram of answers into an estimate."""
    kind = item.metric.type
    scale = item.question.response_scale() if item.question else None
    if kind == "nps":
        return intervals.nps
    if kind == "csat" and scale is not None:
        top = intervals.top_two(scale.min, scale.max)
        return lambda h: intervals.top_box(h, top)
    if kind == "first_contact_resolution":
        yes = scale.max if scale is not None else 1
        return lambda h: intervals.top_box(h, (yes,))
    if scale is not None:
        bounds = (float(scale.min), float(scale.max))
        return lambda h: intervals.mean(h, bounds=bounds)
    return intervals.mean


def figures_from(
    item: PlanItem,
    histograms: Histograms,
    estimate: Callable[[Counter[float]], Estimate | None],
    ctx: Context,
    statistic: str | None = None,
    target: bool = True,
) -> list[Figure]:
    """One figure per cell. Cells under ``min_cell`` keep their n, never their value."""
    out = []
    for cell, histogram in histograms.items():
        n = sum(histogram.values())
        value = estimate(histogram) if n >= ctx.min_cell else None
        overall = cell.breakdown is None or (item.stage is not None and cell.breakdown == "stage")
        goal = item.target if target else None
        status = intervals.status(
            value,
            target=goal,
            higher_is_better=item.higher_is_better,
            n=n,
            required=item.required if overall else None,
            min_cell=ctx.min_cell,
        )
        out.append(Figure(item.metric.id, cell, n, value, goal, status, statistic=statistic))
    return out


def case_figures(
    item: PlanItem,
    groups: Iterable[CaseGroup],
    durations: Iterable[DurationGroup],
    default_journey: str | None,
    ctx: Context,
) -> list[Figure]:
    """Completion rate, drop-off or time to complete, from the journey's cases."""
    if item.metric.type == "time_to_complete":
        per_minute = _duration_histograms(item, durations, default_journey, ctx)
        unit = _UNIT_MINUTES.get((item.metric.unit or "days").lower(), 1440.0)
        scaled: Histograms = {
            c: Counter({m / unit: k for m, k in h.items()}) for c, h in per_minute.items()
        }
        median = figures_from(item, scaled, lambda h: intervals.quantile(h, 0.5), ctx, "median")
        p90 = figures_from(
            item, scaled, lambda h: intervals.quantile(h, 0.9), ctx, "p90", target=False
        )
        return median + p90
    completed: Histograms = defaultdict(Counter)
    for g in groups:
        if not g.started:
            continue
        journey = g.keys.dim("journey") or default_journey
        period = period_key(g.keys, item.period_kind)
        if journey != item.journey.id or period is None:
            continue
        for cell in cells_of(g.keys, journey, period, ctx):
            if cell.breakdown in (None, "channel", "segment", "persona"):
                completed[cell][1.0 if g.completed else 0.0] += g.n
    if item.metric.type == "drop_off":
        flipped: Histograms = {
            c: Counter({1.0 - v: k for v, k in h.items()}) for c, h in completed.items()
        }
        return figures_from(item, flipped, lambda h: intervals.top_box(h, (1.0,)), ctx)
    return figures_from(item, completed, lambda h: intervals.top_box(h, (1.0,)), ctx)


def _duration_histograms(
    item: PlanItem, durations: Iterable[DurationGroup], default_journey: str | None, ctx: Context
) -> Histograms:
    out: Histograms = defaultdict(Counter)
    for g in durations:
        journey = g.keys.dim("journey") or default_journey
        period = period_key(g.keys, item.period_kind)
        if journey != item.journey.id or period is None or g.minutes < 0:
            continue
        for cell in cells_of(g.keys, journey, period, ctx):
            if cell.breakdown in (None, "channel", "segment", "persona"):
                out[cell][g.minutes] += g.n
    return out


def funnel(
    source: str,
    journey: str,
    steps: list[str],
    groups: Iterable[CaseGroup],
    default_journey: str | None,
    kind: PeriodKind,
    ctx: Context,
) -> list[FunnelStep]:
    """Cases reaching each mapped step per period, and the share lost before the next (at
    the last step: the share that never completed)."""
    last = len(steps)  # the index counting the cases that reached the last step and completed
    reached: dict[str, Counter[int]] = defaultdict(Counter)
    for g in groups:
        if (g.keys.dim("journey") or default_journey) != journey:
            continue
        period = period_key(g.keys, kind)
        if period is None:
            continue
        for i, hit in enumerate(g.reached):
            if hit:
                reached[period][i] += g.n
        if g.reached and g.reached[-1] and g.completed:
            reached[period][last] += g.n
    out = []
    for period, counts in reached.items():
        for i, step in enumerate(steps):
            here = counts[i]
            drop = None
            if here >= ctx.min_cell:
                drop = intervals.proportion(max(here - counts[i + 1], 0), here)
            out.append(FunnelStep(journey, period, step, here, drop, source))
    return out


def with_trends(figures: list[Figure], order: list[str]) -> list[Figure]:
    """Each figure with its change since the previous period of the same cell."""
    rank = {p: i for i, p in enumerate(order)}
    series: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figures:
        c = f.cell
        series[
            (f.metric, f.statistic, c.journey, c.step, c.stage, c.segment, c.channel, c.persona)
        ].append(f)
    out = []
    for run in series.values():
        run.sort(key=lambda f: rank.get(f.cell.period, len(rank)))
        previous: Figure | None = None
        for f in run:
            if previous is not None and previous.estimate and f.estimate:
                change, significant = intervals.difference(f.estimate, previous.estimate)
                f = replace(f, change=change, change_significant=significant)
            out.append(f)
            previous = f
    return out
