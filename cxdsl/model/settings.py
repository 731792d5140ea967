"""Workspace settings, read from ``cxdsl.yaml`` at the workspace root."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import DESCRIPTION_DOC, KIND_DOC, NAME_DOC, CurrencyCode, Id, LangCode, Model, Text
from .dates import CalendarDate
from .measurement import ResponseScale, check_labelled_range

RuleLevel = Literal["error", "warning", "info", "off"]


class EmotionScale(Model):
    """A named scale emotions are written on, e.g. ``-2..+2`` or ``1..5``."""

    min: int
    max: int
    labels: dict[int, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> EmotionScale:
        check_labelled_range(self.min, self.max, self.labels)
        return self

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.max


DEFAULT_SCALE = EmotionScale(min=-2, max=2)


class Season(Model):
    """A named period figures are reported for, e.g. a Hajj season or Ramadan."""

    id: Id
    name: Text
    start: CalendarDate
    end: CalendarDate

    @model_validator(mode="after")
    def _ordered(self) -> Season:
        if self.end < self.start:
            raise ValueError(f"season '{self.id}' ends ({self.end}) before it starts")
        return self


class Settings(Model):
    """The workspace: its name, languages, emotion scales and rule levels."""

    kind: Literal["workspace"] = Field(default="workspace", description=KIND_DOC)
    name: Text = Field(default="cxdsl workspace", description=NAME_DOC)
    description: Text | None = Field(default=None, description=DESCRIPTION_DOC)
    languages: list[LangCode] = Field(default_factory=lambda: ["en"], min_length=1)
    default_language: LangCode | None = None
    emotion_scales: dict[str, EmotionScale] = Field(
        default_factory=lambda: {"default": DEFAULT_SCALE}
    )
    default_emotion_scale: str | None = None
    rules: dict[str, RuleLevel] = Field(default_factory=dict)
    seasons: list[Season] = Field(default_factory=list)
    answer_scales: dict[Id, ResponseScale] = Field(
        default_factory=dict,
        description="Named answer scales questions reference by id (`scale: agree5`).",
    )
    currency: CurrencyCode | None = Field(
        default=None, description="ISO 4217 code of costs that name no currency (`SAR`)."
    )
    dimensions: dict[Id, Text] = Field(
        default_factory=dict,
        description="Names of the segmentation dimensions root segments declare "
        "(`origin`, `need`).",
    )
    ui: dict[str, Text] = Field(
        default_factory=dict,
        description="Interface strings overridden for this workspace: key → text, or "
        "{language: text} (e.g. `journey_map: {ar: خريطة رحلة المستفيد}`).",
    )
    evidence_stale_after_months: int = Field(
        default=12,
        ge=1,
        le=600,
        description="Evidence collected longer ago than this is flagged as old on the site.",
    )
    min_cell_size: int = Field(
        default=10,
        ge=1,
        description="Breakdowns of measured results with fewer responses are suppressed.",
    )
    allow_python: bool = Field(default=False, description="Whether Python model files may run.")
    python_timeout: float = Field(
        default=10,
        gt=0,
        le=600,
        description="Seconds each Python model file may run (in its own process) before "
        "it is stopped and reported as CX011 at the line it was running.",
    )

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        # Inconsistent defaults are reported by the loader, where it can locate them.
        if self.default_language not in self.languages:
            self.default_language = self.languages[0]
        if not self.emotion_scales:
            self.emotion_scales = {"default": DEFAULT_SCALE}
        if self.default_emotion_scale not in self.emotion_scales:
            self.default_emotion_scale = next(iter(self.emotion_scales))
        return self

    @property
    def language(self) -> str:
        return self.default_language or self.languages[0]
