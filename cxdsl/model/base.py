"""Building blocks shared by every entity: texts, ids, references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    model_validator,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

LangCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


def _known_country(code: str) -> str:
    from babel import Locale  # CLDR's territories; imported only when a code is written

    if code == "ZZ" or code not in Locale("en").territories:
        raise ValueError(f"'{code}' is not an ISO 3166 country code (e.g. SA, ID, PH)")
    return code


#: ISO 3166-1 alpha-2 country code (``SA``, ``ID``), shown as the country's name.
CountryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{2}$"), AfterValidator(_known_country)
]
#: ISO 4217 currency code (``SAR``, ``USD``).
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
#: A free label a team sorts and filters by (``pilot``, ``hajj-1446``).
Tag = Annotated[str, StringConstraints(pattern="^[^\\s<>&\"'`]{1,60}$")]
#: The prefix of a team's own keys on entities, stages and steps (``x-budget-line: 4.2``).
EXTENSION_PREFIX = "x-"
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


def _extensions_schema(schema: dict[str, Any]) -> None:
    schema["patternProperties"] = {f"^{EXTENSION_PREFIX}": {}}
    schema.get("properties", {}).pop("extensions", None)


class Extensible(Model):
    """Something a team may annotate with its own fields: ``tags:`` and any key starting
    with ``x-``. Extension keys are kept in ``extensions`` (key → value as written), shown
    in a "More" table on the page, exported in JSON and diffed; cxdsl gives them no meaning.
    """

    model_config = ConfigDict(json_schema_extra=_extensions_schema)

    tags: list[Tag] = Field(
        default_factory=list, description="Free labels to sort and filter by (`pilot`)."
    )
    extensions: dict[str, JsonValue] = Field(
        default_factory=dict,
        description="The team's own fields: write them as keys starting with `x-`.",
    )

    @model_validator(mode="before")
    @classmethod
    def _collect_extensions(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        keys = [k for k in data if isinstance(k, str) and k.startswith(EXTENSION_PREFIX)]
        if not keys:
            return data
        rest = {k: v for k, v in data.items() if k not in keys}
        collected = rest.get("extensions")
        merged = dict(collected) if isinstance(collected, dict) else {}
        merged.update({k: data[k] for k in keys})
        rest["extensions"] = merged
        return rest


class Entity(Extensible):
    """A top-level, identified thing: one YAML document or one Python object."""

    kind: str
    id: Id = Field(description=ID_DOC)
    description: Text | None = Field(default=None, description="Free text explaining it.")
