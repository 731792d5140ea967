"""Journeys: stages, steps (touchpoints) and everything a step carries."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import (
    CHANNEL_DOC,
    DESCRIPTION_DOC,
    EVIDENCE_DOC,
    ID_DOC,
    KIND_DOC,
    OWNER_DOC,
    SEGMENTS_DOC,
    TITLE_DOC,
    ActorRef,
    ChannelRef,
    CurrencyCode,
    Entity,
    EvidenceRef,
    Extensible,
    Id,
    JourneyRef,
    Model,
    PersonaRef,
    SegmentRef,
    StakeholderRef,
    SystemRef,
    Text,
)
from .measurement import Measurement, Research, Trigger

JourneyState = Literal["as-is", "to-be"]
#: How much a pain point hurts (not a diagnostic's severity: that is ``cxdsl.diagnostics``).
PainSeverity = Literal["low", "medium", "high"]
TransitionKind = Literal["next", "branch", "loop", "failure"]
#: The blueprint lanes that hold actions, in the order they are drawn.
ACTION_LANES = ("front_stage", "back_stage", "support")


class Action(Model):
    """Something done for the customer, by an actor, with a system."""

    action: Text
    actor: ActorRef | None = Field(default=None, description="Id of the actor who performs it.")
    system: SystemRef | None = Field(default=None, description="Id of the system used.")


class PainPoint(Model):
    """A problem the customer meets at a step."""

    text: Text
    severity: PainSeverity = "medium"
    evidence: list[EvidenceRef] = Field(default_factory=list, description=EVIDENCE_DOC)
    accepted: Text | bool | None = Field(
        default=None, description="Set (with the reason) when the pain is knowingly kept."
    )


class Effort(Model):
    """What the step costs the customer."""

    minutes: float | None = Field(
        default=None, ge=0, description="Active minutes: the customer doing something."
    )
    wait_minutes: float | None = Field(
        default=None, ge=0, description="Minutes spent waiting (queues, processing, travel)."
    )
    visits: int | None = Field(default=None, ge=0)
    cost: float | None = Field(default=None, ge=0, description="Money the customer pays.")
    currency: CurrencyCode | None = Field(
        default=None,
        description="ISO 4217 code of `cost` (default: the workspace's `currency`).",
    )
    documents: int | None = Field(default=None, ge=0)
    walking_metres: float | None = Field(
        default=None, ge=0, description="Distance the customer walks, in metres."
    )


class Transition(Model):
    """An edge to another step of the same journey: a branch, a loop or a failure path."""

    to: Id
    type: TransitionKind = "branch"
    label: Text | None = None


class Step(Extensible):
    """A touchpoint: what the customer does, where, with whom, and how it feels."""

    id: Id = Field(description=ID_DOC)
    title: Text = Field(description=TITLE_DOC)
    customer_action: Text | None = None
    channel: ChannelRef | None = Field(default=None, description=CHANNEL_DOC)
    front_stage: list[Action] = Field(default_factory=list)
    back_stage: list[Action] = Field(default_factory=list)
    support: list[Action] = Field(default_factory=list)
    physical_evidence: list[Text] = Field(default_factory=list)
    personas: list[PersonaRef] = Field(
        default_factory=list,
        min_length=1,
        description="Who lives this step, when only some of the journey's personas do (a "
        "failure path for one of them); default: all. Emotion is needed only for them.",
    )
    emotion: int | dict[PersonaRef, int] | None = Field(
        default=None, description="On the journey's scale; a mapping gives it per persona."
    )
    thoughts: list[Text] = Field(default_factory=list)
    pain_points: list[PainPoint] = Field(
        default_factory=list, description="Problems the customer meets here."
    )
    opportunities: list[Text] = Field(
        default_factory=list, description="Ideas that address this step's pain points."
    )
    moment_of_truth: bool = Field(
        default=False, description="A step that decides how the whole experience is remembered."
    )
    effort: Effort | None = None
    expected_score: float | None = Field(
        default=None, description="What customers expect here, on the journey's scale."
    )
    perceived_score: float | None = Field(
        default=None, description="What customers perceive here, on the same scale."
    )
    transitions: list[Transition] | None = Field(
        default=None, description="Where the customer goes next; default: the next step."
    )
    evidence: list[EvidenceRef] = Field(default_factory=list, description=EVIDENCE_DOC)
    replaces: list[Id] = Field(
        default_factory=list,
        description="On a to-be journey: ids of the as-is (`based_on`) journey's steps this "
        "step replaces; a to-be step with an as-is step's id replaces that step.",
    )

    def actions(self) -> list[Action]:
        """Every action of the step: front stage, then back stage, then support."""
        return [*self.front_stage, *self.back_stage, *self.support]


class Stage(Extensible):
    """A phase of the journey, holding steps in order."""

    id: Id = Field(description=ID_DOC)
    title: Text = Field(description=TITLE_DOC)
    description: Text | None = Field(default=None, description=DESCRIPTION_DOC)
    steps: list[Step] = Field(
        default_factory=list, description="The stage's steps (touchpoints), in order."
    )


class Journey(Entity):
    """A persona's journey through a service, as it is or as it should be."""

    kind: Literal["journey"] = Field(default="journey", description=KIND_DOC)
    title: Text = Field(description=TITLE_DOC)
    persona: PersonaRef | None = Field(default=None, description="Id of the primary persona.")
    personas: list[PersonaRef] = Field(
        default_factory=list, description="Other personas on this journey."
    )
    segments: list[SegmentRef] = Field(default_factory=list, description=SEGMENTS_DOC)
    state: JourneyState = Field(
        default="as-is", description="as-is (today) or to-be (the target design)."
    )
    based_on: JourneyRef | None = Field(
        default=None, description="For a to-be journey: id of the as-is journey it improves."
    )
    life_event: Text | None = None
    scenario: Text | None = None
    value_sought: Text | None = None
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)
    emotion_scale: str | None = None
    stakeholders: list[StakeholderRef] = Field(default_factory=list)
    evidence: list[EvidenceRef] = Field(default_factory=list, description=EVIDENCE_DOC)
    stages: list[Stage] = Field(default_factory=list, description="The journey's stages, in order.")
    scope: Annotated[list[Id], Field(min_length=1)] | None = Field(
        default=None,
        description="On a to-be journey: ids of the stages it redesigns; the others are the "
        "as-is journey's, unchanged, and the comparison shows only these.",
    )
    measurement_plan: list[Measurement] = Field(
        default_factory=list, description="How and where this journey is measured."
    )
    research: list[Research] = Field(
        default_factory=list,
        description="Qualitative research planned on this journey (interviews, focus "
        "groups, observation): no metric, it produces evidence.",
    )

    def steps(self) -> list[Step]:
        """Every step, in order across stages."""
        return [step for stage in self.stages for step in stage.steps]

    def lived_by(self, step: Step) -> list[str]:
        """The personas who live ``step``: its own ``personas:``, else all the journey's."""
        return list(step.personas) or self.all_personas()

    def stage_of(self, step: Step) -> Stage | None:
        """The stage holding ``step`` (this very object)."""
        return next((st for st in self.stages if any(s is step for s in st.steps)), None)

    def measurements_covering(self, step: Step) -> list[Measurement]:
        """Plan entries triggered at the step itself or at the stage holding it, or
        measured at that stage (``stages:``)."""
        stage = self.stage_of(step)
        here = stage.id if stage is not None else None

        def covers(m: Measurement) -> bool:
            if (
                m.stages is not None
                and here is not None
                and (m.stages == "each" or here in m.stages)
            ):
                return True
            if m.trigger is None:
                return False
            return m.trigger.step == step.id or (here is not None and m.trigger.stage == here)

        return [m for m in self.measurement_plan if covers(m)]

    def trigger_target(self, trigger: Trigger | None) -> Step | Stage | None:
        """The step a trigger names, else the stage it names, else None."""
        if trigger is None:
            return None
        if trigger.step is not None:
            step = next((s for s in self.steps() if s.id == trigger.step), None)
            if step is not None:
                return step
        if trigger.stage is not None:
            return next((st for st in self.stages if st.id == trigger.stage), None)
        return None

    def all_personas(self) -> list[str]:
        """The primary persona, then the others, each once."""
        return ([self.persona] if self.persona else []) + [
            p for p in self.personas if p != self.persona
        ]
