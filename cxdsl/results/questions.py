"""Which question of its instrument a metric reads: one answer for the rules and the engine.

The question is the plan entry's ``question:``, else the metric's ``question:``, else
inferred, but only where the inference cannot be wrong:

1. the instrument asks exactly one question (questions that measure a step's emotion,
   expectation or perception, ``measures:``, are readings beside the journey, never a
   metric's unless named);
2. exactly one question's id is the metric's type (``nps``, ``csat``, ``ces``);
3. exactly one question's scale is the one the type needs (NPS: 0..10; first contact
   resolution: 0..1, no or yes).

Anything else is :class:`Ambiguous` (CX216 reports it; the engine computes nothing for it).
A ``question:`` the instrument does not ask is :class:`Unknown` (CX217). Metrics of types
``completion_rate``, ``drop_off`` and ``time_to_complete`` read analytics events, and an
``index`` reads its components: they read no question (``None``).

Pure and import-light (the model only): the results engine imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from ..model.measurement import Instrument, Measurement, Metric, Question

#: Metric types computed from analytics events (cases and the steps they reach).
EVENT_TYPES: Final = frozenset({"completion_rate", "drop_off", "time_to_complete"})
#: Metric types that read no question: events, or an index's components.
QUESTIONLESS_TYPES: Final = EVENT_TYPES | {"index"}
#: The scale (min, max) that tells a type's question by itself.
TYPE_SCALES: Final[dict[str, tuple[int, int]]] = {
    "nps": (0, 10),
    "first_contact_resolution": (0, 1),
}


@dataclass(frozen=True)
class Ambiguous:
    """No ``question:`` is written and the instrument's questions do not tell which one the
    metric reads: ``candidates`` are the ids it could be (empty when the instrument asks
    no question a metric could read)."""

    instrument: str
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class Unknown:
    """``question:`` names an id the instrument does not ask."""

    question: str
    instrument: str
    #: The ids the instrument asks, in order.
    asked: tuple[str, ...]
    #: Where the id was written: on the plan entry or on the metric.
    written_on: Literal["entry", "metric"]


#: What :func:`metric_question` answers: the question, no question to read (``None``),
#: or why it cannot tell.
QuestionChoice = Question | Ambiguous | Unknown | None


def reads_question(metric: Metric) -> bool:
    """Whether the metric's figures are computed from a question's answers."""
    return metric.type not in QUESTIONLESS_TYPES


def metric_question(
    metric: Metric, instrument: Instrument, entry: Measurement | None = None
) -> QuestionChoice:
    """The question of ``instrument`` that ``metric`` reads (for the plan ``entry``, when
    given): the entry's ``question``, else the metric's, else inferred where unambiguous.
    ``None`` for metrics that read events or components."""
    if not reads_question(metric):
        return None
    if entry is not None and entry.question is not None:
        written, where = entry.question, "entry"
    elif metric.question is not None:
        written, where = metric.question, "metric"
    else:
        return infer_question(metric.type, instrument)
    found = next((q for q in instrument.questions if q.id == written), None)
    if found is not None:
        return found
    asked = tuple(q.id for q in instrument.questions)
    return Unknown(written, instrument.id, asked, "entry" if where == "entry" else "metric")


def infer_question(metric_type: str, instrument: Instrument) -> Question | Ambiguous:
    """The one question of ``instrument`` a metric of ``metric_type`` can read, when no
    ``question:`` says which."""
    pool = [q for q in instrument.questions if q.measures is None]
    if len(pool) == 1:
        return pool[0]
    named = [q for q in pool if q.id == metric_type]
    if len(named) == 1:
        return named[0]
    scale = TYPE_SCALES.get(metric_type)
    if scale is not None:
        suited = [q for q in pool if (s := q.response_scale()) and (s.min, s.max) == scale]
        if len(suited) == 1:
            return suited[0]
    return Ambiguous(instrument.id, tuple(q.id for q in pool))
