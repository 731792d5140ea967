"""The cxdsl model: pure data, no I/O."""

from __future__ import annotations

from .base import Entity, Model, Ref, Text
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
from .measurement import Instrument, Measurement, Metric, Question, ResponseScale, Trigger
from .settings import EmotionScale, Settings

#: Every entity class by the ``kind:`` that names it in YAML.
ENTITY_KINDS: dict[str, type[Entity]] = {
    "segment": Segment,
    "persona": Persona,
    "channel": Channel,
    "actor": Actor,
    "system": System,
    "stakeholder": Stakeholder,
    "evidence": Evidence,
    "journey": Journey,
    "metric": Metric,
    "instrument": Instrument,
}

__all__ = [
    "ACTION_LANES",
    "ENTITY_KINDS",
    "Action",
    "Actor",
    "Channel",
    "Effort",
    "EmotionScale",
    "Entity",
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
    "Ref",
    "ResponseScale",
    "Segment",
    "Settings",
    "Stage",
    "Stakeholder",
    "Step",
    "System",
    "Text",
    "Transition",
    "Trigger",
    "leaf_segments",
    "parent_segments",
]
