"""Semantic rules, one per module (``cxNNN_name.py``), and the catalogue of every code.

Adding a rule: a module with one ``WorkspaceRule`` or ``EntityRule`` class (its docstring,
with a failing and a fixed example, is its documentation), an entry in ``RULES`` below and a
case file in ``tests/rules/``.
"""

from __future__ import annotations

from .builtin import BUILTIN_CHECKS
from .cx113_same_page import ReservedId
from .cx201_segment_cycle import SegmentCycle
from .cx202_persona_leaf_segment import PersonaLeafSegment
from .cx203_journey_persona import JourneyPersona
from .cx204_emotion_scale import EmotionInScale
from .cx205_step_channel import StepChannel
from .cx206_moment_of_truth_measured import MomentOfTruthMeasured
from .cx207_metric_complete import MetricComplete
from .cx208_question_languages import QuestionLanguages
from .cx209_sample_size import SampleSize
from .cx210_to_be_based_on import ToBeBasedOn
from .cx211_transition_target import TransitionTarget
from .cx212_unreachable_step import UnreachableStep
from .cx213_unaddressed_pain import UnaddressedPain
from .cx214_missing_language import MissingLanguage
from .cx215_bidi_control import BidiControl
from .cx216_question_ambiguous import QuestionAmbiguous
from .cx217_question_unknown import QuestionUnknown
from .cx218_index_components import IndexComponents
from .cx219_dataset_declaration import DatasetDeclaration
from .cx220_scaffold_placeholder import ScaffoldPlaceholder
from .cx221_implausible_date import ImplausibleDate
from .cx222_segment_volume import SegmentVolume
from .cx223_step_personas import StepPersonas
from .cx224_to_be_scope import ToBeScope
from .cx225_segment_dimension import SegmentDimension
from .cx226_entry_sample_overridden import EntrySampleOverridden
from .cx227_unmeasured_pain import UnmeasuredPain
from .registry import (
    Check,
    EntityRule,
    Finding,
    Registry,
    Rule,
    RuleContext,
    WorkspaceRule,
    registry,
)

#: Every rule cxdsl runs, in the order it runs them.
RULES: tuple[type[Rule], ...] = (
    ReservedId,
    SegmentCycle,
    PersonaLeafSegment,
    JourneyPersona,
    EmotionInScale,
    StepChannel,
    MomentOfTruthMeasured,
    MetricComplete,
    QuestionLanguages,
    SampleSize,
    ToBeBasedOn,
    TransitionTarget,
    UnreachableStep,
    UnaddressedPain,
    MissingLanguage,
    BidiControl,
    QuestionAmbiguous,
    QuestionUnknown,
    IndexComponents,
    DatasetDeclaration,
    ScaffoldPlaceholder,
    ImplausibleDate,
    SegmentVolume,
    StepPersonas,
    ToBeScope,
    SegmentDimension,
    EntrySampleOverridden,
    UnmeasuredPain,
)


def load_rules() -> Registry:
    """The registry: the loader and resolver codes, then every rule of ``RULES`` (filled on
    first use)."""
    if not registry.checks:
        for check in BUILTIN_CHECKS:
            registry.add(check)
        for rule in RULES:
            registry.register(rule)
    return registry


__all__ = [
    "RULES",
    "Check",
    "EntityRule",
    "Finding",
    "Registry",
    "Rule",
    "RuleContext",
    "WorkspaceRule",
    "load_rules",
    "registry",
]
