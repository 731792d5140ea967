"""The measurement plan, expanded into what the engine computes: one item per metric ×
journey (× stage, for entries that apply to several stages), with the question it reads,
its target, its direction, the sample it needs and how it is reported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..loading.document import Document
from ..model import Instrument, Journey, Measurement, Metric, Question, SampleDesign
from ..resolve import Index
from ..stats import required_sample, sample_plan
from .periods import PeriodKind, period_kind
from .questions import QUESTIONLESS_TYPES, metric_question


@dataclass(frozen=True)
class PlanItem:
    """One metric measured on one journey (at one stage of a criteria × stages matrix)."""

    journey: Journey
    metric: Metric
    entry: Measurement | None
    instrument: Instrument | None
    question: Question | None
    #: The stage of a matrix cell (entries with ``stages:``), else None.
    stage: str | None
    target: float | None
    higher_is_better: bool
    #: Responses the plan requires per period (Cochran with the finite population
    #: correction, as CX209), None when the plan does not say.
    required: int | None
    #: Responses the plan (or its sample design) intends to collect per period.
    planned: int | None
    period_kind: PeriodKind
    #: The journey's document (where the entry is written).
    document: Document

    @property
    def instrument_id(self) -> str | None:
        return self.instrument.id if self.instrument else None


def plan_items(index: Index) -> list[PlanItem]:
    """Every plan entry of every journey, stage lists expanded, in file order. An entry
    of a programme-level design (one sample spanning several journeys) requires nothing
    of its own journey's share: the design's sample is checked as a whole."""
    out: list[PlanItem] = []
    for journey, document in index.entities(Journey):
        for entry in journey.measurement_plan:
            metric = index.entity("metric", entry.metric)
            if isinstance(metric, Metric):
                out.extend(_items(index, journey, document, entry, metric))
    wide = programme_designs(out)
    return [
        replace(i, required=None, planned=None)
        if i.entry is not None and i.entry.design in wide
        else i
        for i in out
    ]


def programme_designs(items: list[PlanItem]) -> set[str]:
    """Sample designs whose entries lie in more than one journey."""
    journeys: dict[str, set[str]] = {}
    for i in items:
        if i.entry is not None and i.entry.design is not None:
            journeys.setdefault(i.entry.design, set()).add(i.journey.id)
    return {design for design, found in journeys.items() if len(found) > 1}


def _items(
    index: Index, journey: Journey, document: Document, entry: Measurement, metric: Metric
) -> Iterator[PlanItem]:
    instrument = index.entity("instrument", entry.instrument or metric.instrument)
    if not isinstance(instrument, Instrument):
        instrument = None
    question = None
    if instrument is not None and metric.type not in QUESTIONLESS_TYPES:
        found = metric_question(metric, instrument, entry)
        question = found if isinstance(found, Question) else None
    design = index.entity("sample_design", entry.design) if entry.design else None
    wave = design if isinstance(design, SampleDesign) else None
    required = required_sample(entry, wave)
    planned = sample_plan(entry, wave).sample_size
    stages = _stages(journey, entry)
    for stage in stages:
        yield PlanItem(
            journey=journey,
            metric=metric,
            entry=entry,
            instrument=instrument,
            question=question,
            stage=stage,
            target=entry.target if entry.target is not None else metric.target,
            higher_is_better=metric.direction == "higher_is_better",
            required=required,
            planned=planned,
            period_kind=period_kind(entry),
            document=document,
        )


def _stages(journey: Journey, entry: Measurement) -> list[str | None]:
    if entry.stages is None:
        return [None]
    known = [s.id for s in journey.stages]
    if entry.stages == "each":
        return list(known)
    return [s for s in entry.stages if s in known]


def step_stages(journey: Journey) -> dict[str, str]:
    """Step id → the id of the stage holding it."""
    return {step.id: stage.id for stage in journey.stages for step in stage.steps}


def known_ids(index: Index) -> dict[str, set[str]]:
    """The ids each breakdown column of a dataset may hold."""
    steps: set[str] = set()
    stages: set[str] = set()
    for journey, _ in index.entities(Journey):
        for stage in journey.stages:
            stages.add(stage.id)
            steps.update(step.id for step in stage.steps)
    return {
        "journey": set(index.ids("journey")),
        "step": steps,
        "stage": stages,
        "channel": set(index.ids("channel")),
        "segment": set(index.ids("segment")),
        "persona": set(index.ids("persona")),
    }
