"""Metrics, instruments and the measurement plan entries on journeys."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import (
    CHANNEL_DOC,
    ID_DOC,
    INSTRUMENT_DOC,
    KIND_DOC,
    NAME_DOC,
    OWNER_DOC,
    SAMPLE_SIZE_DOC,
    TARGET_DOC,
    ActorRef,
    ChannelRef,
    Entity,
    EvidenceRef,
    Id,
    InstrumentRef,
    LangCode,
    MetricRef,
    Model,
    SampleDesignRef,
    Text,
)

MetricKind = Literal[
    "nps",
    "csat",
    "ces",
    "completion_rate",
    "drop_off",
    "time_to_complete",
    "first_contact_resolution",
    "index",
    "custom",
]
Direction = Literal["higher_is_better", "lower_is_better"]
InstrumentKind = Literal[
    "survey", "analytics_event", "observation", "mystery_shopper", "focus_group", "interview"
]
Cadence = Literal[
    "continuous", "daily", "weekly", "monthly", "quarterly", "yearly", "once", "season"
]
#: What a step-level question measures beside a metric: the emotion felt (on the journey's
#: emotion scale), what was expected, what was perceived.
QuestionMeasures = Literal["emotion", "expected", "perceived"]


class Component(Model):
    """One criterion of a composite index and its weight."""

    metric: MetricRef = Field(description="Id of the criterion's metric.")
    weight: float = Field(default=1, gt=0)


class Metric(Entity):
    """An indicator: what is measured, how it is read, who owns it and what we aim for."""

    kind: Literal["metric"] = Field(default="metric", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    type: MetricKind
    definition: Text | None = None
    unit: str | None = None
    direction: Direction = "higher_is_better"
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)
    baseline: float | None = Field(default=None, description="The value measured before changes.")
    target: float | None = Field(default=None, description=TARGET_DOC)
    instrument: InstrumentRef | None = Field(default=None, description=INSTRUMENT_DOC)
    question: Id | None = Field(
        default=None,
        description="Id of the instrument's question that measures it (needed where the "
        "instrument asks more than one question it could be).",
    )
    components: list[Component] = Field(
        default_factory=list,
        description="An index: the weighted mean of these criteria, measured at the same "
        "journey, stage and period.",
    )


def check_labelled_range(low: int, high: int, labels: dict[int, Text]) -> None:
    """``ValueError`` unless ``low < high`` and every label names a value in between (an
    answer or emotion scale: a label no value can take is a typo)."""
    if low >= high:
        raise ValueError(f"scale min ({low}) must be below max ({high})")
    outside = sorted(v for v in labels if not low <= v <= high)
    if outside:
        values = ", ".join(str(v) for v in outside)
        raise ValueError(f"label for {values} lies outside the scale {low}..{high}")


class ResponseScale(Model):
    """The answers a survey question accepts."""

    min: int
    max: int
    labels: dict[int, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _labels_on_the_scale(self) -> ResponseScale:
        check_labelled_range(self.min, self.max, self.labels)
        return self


class Question(Model):
    """A survey question, written in every workspace language."""

    id: Id = Field(description=ID_DOC)
    text: Text
    scale: ResponseScale | Id | None = Field(
        default=None,
        description="The answers it accepts: written out, or the id of a named scale of "
        "cxdsl.yaml's `answer_scales`.",
    )
    measures: QuestionMeasures | None = Field(
        default=None,
        description="emotion, expected or perceived: answered per step, it is drawn beside "
        "the designed journey.",
    )

    def response_scale(self) -> ResponseScale | None:
        """The answers it accepts: written out, or the named scale the resolver put in place
        of its id (None while a name is unresolved)."""
        return self.scale if isinstance(self.scale, ResponseScale) else None


class Instrument(Entity):
    """How a metric is collected: a survey, an analytics event, an observation, ..."""

    kind: Literal["instrument"] = Field(default="instrument", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    method: InstrumentKind
    questions: list[Question] = Field(default_factory=list)
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)
    languages: list[LangCode] = Field(
        default_factory=list,
        description="The languages it is asked in (default: the workspace's); its questions "
        "are written in these.",
    )
    event: str | None = Field(default=None, description="Analytics event name.")
    events: dict[str, Id] = Field(
        default_factory=dict, description="Analytics event name → the id of the step it marks."
    )


class Trigger(Model):
    """Where in the journey the measurement is taken."""

    step: Id | None = None
    stage: Id | None = None


class Research(Model):
    """Qualitative research planned on a journey (interviews, focus groups, observation):
    no metric and no target; what it finds becomes evidence."""

    topic: Text = Field(description="What the research sets out to learn.")
    instrument: InstrumentRef | None = Field(default=None, description=INSTRUMENT_DOC)
    method: InstrumentKind | None = Field(
        default=None, description="How it is done (default: the instrument's method)."
    )
    trigger: Trigger | None = None
    stages: list[Id] | None = Field(default=None, description="Stages it looks at.")
    participants: int | None = Field(default=None, ge=0, description="Planned participants.")
    cadence: Cadence | None = None
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)
    evidence: list[EvidenceRef] = Field(
        default_factory=list, description="Ids of the evidence entries it has produced."
    )


class Measurement(Model):
    """One entry of a journey's measurement plan."""

    metric: MetricRef = Field(description="Id of the metric measured.")
    instrument: InstrumentRef | None = Field(default=None, description=INSTRUMENT_DOC)
    question: Id | None = Field(
        default=None, description="Id of the instrument's question (default: the metric's)."
    )
    trigger: Trigger | None = None
    stages: list[Id] | Literal["each"] | None = Field(
        default=None,
        description="Measured at each of these stages (or `each` stage of the journey): one "
        "entry for a criterion across stages, shown as a criteria × stages matrix.",
    )
    design: SampleDesignRef | None = Field(
        default=None,
        description="Id of the sample design (survey wave) feeding this entry; its sample "
        "is counted once for every entry that shares it.",
    )
    reporting: Cadence | None = Field(
        default=None,
        description="How often figures are reported (default: from `cadence`, the "
        "collection); `season` reports per season declared in cxdsl.yaml.",
    )
    channel: ChannelRef | None = Field(default=None, description=CHANNEL_DOC)
    cadence: Cadence | None = None
    population: int | None = Field(
        default=None, ge=1, description="Size of the population the sample is drawn from."
    )
    confidence_level: float | None = Field(default=None, gt=0, lt=1, description="E.g. 0.95.")
    margin_of_error: float | None = Field(
        default=None, gt=0, lt=1, description="E.g. 0.05 for ±5%."
    )
    sample_size: int | None = Field(default=None, ge=0, description=SAMPLE_SIZE_DOC)
    target: float | None = Field(default=None, description=TARGET_DOC)
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)
