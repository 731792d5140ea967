"""Measured results: where observed data lives (datasets) and the samples that feed them
(sample designs). Pure data; ``cxdsl.results`` reads and computes."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import (
    INSTRUMENT_DOC,
    KIND_DOC,
    NAME_DOC,
    Entity,
    Id,
    InstrumentRef,
    JourneyRef,
    MetricRef,
    Model,
    SegmentRef,
    Text,
)

#: ``survey responses`` (one row per response), ``analytics events`` (one row per
#: event) or ``reported figures`` (one row per period's value and n from a report).
DatasetShape = Literal["responses", "events", "reported"]
DatasetFormat = Literal["csv", "parquet"]

#: What a column of a dataset can carry besides a question's answers.
COLUMN_ROLES: tuple[str, ...] = (
    "submitted_at",
    "response_id",
    "journey",
    "step",
    "stage",
    "channel",
    "segment",
    "persona",
    "language",
    "case",
    "event",
    "period",
    "metric",
    "value",
    "n",
    "ci_low",
    "ci_high",
)

#: ``${NAME}``: the whole value names an environment variable.
ENV_REF = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")


class Column(Model):
    """A column declared with options: which source column it is, and whether it holds
    personal data (never read, never written anywhere)."""

    column: str | None = Field(
        default=None, description="The column's name in the source (default: the key)."
    )
    personal: bool = Field(
        default=False,
        description="Names, phone numbers, national ids, free-text comments: the column "
        "is never read into figures, the site, JSON output or caches.",
    )


class Dataset(Entity):
    """Observed data and how its columns map onto the model."""

    kind: Literal["dataset"] = Field(default="dataset", description=KIND_DOC)
    name: Text | None = Field(default=None, description=NAME_DOC)
    shape: DatasetShape = Field(
        default="responses",
        description="responses: one row per survey response; events: one row per "
        "analytics event; reported: one row per period's reported figure.",
    )
    instrument: InstrumentRef | None = Field(default=None, description=INSTRUMENT_DOC)
    metric: MetricRef | None = Field(
        default=None, description="Reported figures: the metric they are figures of."
    )
    journey: JourneyRef | None = Field(
        default=None, description="The journey every row belongs to (else a column)."
    )
    source: str | None = Field(
        default=None,
        description="A CSV or Parquet file inside the workspace, or ${ENV_VAR} naming one "
        "(personal data stays outside git).",
    )
    format: DatasetFormat | None = Field(
        default=None, description="csv or parquet (default: from the file's suffix)."
    )
    delimiter: str = Field(default=",", min_length=1, max_length=1)
    backend: str | None = Field(
        default=None,
        description="An ibis backend (bigquery, trino, pyspark, snowflake, ...) holding "
        "`table`; its connection comes only from `connection`.",
    )
    table: str | None = Field(default=None, description="The table on `backend`.")
    connection: str | None = Field(
        default=None,
        description="${ENV_VAR} holding the backend's connection URL (never a literal: "
        "credentials come only from the environment).",
    )
    columns: dict[str, str | Column] = Field(
        default_factory=dict,
        description="Role or question id → source column (default: the same name); a "
        "column declared {personal: true} is never read.",
    )
    events: dict[str, Id] = Field(
        default_factory=dict,
        description="Events: event name → the id of the step it marks.",
    )
    start_event: str | None = Field(
        default=None, description="Events: the event that starts a case (default: first)."
    )
    end_event: str | None = Field(
        default=None,
        description="Events: the event that completes a case (default: the instrument's event).",
    )

    @field_validator("connection")
    @classmethod
    def _environment_only(cls, value: str | None) -> str | None:
        if value is not None and not ENV_REF.match(value):
            raise ValueError("must be ${ENV_VAR}: credentials come only from the environment")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> Dataset:
        if (self.source is None) == (self.table is None):
            raise ValueError("give either `source` (a file) or `table` (on a `backend`)")
        if self.table is not None and self.backend is None:
            raise ValueError("`table` needs a `backend`")
        if self.source is not None and self.backend is not None:
            raise ValueError("a `backend` holds a `table`; a `source` file is read by cxdsl")
        return self

    def column(self, key: str) -> str:
        """The source column holding ``key`` (a role or a question id)."""
        spec = self.columns.get(key)
        if isinstance(spec, Column):
            return spec.column or key
        return spec or key

    @property
    def personal_columns(self) -> set[str]:
        """Source columns declared personal."""
        return {
            spec.column or key
            for key, spec in self.columns.items()
            if isinstance(spec, Column) and spec.personal
        }


class Quota(Model):
    """A share of a sample design reserved for a segment or a language."""

    segment: SegmentRef | None = None
    language: str | None = None
    sample_size: int = Field(ge=0)


class SampleDesign(Entity):
    """A survey wave shared by every plan entry that names it: one respondent answers
    every criterion, so the sample is counted once per design, not once per entry. A
    programme-level design can span several journeys."""

    kind: Literal["sample_design"] = Field(default="sample_design", description=KIND_DOC)
    name: Text = Field(description=NAME_DOC)
    instrument: InstrumentRef | None = Field(default=None, description=INSTRUMENT_DOC)
    journeys: list[JourneyRef] = Field(default_factory=list)
    population: int | None = Field(default=None, ge=1)
    confidence_level: float | None = Field(default=None, gt=0, lt=1)
    margin_of_error: float | None = Field(default=None, gt=0, lt=1)
    sample_size: int | None = Field(default=None, ge=0, description="Planned responses.")
    per_stage: bool = Field(
        default=False,
        description="The sample is drawn at each stage (the required sample applies to "
        "every stage's cell), not once for the journey.",
    )
    quotas: list[Quota] = Field(default_factory=list)
