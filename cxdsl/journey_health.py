"""How a journey is doing, in one place: each persona's lowest feeling and where, the open
high-severity pain points, the effort added up, the painful steps nothing measures, the
owner. The home page, the journeys overview, each journey page and rule CX227 all ask
here, so they never disagree.

A step is *painful* when a persona's feeling there is at the bottom of the journey's
emotion scale, or when it has a high-severity pain point that is not ``accepted`` (an
accepted pain is a decision already written down; CX213 treats it the same way).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .effort import EffortTotals, effort_totals
from .model import EmotionScale, Journey, PainPoint, Settings, Step
from .model.settings import DEFAULT_SCALE

#: (persona id, or None when the journey names no persona; the feeling on the scale)
Feeling = tuple[str | None, float]


def emotion_scale(journey: Journey, settings: Settings) -> EmotionScale:
    """The scale the journey's emotions are written on (the workspace's default, else
    -2..+2; an unknown name is CX112's to report, and falls back the same way)."""
    name = journey.emotion_scale or settings.default_emotion_scale or ""
    return settings.emotion_scales.get(name, DEFAULT_SCALE)


def feelings(journey: Journey, step: Step) -> list[Feeling]:
    """How each persona feels at ``step``: a single value is every persona's who lives the
    step (``None`` for a journey without personas); a mapping gives each its own, in the
    journey's persona order."""
    emotion = step.emotion
    if emotion is None:
        return []
    if isinstance(emotion, dict):
        order = journey.all_personas() + sorted(set(emotion) - set(journey.all_personas()))
        return [(p, emotion[p]) for p in order if p in emotion]
    lived: list[str | None] = list(journey.lived_by(step))
    return [(persona, emotion) for persona in lived or [None]]


def position(value: float, scale: EmotionScale) -> float:
    """Where ``value`` lies on the scale: 0 at the bottom, 1 at the top."""
    span = scale.max - scale.min
    return (value - scale.min) / span if span > 0 else 0.5


def open_high_pains(step: Step) -> list[PainPoint]:
    """The step's high-severity pain points that are not ``accepted``."""
    return [p for p in step.pain_points if p.severity == "high" and not p.accepted]


@dataclass(frozen=True)
class StepHealth:
    """One step: how each persona feels, what hurts, what it costs, whether it is measured."""

    journey: Journey
    step: Step
    feelings: list[Feeling]
    #: Personas whose feeling is at the bottom of the scale.
    bottom: list[str | None]
    high_pains: list[PainPoint]
    measured: bool
    #: Active and waiting minutes together (None when the step states neither).
    minutes: float | None
    #: The lowest feeling's place on the scale (0 bottom, 1 top; None without emotion).
    low: float | None

    @property
    def painful(self) -> bool:
        """At the bottom of the scale for a persona, or with an open high-severity pain."""
        return bool(self.bottom or self.high_pains)

    @property
    def unmeasured_pain(self) -> bool:
        """Painful and covered by no measurement (what CX227 reports)."""
        return self.painful and not self.measured


def step_health(journey: Journey, step: Step, scale: EmotionScale) -> StepHealth:
    """The health of one step on ``scale``."""
    found = feelings(journey, step)
    totals = effort_totals([step])
    return StepHealth(
        journey=journey,
        step=step,
        feelings=found,
        bottom=[persona for persona, value in found if value <= scale.min],
        high_pains=open_high_pains(step),
        measured=bool(journey.measurements_covering(step)),
        minutes=totals.total_minutes,
        low=min((position(value, scale) for _, value in found), default=None),
    )


@dataclass(frozen=True)
class LowPoint:
    """A persona's lowest feeling in a journey, and the first step where it is felt."""

    persona: str | None
    value: float
    step: Step


