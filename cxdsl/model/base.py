"""Building blocks shared by every entity: texts, ids, references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

LangCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]

#: Any human-readable text: a plain string, or ``{en: ..., ar: ...}``.
Text = str | dict[LangCode, str]


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to the id of another entity of ``kind``."""

    kind: str


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


class Model(BaseModel):
    """Base of every model object: unknown keys are errors (typos get caught)."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False)


class Entity(Model):
    """A top-level, identified thing: one YAML document or one Python object."""

    kind: str
    id: Id
    description: Text | None = Field(default=None, description="Free text explaining it.")
