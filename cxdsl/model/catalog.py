"""The shared catalog: channels, actors, systems, stakeholders, evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import KIND_DOC, NAME_DOC, OWNER_DOC, SAMPLE_SIZE_DOC, TITLE_DOC, ActorRef, Entity, Text
from .dates import CalendarDate

ChannelKind = Literal[
    "digital", "mobile", "physical", "phone", "messaging", "self_service", "partner", "other"
]
ActorKind = Literal["front_stage", "back_stage", "support", "partner"]
EvidenceKind = Literal[
    "interview",
    "survey",
    "analytics",
    "observation",
    "mystery_shopper",
    "focus_group",
    "complaints",
    "document",
]
StakeholderRelation = Literal["affected", "parallel", "regulator", "partner", "other"]


class Channel(Entity):
    """A way customers reach the service: portal, app, branch, call centre, SMS."""

    kind: Literal["channel"] = Field(default="channel", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    type: ChannelKind
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)


class Actor(Entity):
    """A role or unit that delivers steps, or a partner entity outside the organisation."""

    kind: Literal["actor"] = Field(default="actor", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    type: ActorKind
    organisation: Text | None = None

    @property
    def is_partner(self) -> bool:
        """A partner entity outside the organisation (drawn with a ⇄ mark and dashes)."""
        return self.type == "partner"


class System(Entity):
    """A digital enabler behind steps."""

    kind: Literal["system"] = Field(default="system", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    owner: ActorRef | None = Field(default=None, description=OWNER_DOC)


class Stakeholder(Entity):
    """A party affected by or parallel to the service who is not its direct user."""

    kind: Literal["stakeholder"] = Field(default="stakeholder", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    relation: StakeholderRelation = "affected"
    interests: list[Text] = Field(default_factory=list)


class Evidence(Entity):
    """Research behind a claim: an interview round, a survey, analytics, an observation."""

    kind: Literal["evidence"] = Field(default="evidence", description=KIND_DOC)
    title: Text = Field(description=TITLE_DOC)
    method: EvidenceKind
    date: CalendarDate | None = Field(
        default=None, description="When it was gathered: YYYY-MM-DD or Hijri YYYY-MM-DDH."
    )
    sample_size: int | None = Field(default=None, ge=0, description=SAMPLE_SIZE_DOC)
    link: str | None = None
    summary: Text | None = None