@dataclass(frozen=True)
class JourneyHealth:
    """The answer to "how is this journey doing"."""

    journey: Journey
    scale: EmotionScale
    steps: list[StepHealth]
    #: Per persona (the journey's order), the lowest feeling and its step.
    lowest: list[LowPoint]
    effort: EffortTotals
    owner: str | None

    @property
    def high_pains(self) -> list[tuple[Step, PainPoint]]:
        """Every open high-severity pain point, with its step, in journey order."""
        return [(s.step, pain) for s in self.steps for pain in s.high_pains]

    @property
    def painful(self) -> list[StepHealth]:
        return [s for s in self.steps if s.painful]

    @property
    def unmeasured(self) -> list[StepHealth]:
        """The painful steps no measurement covers."""
        return [s for s in self.steps if s.unmeasured_pain]

    @property
    def low(self) -> float | None:
        """The lowest feeling's place on the scale, over every persona (None: no emotion)."""
        return min((position(p.value, self.scale) for p in self.lowest), default=None)


def _lowest(journey: Journey, steps: list[StepHealth]) -> list[LowPoint]:
    found: dict[str | None, LowPoint] = {}
    for health in steps:
        for persona, value in health.feelings:
            if persona not in found or value < found[persona].value:
                found[persona] = LowPoint(persona, value, health.step)
    order = {p: i for i, p in enumerate(journey.all_personas())}
    return sorted(found.values(), key=lambda p: order.get(p.persona or "", len(order)))


def journey_health(journey: Journey, settings: Settings) -> JourneyHealth:
    """How ``journey`` is doing: its steps' health, each persona's lowest point, the effort
    of every step added up (costs in the workspace's ``currency`` unless a step names one)."""
    scale = emotion_scale(journey, settings)
    steps = [step_health(journey, step, scale) for step in journey.steps()]
    return JourneyHealth(
        journey=journey,
        scale=scale,
        steps=steps,
        lowest=_lowest(journey, steps),
        effort=effort_totals(journey.steps(), settings.currency),
        owner=journey.owner,
    )


def _needs_attention(health: StepHealth, most_minutes: float) -> bool:
    below_middle = health.low is not None and health.low < 0.5
    longest = health.minutes is not None and health.minutes > 0 and health.minutes == most_minutes
    return below_middle or bool(health.high_pains) or longest


#: How a worst step sorts: lowest feeling, personas at the bottom, open high pains,
#: measured, minutes, then journey id and step position (every part: smaller is worse).
Badness = tuple[float, int, int, bool, float, str, int]


def _badness(health: StepHealth, position_in_journey: int) -> Badness:
    low = 0.5 if health.low is None else health.low
    return (
        low,
        -len(health.bottom),
        -len(health.high_pains),
        health.measured,
        -(health.minutes or 0),
        health.journey.id,
        position_in_journey,
    )


def worst_steps(journeys: Iterable[JourneyHealth]) -> list[StepHealth]:
    """The steps that need attention across journeys, worst first.

    A step needs attention when a persona feels below the middle of the scale there, when
    it has an open high-severity pain point, or when it takes the customer the most time
    of its journey. Worst first, each rule breaking the ties of the one before:

    1. the lowest feeling (its place on the scale, so journeys on different scales
       compare);
    2. more personas at the bottom of the scale (a step that hurts two personas before
       one that hurts one; counted rather than a sum or mean of feelings, which would let
       a step lived by fewer personas look worse or better only for that);
    3. more open high-severity pain points;
    4. unmeasured before measured (nobody will know whether a change helps it);
    5. more minutes (active and waiting);
    6. then a stable order: the journey's id, the step's place in its journey.
    """
    found: list[tuple[Badness, StepHealth]] = []
    for journey in journeys:
        most = max((s.minutes or 0 for s in journey.steps), default=0)
        found += [
            (_badness(s, i), s) for i, s in enumerate(journey.steps) if _needs_attention(s, most)
        ]
    return [s for _, s in sorted(found, key=lambda item: item[0])]


def journeys_by_health(journeys: Iterable[JourneyHealth]) -> list[JourneyHealth]:
    """Journeys worst first: the lowest feeling, then the most open high-severity pains,
    then the most painful steps without measurement (stable otherwise)."""

    def key(health: JourneyHealth) -> tuple[float, int, int]:
        low = 0.5 if health.low is None else health.low
        return (low, -len(health.high_pains), -len(health.unmeasured))

    return sorted(journeys, key=key)
