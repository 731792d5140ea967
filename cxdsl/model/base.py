"""Building blocks shared by every entity: texts, ids, references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

LangCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]


# Descriptions several fields share (shown by editors through the JSON Schema).
KIND_DOC = "What this document describes."
ID_DOC = "Unique among entities of this kind; used to reference it from elsewhere."
NAME_DOC = "Display name: a string, or {language: text}."
TITLE_DOC = "Display title: a string, or {language: text}."
DESCRIPTION_DOC = "Free text: a string, or {language: text}."
OWNER_DOC = "Id of the actor (role or unit) that owns it."
SEGMENTS_DOC = "Ids of segments of the customer tree."
CHANNEL_DOC = "Id of the channel where this happens."
EVIDENCE_DOC = "Ids of evidence entries (research) behind this."
INSTRUMENT_DOC = "Id of the instrument that collects it."
TARGET_DOC = "The value aimed for."
SAMPLE_SIZE_DOC = "Planned number of responses."


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to the id of another entity of ``kind``."""

    kind: str


@dataclass(frozen=True)
class TextMarker:
    """Marks a field as human-readable text (checked for languages, written in language
    order). Found by ``cxdsl.model.introspect``, never by the shape of a type."""


TEXT = TextMarker()

#: Any human-readable text: a plain string, or ``{en: ..., ar: ...}``.
Text = Annotated[str | dict[LangCode, str], TEXT]


SegmentRef = Annotated[str, Ref("segment")]
PersonaRef = Annotated[str, Ref("persona")]
ChannelRef = Annotated[str, Ref("channel")]
ActorRef = Annotated[str, Ref("actor")]
SystemRef = Annotated[str, Ref("system")]
StakeholderRef = Annotated[str, Ref("stakeholder")]
EvidenceRef = Annotated[str, Ref("evidence")]
MetricRef = Annotated[str, Ref("metric")]
InstrumentRef = Annotated[str, Ref("instrument")]
JourneyRef = Annotated[str, Ref("journey")]
SampleDesignRef = Annotated[str, Ref("sample_design")]


class Model(BaseModel):
    """Base of every model object: unknown keys are errors (typos get caught)."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False)


class Entity(Model):
    """A top-level, identified thing: one YAML document or one Python object."""

    kind: str
    id: Id = Field(description=ID_DOC)
    description: Text | None = Field(default=None, description="Free text explaining it.")
