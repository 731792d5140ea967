"""The customer tree (segments) and personas."""

from __future__ import annotations

from collections.abc import Iterable
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


def parent_segments(segments: Iterable[Segment]) -> set[str]:
    """Ids that some segment names as its parent: the inner nodes of the customer tree."""
    return {s.parent for s in segments if s.parent}


def leaf_segments(segments: Iterable[Segment]) -> list[Segment]:
    """Segments no other segment hangs under, in the order given."""
    segments = list(segments)
    parents = parent_segments(segments)
    return [s for s in segments if s.id not in parents]


class PersonaContext(Model):
    """The situation a persona lives in."""

    social: Text | None = None
    financial: Text | None = None
    psychological: Text | None = None


class Persona(Entity):
    """An archetype of customers on a leaf of the customer tree."""

    kind: Literal["persona"] = "persona"
    name: Text
    short_name: Text | None = None
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

    def short_label(self) -> Text:
        """What names the persona where space is short: ``short_name``, else ``name``."""
        return self.short_name or self.name
