"""CX217."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..results.questions import Unknown
from ..suggest import did_you_mean
from .cx216_question_ambiguous import Reading, readings
from .registry import Finding, RuleContext, WorkspaceRule


class QuestionUnknown(WorkspaceRule):
    """The `question:` of a metric or a plan entry is a question its instrument asks (the
    entry's instrument, when the entry names one).

    **Why**: a typo in a question id reads no answers at all: the metric would show no
    data while the survey is full of them.

    **Fails**:

    ```yaml
    kind: metric
    id: satisfaction
    name: Satisfaction
    type: csat
    owner: clerk
    target: 80
    instrument: survey
    question: q2
    ```

    **Fixed**:

    ```yaml
    kind: metric
    id: satisfaction
    name: Satisfaction
    type: csat
    owner: clerk
    target: 80
    instrument: survey
    question: q1
    ```
    """

    code = "CX217"
    name = "metric.question-unknown"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for reading in readings(ctx):
            if isinstance(reading.choice, Unknown):
                yield _finding(reading, reading.choice)


def _finding(reading: Reading, unknown: Unknown) -> Finding:
    asked = ", ".join(unknown.asked) or "no question"
    hint = did_you_mean(unknown.question, unknown.asked) or f"it asks: {asked}"
    message = f"instrument '{unknown.instrument}' asks no question '{unknown.question}'"
    if reading.entry is None or unknown.written_on == "entry":
        return reading.finding(message, hint, ("question",))
    # The metric's question, read through the other instrument this entry names.
    return reading.finding(
        f"{message} (the question of metric '{reading.metric.id}', read through this "
        "entry's instrument)",
        hint,
        ("instrument",),
    )
