"""Survey responses: one histogram query per question, then figures, step readings
(emotion, expected, perceived), the customer tree's measured volumes and validation."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Instrument, Question
from . import intervals
from .aggregate import DIMS, AnswerGroup, answers
from .compute import answer_histograms, estimator, figures_from, in_scale
from .figures import Figure, StepReading
from .plan import PlanItem
from .tables import DataTable, missing_column
from .validate import answer_issues, duplicate_issues, timestamp_issues, unknown_id_issues

if TYPE_CHECKING:
    from .engine import Run


def read(
    run: Run,
    data: DataTable,
    instrument: Instrument,
    items: Sequence[PlanItem],
    default_journey: str | None,
) -> list[Figure]:
    """Figures of the plan items fed by this dataset; readings and volumes into the run."""
    if not data.has("submitted_at"):
        run.issues.append(missing_column(data, "submitted_at", "the response's timestamp"))
        return []
    planned = {i.question.id: i.question for i in items if i.question is not None}
    readings = {q.id: q for q in instrument.questions if q.measures is not None}
    groups: dict[str, list[AnswerGroup]] = {}
    for qid, question in {**planned, **readings}.items():
        if not data.has(qid):
            run.issues.append(missing_column(data, qid, f"answers to question '{qid}'"))
            continue
        groups[qid] = answers(data, qid, run.engine, run.rules.settings.seasons, run.now)
        run.issues.extend(answer_issues(data, run.engine, question, groups[qid]))
    if not groups:
        return []
    first = next(iter(groups.values()))
    _validate_rows(run, data, first, items)
    _volumes(run, first)
    for qid, question in readings.items():
        if qid in groups:
            _readings(run, question, groups[qid], default_journey)
    figures: list[Figure] = []
    for item in items:
        if item.question is not None and item.question.id in groups:
            hist = answer_histograms(item, groups[item.question.id], default_journey, run.context)
            figures += figures_from(item, hist, estimator(item), run.context)
    return figures


def _validate_rows(
    run: Run, data: DataTable, groups: Sequence[AnswerGroup], items: Sequence[PlanItem]
) -> None:
    states: Counter[str] = Counter()
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    seasonal = any(i.period_kind == "season" for i in items)
    for g in groups:
        states[g.timestamp] += g.n
        if seasonal and g.timestamp == "ok" and g.keys.season is None:
            states["season"] += g.n
        for dim in DIMS:
            value = g.keys.dim(dim)
            if value is not None:
                seen[dim][value] += g.n
    seasons = run.rules.settings.seasons if seasonal else []
    run.issues.extend(timestamp_issues(data, run.engine, states, run.now, seasons))
    run.issues.extend(unknown_id_issues(data, seen, run.context.known))
    run.issues.extend(duplicate_issues(data))


def _volumes(run: Run, groups: Sequence[AnswerGroup]) -> None:
    counts: Counter[str] = Counter()
    for g in groups:
        segment = g.keys.dim("segment")
        if (
            segment is not None
            and segment in run.context.known.get("segment", ())
            and (g.timestamp == "ok")
        ):
            counts[segment] += g.n
    volumes = run.results.volumes
    for segment, n in counts.items():
        volumes[segment] = volumes.get(segment, 0) + n
    for segment in [s for s, n in volumes.items() if n < run.context.min_cell]:
        del volumes[segment]


def _readings(
    run: Run, question: Question, groups: Sequence[AnswerGroup], default_journey: str | None
) -> None:
    per_step: dict[tuple[str, str], Counter[float]] = defaultdict(Counter)
    for g in groups:
        journey = g.keys.dim("journey") or default_journey
        step = g.keys.dim("step")
        if journey is None or step is None or g.value is None or g.timestamp != "ok":
            continue
        if step not in run.context.known.get("step", ()):
            continue
        if in_scale(g.value, question):
            per_step[(journey, step)][g.value] += g.n
    scale = question.response_scale()
    bounds = (float(scale.min), float(scale.max)) if scale else None
    assert question.measures is not None
    for (journey, step), hist in sorted(per_step.items()):
        n = sum(hist.values())
        estimate = intervals.mean(hist, bounds=bounds) if n >= run.context.min_cell else None
        run.results.readings.append(StepReading(journey, step, question.measures, n, estimate))
