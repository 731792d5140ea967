"""The cxdsl model: pure data, no I/O."""

from __future__ import annotations

from .base import TEXT, Entity, Model, Ref, Text, TextMarker
from .catalog import Actor, Channel, Evidence, Stakeholder, System
from .customers import Persona, PersonaContext, Segment, leaf_segments, parent_segments
from .journey import (
    ACTION_LANES,
    Action,
    Effort,
    Journey,
    PainPoint,
    PainSeverity,
    Stage,
    Step,
    Transition,
)
from .kinds import ENTITY_KINDS, KINDS, EntityKind
from .measurement import (
    Component,
    Instrument,
    Measurement,
    Metric,
    Question,
    ResponseScale,
    Trigger,
)
from .results import COLUMN_ROLES, Column, Dataset, Quota, SampleDesign
from .settings import EmotionScale, Season, Settings

__all__ = [
    "ACTION_LANES",
    "COLUMN_ROLES",
    "ENTITY_KINDS",
    "KINDS",
    "TEXT",
    "Action",
    "Actor",
    "Channel",
    "Column",
    "Component",
    "Dataset",
    "Effort",
    "EmotionScale",
    "Entity",
    "EntityKind",
    "Evidence",
    "Instrument",
    "Journey",
    "Measurement",
    "Metric",
    "Model",
    "PainPoint",
    "PainSeverity",
    "Persona",
    "PersonaContext",
    "Question",
    "Quota",
    "Ref",
    "ResponseScale",
    "SampleDesign",
    "Season",
    "Segment",
    "Settings",
    "Stage",
    "Stakeholder",
    "Step",
    "System",
    "Text",
    "TextMarker",
    "Transition",
    "Trigger",
    "leaf_segments",
    "parent_segments",
]
