"""CX219."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import COLUMN_ROLES, Column, Dataset, Instrument, Journey
from ..suggest import did_you_mean
from .registry import EntityRule, Finding, RuleContext

_SHAPES = {"responses": "survey responses", "events": "analytics events"}


class DatasetDeclaration(EntityRule[Dataset]):
    """A dataset declares what its shape needs to be read into the model, and its
    `columns:` keys are roles or questions.

    Survey responses and analytics events name their `instrument`; events map event names
    to steps of the dataset's `journey` (of some journey when its rows name theirs) with
    `events:` on the instrument, extended or overridden by the dataset's own; reported
    figures name their `metric` or map a `metric` column; every key of `columns:` is a
    role (`submitted_at`, `step`, `segment`, ...), a question of the instrument, or a
    column declared `{personal: true}`.

    **Why**: a dataset that cannot be tied to the model yields no figure, silently; an
    event mapped to a step the journey does not have draws a funnel with a hole; a column
    key with a typo maps nothing, and the data it meant is never read.

    **Fails**:

    ```yaml
    kind: dataset
    id: exit-answers
    shape: responses
    source: results/exit-answers.csv
    columns:
      submited_at: date
    ```

    **Fixed**:

    ```yaml
    kind: dataset
    id: exit-answers
    shape: responses
    instrument: survey
    source: results/exit-answers.csv
    columns:
      submitted_at: date
    ```
    """

    code = "CX219"
    name = "dataset.declaration"
    default_severity = Severity.ERROR

    @override
    def check(self, dataset: Dataset, ctx: RuleContext) -> Iterator[Finding]:
        instrument = ctx.index.entity("instrument", dataset.instrument)
        known = instrument if isinstance(instrument, Instrument) else None
        # An instrument named but unknown is CX110: nothing more is said about it here.
        unknown = dataset.instrument is not None and known is None
        yield from _what_the_shape_needs(dataset)
        if dataset.shape == "events" and not unknown:
            yield from _event_map(dataset, known, ctx)
        if not unknown:
            yield from _column_keys(dataset, known)


def _what_the_shape_needs(dataset: Dataset) -> Iterator[Finding]:
    shape = _SHAPES.get(dataset.shape)
    if shape is not None and dataset.instrument is None:
        yield Finding(
            dataset,
            f"dataset '{dataset.id}' of {shape} names no instrument: nothing ties its "
            "rows to a metric",
            "add instrument: <instrument id>",
            at=("shape",),
        )
    if dataset.shape == "reported" and dataset.metric is None and "metric" not in dataset.columns:
        yield Finding(
            dataset,
            f"dataset '{dataset.id}' of reported figures names no metric",
            "add metric: <metric id> (one metric), or map the column naming each row's "
            "metric: columns: {metric: <column>}",
            at=("shape",),
        )


def _event_map(
    dataset: Dataset, instrument: Instrument | None, ctx: RuleContext
) -> Iterator[Finding]:
    theirs = instrument.events if instrument is not None else {}
    if not dataset.events and not theirs:
        where = f" or on instrument '{instrument.id}'" if instrument is not None else ""
        yield Finding(
            dataset,
            f"dataset '{dataset.id}' of analytics events maps no event to a step",
            f"add events: {{<event name>: <step id>}} here{where}",
            at=("shape",),
        )
        return
    if dataset.journey is not None:
        journey = ctx.index.entity("journey", dataset.journey)
        if not isinstance(journey, Journey):
            return  # CX111
        steps = [s.id for s in journey.steps()]
        scope = f"journey '{journey.id}'"
    else:
        steps = [s.id for j, _ in ctx.index.entities(Journey) for s in j.steps()]
        scope = "any journey"
    # The instrument's map, extended (and overridden, event by event) by the dataset's.
    for event, step in {**theirs, **dataset.events}.items():
        if step in steps:
            continue
        if event in dataset.events:
            message = f"event '{event}' marks step '{step}', not a step of {scope}"
            at: tuple[str, ...] = ("events", event)
        else:
            iid = instrument.id if instrument is not None else ""
            message = (
                f"event '{event}' of instrument '{iid}' marks step '{step}', not a step of {scope}"
            )
            at = ("instrument",)
        yield Finding(dataset, message, did_you_mean(step, steps), at=at)


def _column_keys(dataset: Dataset, instrument: Instrument | None) -> Iterator[Finding]:
    questions = [q.id for q in instrument.questions] if instrument is not None else []
    allowed = [*COLUMN_ROLES, *questions]
    what = f"a question of instrument '{instrument.id}'" if instrument is not None else ""
    for key, spec in dataset.columns.items():
        if key in allowed or (isinstance(spec, Column) and spec.personal):
            continue
        yield Finding(
            dataset,
            f"column key '{key}' of dataset '{dataset.id}' is neither a role nor "
            f"{what or 'declared personal'}",
            did_you_mean(key, allowed)
            or "a column holding personal data is declared {personal: true}",
            at=("columns", key),
        )
