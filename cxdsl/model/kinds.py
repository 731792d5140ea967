"""The registry of entity kinds: every per-kind table of cxdsl is derived from ``KINDS``.

Adding an entity kind is one entry here (and its model class): the loader, the schema, the
reference resolver and its codes, page paths, catalog pages and titles follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import codes
from .base import Entity
from .catalog import Actor, Channel, Evidence, Stakeholder, System
from .customers import Persona, Segment
from .journey import Journey
from .measurement import Instrument, Metric
from .results import Dataset, SampleDesign


@dataclass(frozen=True)
class EntityKind:
    """What cxdsl knows about one kind of entity."""

    #: The ``kind:`` that names it in YAML.
    name: str
    cls: type[Entity]
    #: The code reported for a reference to an id of this kind that nothing defines.
    unknown_ref_code: str
    #: Where it is documented on the site: a page, or an anchor on a shared page.
    page: str
    #: The interface string (``cxdsl/i18n``) titling a list of them.
    title_key: str
    #: The same title in English, where no language is chosen (the pull-request comment).
    plural: str
    #: Where ``cxdsl new`` writes one (None: no template).
    folder: str | None = None
    #: Listed on a page of the shared catalog (channels, actors, ...).
    catalog: bool = False

    @property
    def catalog_page(self) -> str:
        """The docs-relative page of the whole page the kind shares (its anchors' page)."""
        return self.page.split("#", 1)[0]


#: Every entity kind, in the order the schema offers them.
KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        "segment",
        Segment,
        codes.CX102_UNKNOWN_SEGMENT,
        "customer-tree.md#segment-{id}",
        "segments",
        "Segments",
    ),
    EntityKind(
        "persona",
        Persona,
        codes.CX103_UNKNOWN_PERSONA,
        "personas/{id}.md",
        "personas",
        "Personas",
        "personas",
    ),
    EntityKind(
        "channel",
        Channel,
        codes.CX104_UNKNOWN_CHANNEL,
        "catalog/channels.md#channel-{id}",
        "channels",
        "Channels",
        catalog=True,
    ),
    EntityKind(
        "actor",
        Actor,
        codes.CX105_UNKNOWN_ACTOR,
        "catalog/actors.md#actor-{id}",
        "actors",
        "Actors",
        catalog=True,
    ),
    EntityKind(
        "system",
        System,
        codes.CX106_UNKNOWN_SYSTEM,
        "catalog/systems.md#system-{id}",
        "systems",
        "Systems",
        catalog=True,
    ),
    EntityKind(
        "stakeholder",
        Stakeholder,
        codes.CX107_UNKNOWN_STAKEHOLDER,
        "catalog/stakeholders.md#stakeholder-{id}",
        "stakeholders",
        "Stakeholders",
        catalog=True,
    ),
    EntityKind(
        "evidence",
        Evidence,
        codes.CX108_UNKNOWN_EVIDENCE,
        "catalog/evidence.md#evidence-{id}",
        "evidence_title",
        "Evidence",
        catalog=True,
    ),
    EntityKind(
        "journey",
        Journey,
        codes.CX111_UNKNOWN_JOURNEY,
        "journeys/{id}.md",
        "journeys_title",
        "Journeys",
        "journeys",
    ),
    EntityKind(
        "metric",
        Metric,
        codes.CX109_UNKNOWN_METRIC,
        "metrics/index.md#metric-{id}",
        "metrics_title",
        "Metrics",
        "journeys/catalog",
    ),
    EntityKind(
        "instrument",
        Instrument,
        codes.CX110_UNKNOWN_INSTRUMENT,
        "metrics/index.md#instrument-{id}",
        "instruments",
        "Instruments",
    ),
    EntityKind(
        "sample_design",
        SampleDesign,
        codes.CX114_UNKNOWN_SAMPLE_DESIGN,
        "metrics/index.md#sample-design-{id}",
        "sample_designs",
        "Sample designs",
    ),
    EntityKind(
        "dataset",
        Dataset,
        codes.CX115_UNKNOWN_DATASET,
        "metrics/index.md#dataset-{id}",
        "datasets",
        "Datasets",
    ),
)

#: Kinds by name.
BY_NAME: dict[str, EntityKind] = {k.name: k for k in KINDS}

#: Every entity class by the ``kind:`` that names it in YAML.
ENTITY_KINDS: dict[str, type[Entity]] = {k.name: k.cls for k in KINDS}

#: The code reported for a dangling reference, by the kind it should name.
UNKNOWN_REF_CODES: dict[str, str] = {k.name: k.unknown_ref_code for k in KINDS}


def kind_of(cls: type[Entity]) -> EntityKind:
    """The registry entry of an entity class."""
    return next(k for k in KINDS if k.cls is cls)
