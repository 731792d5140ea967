"""Metrics, instruments and the measurement plan entries on journeys."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ActorRef, ChannelRef, Entity, Id, InstrumentRef, MetricRef, Model, Text

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

    kind: Literal["metric"] = "metric"
    name: Text
    type: MetricKind
    definition: Text | None = None
    unit: str | None = None
    direction: Direction = "higher_is_better"
    owner: ActorRef | None = None
    baseline: float | None = None
    target: float | None = None
    instrument: InstrumentRef | None = None


class ResponseScale(Model):
    """The answers a survey question accepts."""

    min: int
    max: int
    labels: dict[int, Text] = Field(default_factory=dict)


class Question(Model):
    """A survey question, written in every workspace language."""

    id: Id
    text: Text
    scale: ResponseScale | None = None


class Instrument(Entity):
    """How a metric is collected: a survey, an analytics event, an observation, ..."""

    kind: Literal["instrument"] = "instrument"
    name: Text
    method: InstrumentKind
    questions: list[Question] = Field(default_factory=list)
    event: str | None = Field(default=None, description="Analytics event name.")


class Trigger(Model):
    """Where in the journey the measurement is taken."""

    step: Id | None = None
    stage: Id | None = None


class Measurement(Model):
    """One entry of a journey's measurement plan."""

    metric: MetricRef
    instrument: InstrumentRef | None = None
    trigger: Trigger | None = None
    channel: ChannelRef | None = None
    cadence: Cadence | None = None
    population: int | None = Field(default=None, ge=1)
    confidence_level: float | None = Field(default=None, gt=0, lt=1)
    margin_of_error: float | None = Field(default=None, gt=0, lt=1)
    sample_size: int | None = Field(default=None, ge=0)
    target: float | None = None
    owner: ActorRef | None = None
