"""The customer tree (segments) and personas."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from .base import (
    EVIDENCE_DOC,
    KIND_DOC,
    NAME_DOC,
    SEGMENTS_DOC,
    ChannelRef,
    CountryCode,
    Entity,
    EvidenceRef,
    Id,
    LangCode,
    Model,
    SegmentRef,
    Text,
)


class Segment(Entity):
    """A node of the customer tree; ``parent`` links it to the segment above."""

    kind: Literal["segment"] = Field(default="segment", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    parent: SegmentRef | None = Field(
        default=None, description="Id of the parent segment in the customer tree."
    )
    dimension: Id | None = Field(
        default=None,
        description="On a root segment: the segmentation dimension its tree cuts by "
        "(`origin`, `need`); its children inherit it. One customer tree per dimension.",
    )
    criteria: list[Text] = Field(default_factory=list)
    estimated_volume: int | None = Field(default=None, ge=0)
    volume_source: Text | None = Field(
        default=None, description="Where `estimated_volume` comes from (a statistic, a report)."
    )
    volume_year: int | None = Field(
        default=None, ge=1900, le=2200, description="The year `estimated_volume` counts."
    )
    evidence: list[EvidenceRef] = Field(default_factory=list, description=EVIDENCE_DOC)


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

    kind: Literal["persona"] = Field(default="persona", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    short_name: Text | None = Field(
        default=None,
        description="Short label where space is tight (emotion cells, comparisons); "
        "defaults to the name.",
    )
    summary: Text | None = None
    segments: list[SegmentRef] = Field(default_factory=list, description=SEGMENTS_DOC)
    age_range: str | None = None
    occupation: Text | None = None
    country: CountryCode | None = Field(
        default=None, description="ISO 3166 code of the country the persona lives in (`SA`)."
    )
    nationality: CountryCode | None = Field(
        default=None, description="ISO 3166 code of the persona's nationality (`ID`)."
    )
    goals: list[Text] = Field(default_factory=list)
    needs: list[Text] = Field(default_factory=list)
    pains: list[Text] = Field(default_factory=list)
    expectations: list[Text] = Field(default_factory=list)
    context: PersonaContext | None = None
    preferred_channels: list[ChannelRef] = Field(default_factory=list)
    accessibility_needs: list[Text] = Field(default_factory=list)
    languages: list[LangCode] = Field(default_factory=list)
    quote: Text | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list, description=EVIDENCE_DOC)

    def short_label(self) -> Text:
        """What names the persona where space is short: ``short_name``, else ``name``."""
        return self.short_name or self.name
