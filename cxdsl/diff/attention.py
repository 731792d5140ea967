"""What a reviewer must not miss in a change: flags, most important first.

Each flag names one thing (a step, a metric, a pain point, a persona, a finding) with a
code that ``cxdsl diff --fail-on`` accepts (``attention.`` matches them all):

- ``attention.emotion-worse``: an emotion went down at a step that is a moment of truth
  on the head, one flag per persona who lives the step;
- ``attention.step-removed``, ``attention.metric-removed``,
  ``attention.question-removed`` (from an instrument), ``attention.measurement-removed``
  (an entry of a journey's measurement plan);
- ``attention.measured-step-removed``: a removed step that a measurement of the head
  still triggers at (one flag per such measurement, its metric in ``detail``); the step
  is flagged as ``attention.step-removed`` too, so failing on either catches it;
- ``attention.severity-raised``: a pain point's severity went up (low < medium < high),
  or a pain point arrived with severity high (in a new step too);
- ``attention.last-journey``: a persona or segment (counting the journeys of the segments
  below it and of its personas) that had a journey on the base and has none on the head,
  while it still exists;
- ``attention.underpowered``: a planned sample that no longer reaches its margin of
  error, from a CX209 finding this change introduced;
- ``attention.finding-introduced``: an error or a warning this change introduced.

Flags come in that order; within a code, in the head's order (documents, stages, steps).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from ..compiler import CheckResult
from ..diagnostics import Severity
from ..model import Entity, Instrument, Journey, Persona, SampleDesign, Segment, Step
from ..model.kinds import kind_of
from ..stats import sample_plan
from .engine import Change, WorkspaceDiff
from .findings import (
    FindingChanges,
    by_severity,
    entities_of,
    finding_place,
    is_position,
    stage_and_step,
    trigger_place,
)

EMOTION_WORSE = "attention.emotion-worse"
STEP_REMOVED = "attention.step-removed"
METRIC_REMOVED = "attention.metric-removed"
QUESTION_REMOVED = "attention.question-removed"
MEASUREMENT_REMOVED = "attention.measurement-removed"
MEASURED_STEP_REMOVED = "attention.measured-step-removed"
SEVERITY_RAISED = "attention.severity-raised"
LAST_JOURNEY = "attention.last-journey"
UNDERPOWERED = "attention.underpowered"
FINDING_INTRODUCED = "attention.finding-introduced"

#: Every flag code, most important first (the order flags are listed in).
FLAG_CODES: tuple[str, ...] = (
    EMOTION_WORSE,
    STEP_REMOVED,
    METRIC_REMOVED,
    QUESTION_REMOVED,
    MEASUREMENT_REMOVED,
    MEASURED_STEP_REMOVED,
    SEVERITY_RAISED,
    LAST_JOURNEY,
    UNDERPOWERED,
    FINDING_INTRODUCED,
)

#: How much a pain point hurts, in order.
_SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
E = TypeVar("E", bound=Entity)


@dataclass(frozen=True)
class Flag:
    """One thing a reviewer must not miss.

    ``kind`` and ``entity`` name the entity (``journey``/``renew``); ``stage``, ``step``
    and ``persona`` are ids where it happened. ``before``/``after`` hold what changed (an
    emotion, a severity, the journeys a persona had, a planned sample); ``text`` the model
    text the flag is about, as written (a step's title, a pain point's or question's text,
    a metric's name: untrusted, to be escaped by whoever shows it); ``detail`` an id or a
    message (the metric a measurement measured, a question's id, a finding).
    """

    code: str
    kind: str
    entity: str
    stage: str | None = None
    step: str | None = None
    persona: str | None = None
    before: Any = None
    after: Any = None
    detail: str = ""
    text: Any = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("before", "after"):
            if isinstance(data[name], tuple):
                data[name] = list(data[name])
        return data


def attention(
    diff: WorkspaceDiff, base: CheckResult, head: CheckResult, findings: FindingChanges
) -> list[Flag]:
    """The flags of a change from ``base`` to ``head`` (``diff`` between them, ``findings``
    from :func:`cxdsl.diff.findings.finding_changes`), most important first."""
    journeys = list(_pairs(diff, base, head, Journey))
    flags = [
        *_emotions_worse(journeys),
        *_steps_removed(journeys),
        *_metrics_removed(diff.changes),
        *_questions_removed(list(_pairs(diff, base, head, Instrument))),
        *_measurements_removed(diff.changes, journeys),
        *_measured_steps_removed(journeys),
        *_severities_raised(diff.changes),
        *_last_journeys(base, head),
        *_underpowered(findings, head),
        *_findings_introduced(findings, head),
    ]
    rank = {code: i for i, code in enumerate(FLAG_CODES)}
    return sorted(flags, key=lambda flag: rank[flag.code])


def _pairs(
    diff: WorkspaceDiff, base: CheckResult, head: CheckResult, cls: type[E]
) -> Iterator[tuple[E, E]]:
    """Entities of a class on both sides, in the head's order: by id, or renamed."""
    kind = kind_of(cls).name
    renamed = {str(c.after): str(c.before) for c in diff.changes if c.category == f"{kind}.renamed"}
    for entity, _ in head.index.entities(cls):
        ident = str(getattr(entity, "id", ""))
        old = base.index.entity(kind, renamed.get(ident, ident))
        if isinstance(old, cls):
            yield old, entity


# --- journeys ------------------------------------------------------------------------


def _emotions_worse(journeys: list[tuple[Journey, Journey]]) -> Iterator[Flag]:
    for old_journey, journey in journeys:
        old_steps = {s.id: s for s in old_journey.steps()}
        for stage in journey.stages:
            for step in stage.steps:
                old = old_steps.get(step.id)
                if not step.moment_of_truth or old is None:
                    continue
                for persona in _emotion_personas(journey, old, step):
                    before, after = _felt(old, persona), _felt(step, persona)
                    if before is not None and after is not None and after < before:
                        yield Flag(
                            EMOTION_WORSE,
                            "journey",
                            journey.id,
                            stage.id,
                            step.id,
                            persona,
                            before,
                            after,
                            text=step.title,
                        )


def _emotion_personas(journey: Journey, old: Step, step: Step) -> list[str | None]:
    """Whose emotion a step gives: the personas who live it and any its mappings name
    (None alone: a journey without personas, one emotion for everyone)."""
    named = [p for e in (step.emotion, old.emotion) if isinstance(e, dict) for p in e]
    personas = list(dict.fromkeys([*journey.lived_by(step), *named]))
    return [*personas] if personas else [None]


def _felt(step: Step, persona: str | None) -> int | None:
    if isinstance(step.emotion, int):
        return step.emotion
    if isinstance(step.emotion, dict) and persona is not None:
        return step.emotion.get(persona)
    return None


def _removed_steps(old: Journey, new: Journey) -> Iterator[tuple[str, Step]]:
    """The steps of ``old`` that ``new`` has nowhere (matched by id across stages), with
    the id of the stage they were in."""
    kept = {s.id for s in new.steps()}
    for stage in old.stages:
        for step in stage.steps:
            if step.id not in kept:
                yield stage.id, step


def _steps_removed(journeys: list[tuple[Journey, Journey]]) -> Iterator[Flag]:
    for old, new in journeys:
        for stage, step in _removed_steps(old, new):
            yield Flag(STEP_REMOVED, "journey", new.id, stage, step.id, text=step.title)


def _measured_steps_removed(journeys: list[tuple[Journey, Journey]]) -> Iterator[Flag]:
    for old, new in journeys:
        for stage, step in _removed_steps(old, new):
            for m in new.measurement_plan:
                if m.trigger is not None and m.trigger.step == step.id:
                    yield Flag(
                        MEASURED_STEP_REMOVED,
                        "journey",
                        new.id,
                        stage,
                        step.id,
                        detail=m.metric,
                        text=step.title,
                    )


# --- changes -------------------------------------------------------------------------


def _where(change: Change) -> tuple[str | None, str | None]:
    """The stage and step a journey change is at (from its path when not given)."""
    stage, step = stage_and_step(change.path)
    return change.stage or stage, change.step or step


def _metrics_removed(changes: list[Change]) -> Iterator[Flag]:
    for c in changes:
        if c.category == "metric.removed":
            yield Flag(METRIC_REMOVED, c.kind, c.entity, detail=c.detail, text=c.before)


def _questions_removed(instruments: list[tuple[Instrument, Instrument]]) -> Iterator[Flag]:
    for old, new in instruments:
        kept = {q.id for q in new.questions}
        for question in old.questions:
            if question.id not in kept:
                yield Flag(
                    QUESTION_REMOVED,
                    "instrument",
                    new.id,
                    detail=question.id,
                    text=question.text,
                )


def _measurements_removed(
    changes: list[Change], journeys: list[tuple[Journey, Journey]]
) -> Iterator[Flag]:
    """Entries of a measurement plan the diff says are gone (not those edited in place),
    placed where they were triggered (on the head, else on the base: a removed step)."""
    by_id = {new.id: (new, old) for old, new in journeys}
    for c in changes:
        entry = c.before
        if c.category != "measurement.removed" or not isinstance(entry, dict):
            continue
        if "metric" not in entry:  # a field of an entry, not an entry
            continue
        found = entry.get("trigger")
        trigger: dict[str, Any] = found if isinstance(found, dict) else {}
        stage, step = trigger_place(
            by_id.get(c.entity, ()),
            _text_or_none(trigger.get("stage")),
            _text_or_none(trigger.get("step")),
        )
        yield Flag(
            MEASUREMENT_REMOVED,
            c.kind,
            c.entity,
            stage,
            step,
            before=entry,
            detail=str(entry["metric"]),
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _severities_raised(changes: list[Change]) -> Iterator[Flag]:
    for c in changes:
        stage, step = _where(c)
        for at, before, after, text in _raised(c):
            yield Flag(
                SEVERITY_RAISED, c.kind, c.entity, stage, at or step, None, before, after, "", text
            )


#: A pain point made more severe: the step it is at (when the change is a whole new
#: stage), its severity before (None: new) and after, and its text.
Raised = tuple[str | None, str | None, str, Any]


def _raised(c: Change) -> list[Raised]:
    """Each pain point a change makes more severe, or brings in with severity high (in a
    new step or stage too)."""
    if c.category == "pain_point.changed":
        item = c.after if isinstance(c.after, dict) else {}
        severity = [f for f in c.fields if f.field == "severity"]
        if not c.fields and c.path.endswith(".severity"):  # one field, edited in place
            before, after = c.before, c.after
        elif severity:
            before, after = severity[0].before, severity[0].after
        else:
            return []
        if _rank(after) > _rank(before):
            return [(None, str(before), str(after), item.get("text"))]
        return []
    if c.category == "pain_point.added":
        return _new_high(None, [c.after])
    if c.category == "step.added" and isinstance(c.after, dict):
        return _new_high(None, c.after.get("pain_points"))
    if c.category == "stage.added" and isinstance(c.after, dict):
        steps = c.after.get("steps")
        return [
            found
            for s in (steps if isinstance(steps, list) else [])
            if isinstance(s, dict)
            for found in _new_high(_text_or_none(s.get("id")), s.get("pain_points"))
        ]
    return []


def _new_high(step: str | None, items: Any) -> list[Raised]:
    return [
        (step, None, "high", item.get("text"))
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and item.get("severity") == "high"
    ]


def _rank(severity: Any) -> int:
    return _SEVERITY_RANK.get(severity, -1) if isinstance(severity, str) else -1


# --- personas and segments -----------------------------------------------------------


def journeys_of(result: CheckResult) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The journeys each persona and each segment has: a journey's personas (its own and
    its steps'), its segments, its personas' segments, and every segment above those."""
    index = result.index
    segments = {s.id: s for s, _ in index.entities(Segment)}
    personas = {p.id: p for p, _ in index.entities(Persona)}
    by_persona: dict[str, list[str]] = {}
    by_segment: dict[str, list[str]] = {}
    for journey, _ in index.entities(Journey):
        lived = [*journey.all_personas(), *(p for s in journey.steps() for p in s.personas)]
        lived = list(dict.fromkeys(lived))
        direct = [*journey.segments]
        for ident in lived:
            by_persona.setdefault(ident, []).append(journey.id)
            if ident in personas:
                direct += personas[ident].segments
        for ident in dict.fromkeys(s for d in direct for s in _with_ancestors(d, segments)):
            by_segment.setdefault(ident, []).append(journey.id)
    return by_persona, by_segment


def _with_ancestors(ident: str, segments: dict[str, Segment]) -> list[str]:
    """``ident`` and the segments above it (stopping at a cycle or an unknown parent)."""
    out = [ident]
    current = segments.get(ident)
    while current is not None and current.parent and current.parent not in out:
        out.append(current.parent)
        current = segments.get(current.parent)
    return out


def _last_journeys(base: CheckResult, head: CheckResult) -> Iterator[Flag]:
    old = journeys_of(base)
    new = journeys_of(head)
    for kind, before, after in (("persona", old[0], new[0]), ("segment", old[1], new[1])):
        for ident, journeys in before.items():
            if after.get(ident) or head.index.get(kind, ident) is None:
                continue
            persona = ident if kind == "persona" else None
            yield Flag(LAST_JOURNEY, kind, ident, persona=persona, before=tuple(journeys), after=())


# --- findings ------------------------------------------------------------------------


def _underpowered(findings: FindingChanges, head: CheckResult) -> Iterator[Flag]:
    entities = entities_of(head)
    for d in findings.introduced:
        if d.code != "CX209" or d.subject is None:
            continue
        plan = _sample_of(d.subject, entities, head)
        if plan is None:
            continue
        kind, ident, _, _ = finding_place(d, entities)
        metric, stage, step, figures = plan
        yield Flag(UNDERPOWERED, kind, ident, stage, step, after=figures, detail=metric or "")


def _sample_of(
    subject: str, entities: dict[str, BaseModel], head: CheckResult
) -> tuple[str | None, str | None, str | None, dict[str, Any]] | None:
    """The metric, stage, step and sample figures of the entry or design a CX209 subject
    names, when its planned sample is below the one needed (None otherwise: a plan that
    cannot be checked is not an underpowered one)."""
    parts = subject.split("/")
    entity = entities.get(parts[0])
    metric = stage = step = None
    if isinstance(entity, Journey) and len(parts) > 2 and is_position(parts[2]):
        if int(parts[2]) >= len(entity.measurement_plan):
            return None
        m = entity.measurement_plan[int(parts[2])]
        design = head.index.entity("sample_design", m.design) if m.design else None
        plan = sample_plan(m, design if isinstance(design, SampleDesign) else None)
        metric = m.metric
        if m.trigger is not None:
            stage, step = trigger_place([entity], m.trigger.stage, m.trigger.step)
    elif isinstance(entity, SampleDesign):
        plan = sample_plan(None, entity)
    else:
        return None
    need = plan.required
    if need is None or plan.sample_size is None or plan.sample_size >= need:
        return None
    figures = {
        "sample_size": plan.sample_size,
        "required": need,
        "population": plan.population,
        "confidence_level": plan.confidence_level,
        "margin_of_error": plan.margin_of_error,
        "per_stage": plan.per_stage,
    }
    return metric, stage, step, figures


def _findings_introduced(findings: FindingChanges, head: CheckResult) -> Iterator[Flag]:
    entities = entities_of(head)
    for d in by_severity(findings.introduced):
        if d.severity is Severity.INFO:
            continue
        kind, ident, stage, step = finding_place(d, entities)
        yield Flag(
            FINDING_INTRODUCED,
            kind,
            ident,
            stage,
            step,
            after=d.severity.value,
            detail=f"{d.code} {d.message}",
        )
