"""CX216."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Instrument, Journey, Measurement, Metric
from ..results.questions import Ambiguous, QuestionChoice, metric_question
from .registry import Finding, RuleContext, WorkspaceRule


@dataclass(frozen=True)
class Reading:
    """A metric read through an instrument: by the metric itself, or by a plan entry that
    names another instrument or question than its metric."""

    metric: Metric
    instrument: Instrument
    choice: QuestionChoice
    entry: Measurement | None = None
    #: The journey holding the entry, and the entry's path in it.
    journey: Journey | None = None
    path: tuple[str | int, ...] = ()

    def finding(self, message: str, hint: str | None, at: tuple[str, ...]) -> Finding:
        """A finding at the entry (``at`` below it), else at the metric."""
        anchor: Metric | Journey = self.journey if self.journey is not None else self.metric
        return Finding(anchor, message, hint, at=(*self.path, *at))


def readings(ctx: RuleContext) -> Iterator[Reading]:
    """Every metric with a known instrument, then every plan entry that overrides its
    metric's instrument or question (an entry that does not is its metric's reading)."""
    for metric, _ in ctx.index.entities(Metric):
        instrument = ctx.index.entity("instrument", metric.instrument)
        if isinstance(instrument, Instrument):
            yield Reading(metric, instrument, metric_question(metric, instrument))
    for journey, _ in ctx.index.entities(Journey):
        for i, entry in enumerate(journey.measurement_plan):
            metric = ctx.index.entity("metric", entry.metric)
            if not isinstance(metric, Metric):
                continue
            own = entry.instrument not in (None, metric.instrument)
            if not own and entry.question is None:
                continue
            instrument = ctx.index.entity("instrument", entry.instrument or metric.instrument)
            if isinstance(instrument, Instrument):
                choice = metric_question(metric, instrument, entry)
                yield Reading(metric, instrument, choice, entry, journey, ("measurement_plan", i))


class QuestionAmbiguous(WorkspaceRule):
    """A metric (or a plan entry) whose instrument asks several questions says which one
    it reads with `question:`, unless the instrument tells.

    The instrument tells when it asks one question (questions with `measures:` are step
    readings, not candidates), when one question's id is the metric's type (`nps`,
    `csat`, `ces`), or when one question's scale is the type's (0..10 for NPS, 0..1 for
    first contact resolution). Metrics computed from events and indexes read no question.

    **Why**: measured results read the answers to one question; guessing between a
    satisfaction and an effort question would publish the wrong figure, so nothing is
    computed until the plan says which.

    **Fails** (`ease` or `overall`?):

    ```yaml
    kind: instrument
    id: exit-survey
    name: Exit survey
    method: survey
    questions:
      - id: ease
        text: {ar: ما مدى السهولة؟, en: "How easy was it?"}
        scale: {min: 1, max: 5}
      - id: overall
        text: {ar: ما مدى رضاك؟, en: "How satisfied are you?"}
        scale: {min: 1, max: 5}
    ---
    kind: metric
    id: satisfaction
    name: Satisfaction
    type: csat
    owner: clerk
    target: 80
    instrument: exit-survey
    ```

    **Fixed**:

    ```yaml
    kind: instrument
    id: exit-survey
    name: Exit survey
    method: survey
    questions:
      - id: ease
        text: {ar: ما مدى السهولة؟, en: "How easy was it?"}
        scale: {min: 1, max: 5}
      - id: overall
        text: {ar: ما مدى رضاك؟, en: "How satisfied are you?"}
        scale: {min: 1, max: 5}
    ---
    kind: metric
    id: satisfaction
    name: Satisfaction
    type: csat
    owner: clerk
    target: 80
    instrument: exit-survey
    question: overall
    ```
    """

    code = "CX216"
    name = "metric.question-ambiguous"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for reading in readings(ctx):
            choice = reading.choice
            if not isinstance(choice, Ambiguous) or len(choice.candidates) < 2:
                continue
            entry = reading.entry
            whose = f"metric '{reading.metric.id}'"
            if entry is not None:
                whose = f"the plan entry of {whose}"
            yield reading.finding(
                f"{whose} reads one of the questions of instrument '{choice.instrument}' "
                f"({', '.join(choice.candidates)}), and nothing says which",
                f"add question: <one of {', '.join(choice.candidates)}>",
                at=("instrument",) if entry is None or entry.instrument else (),
            )
