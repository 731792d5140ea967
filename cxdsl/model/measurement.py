"""Metrics, instruments and the measurement plan entries on journeys."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

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
    Id,
    InstrumentRef,
    MetricRef,
    Model,
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
    "custom",
]
Direction = Literal["higher_is_better", "lower_is_better"]
InstrumentKind = Literal[
    "survey", "analytics_event", "observation", "mystery_shopper", "focus_group", "interview"
]
Cadence = Literal["continuous", "daily", "weekly", "monthly", "quarterly", "yearly", "once"]


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


class ResponseScale(Model):
    """The answers a survey question accepts."""

    min: int
    max: int
    labels: dict[int, Text] = Field(default_factory=dict)


class Question(Model):
    """A survey question, written in every workspace language."""

    id: Id = Field(description=ID_DOC)
    text: Text
    scale: ResponseScale | None = None


class Instrument(Entity):
    """How a metric is collected: a survey, an analytics event, an observation, ..."""

    kind: Literal["instrument"] = Field(default="instrument", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    method: InstrumentKind
    questions: list[Question] = Field(default_factory=list)
    event: str | None = Field(default=None, description="Analytics event name.")


class Trigger(Model):
    """Where in the journey the measurement is taken."""

    step: Id | None = None
    stage: Id | None = None


class Measurement(Model):
    """One entry of a journey's measurement plan."""

    metric: MetricRef = Field(description="Id of the metric measured.")
    instrument: InstrumentRef | None = Field(default=None, description=INSTRUMENT_DOC)
    trigger: Trigger | None = None
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
