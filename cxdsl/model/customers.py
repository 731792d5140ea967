"""The customer tree (segments) and personas."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ChannelRef, Entity, EvidenceRef, LangCode, Model, SegmentRef, Text


class Segment(Entity):
    """A node of the customer tree; ``parent`` links it to the segment above."""

    kind: Literal["segment"] = "segment"
    name: Text
    parent: SegmentRef | None = None
    criteria: list[Text] = Field(default_factory=list)
    estimated_volume: int | None = Field(default=None, ge=0)


class PersonaContext(Model):
    """The situation a persona lives in."""

    social: Text | None = None
    financial: Text | None = None
    psychological: Text | None = None


class Persona(Entity):
    """An archetype of customers on a leaf of the customer tree."""

    kind: Literal["persona"] = "persona"
    name: Text
    summary: Text | None = None
    segments: list[SegmentRef] = Field(default_factory=list)
    age_range: str | None = None
    occupation: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    needs: list[Text] = Field(default_factory=list)
    pains: list[Text] = Field(default_factory=list)
    expectations: list[Text] = Field(default_factory=list)
    context: PersonaContext | None = None
    preferred_channels: list[ChannelRef] = Field(default_factory=list)
    accessibility_needs: list[Text] = Field(default_factory=list)
    languages: list[LangCode] = Field(default_factory=list)
    quote: Text | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list)
