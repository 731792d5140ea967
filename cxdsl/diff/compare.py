"""An as-is journey and the to-be journey that improves it (``based_on``), step by step.

A to-be step matches the as-is step with its id and the as-is steps it ``replaces`` (one
to many), so a redesign that merges three steps into one shows one row, not one added and
three removed steps. A to-be journey with ``scope:`` redesigns only some stages: it holds
those, and the as-is journey's other stages are unchanged (shown as such, never as
removed). The as-is stages compared are those of the scope, those with the id of a to-be
stage, and those holding a step some to-be step matches, so a renamed stage whose steps
are replaced is compared too; without ``scope`` every as-is stage is compared.

Every as-is step has exactly one :data:`Fate`: in an unchanged stage, matched (a to-be
step has its id), replaced (a to-be step names it in ``replaces``) or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Journey, Stage, Step
from .engine import StepChange, compare_steps

Fate = Literal["unchanged_stage", "matched", "replaced", "removed"]


@dataclass(frozen=True)
class Comparison:
    """The rows of an as-is vs to-be comparison and the stages it leaves out."""

    as_is: Journey
    to_be: Journey
    #: The to-be journey's steps in order (each with the as-is steps it matches), then the
    #: as-is steps of the compared stages that nothing matches (removed).
    rows: tuple[StepChange, ...]
    #: The as-is stages the to-be journey redesigns, in the as-is order.
    compared: tuple[Stage, ...]
    #: The as-is stages it leaves as they are (``scope``), in the as-is order.
    unchanged: tuple[Stage, ...]

    def as_is_steps(self) -> list[Step]:
        """The steps of the compared as-is stages, in order."""
        return [step for stage in self.compared for step in stage.steps]

    def fate(self, step_id: str) -> Fate:
        """What became of an as-is step (``KeyError`` for an id the as-is journey lacks)."""
        if any(s.id == step_id for stage in self.unchanged for s in stage.steps):
            return "unchanged_stage"
        if not any(s.id == step_id for s in self.as_is_steps()):
            raise KeyError(step_id)
        if any(row.after is not None and row.after.id == step_id for row in self.rows):
            return "matched"
        if any(step_id in (s.id for s in row.replaced) for row in self.rows):
            return "replaced"
        return "removed"

    def anchors(self) -> dict[str, int]:
        """Compared as-is step id → index of the first to-be step matching it."""
        out: dict[str, int] = {}
        for index, row in enumerate(r for r in self.rows if r.after is not None):
            for step in (*([row.before] if row.before else []), *row.replaced):
                out.setdefault(step.id, index)
        return out

    def whole_to_be_steps(self) -> list[Step]:
        """The to-be journey as lived: its own steps, and the unchanged stages' steps."""
        return [*self.to_be.steps(), *(s for stage in self.unchanged for s in stage.steps)]


def compare_journeys(as_is: Journey, to_be: Journey) -> Comparison:
    """The comparison of a to-be journey with the as-is journey it is ``based_on``."""
    by_id = {step.id: step for step in as_is.steps()}
    claimed = _claimed(to_be, by_id)
    compared_ids = _compared_stage_ids(as_is, to_be, claimed)
    compared = tuple(st for st in as_is.stages if st.id in compared_ids)
    unchanged = tuple(st for st in as_is.stages if st.id not in compared_ids)
    inside = {step.id for stage in compared for step in stage.steps}
    scoped = as_is.model_copy(update={"stages": list(compared)})
    matched_by_id = {step.id for step in to_be.steps() if step.id in inside}
    rows: list[StepChange] = []
    for row in compare_steps(scoped, to_be):
        if row.after is None:
            if row.step in claimed:
                continue  # replaced, shown with the step that replaces it
            rows.append(row)
            continue
        replaced = tuple(
            by_id[ident]
            for ident in _unique(row.after.replaces)
            if ident in inside and ident not in matched_by_id | {row.after.id}
        )
        rows.append(_with_replaced(row, replaced))
    return Comparison(as_is, to_be, tuple(rows), compared, unchanged)


def _with_replaced(row: StepChange, replaced: tuple[Step, ...]) -> StepChange:
    if not replaced:
        return row
    return StepChange(row.step, row.before, row.after, row.changes, row.emotions, replaced)


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _claimed(to_be: Journey, by_id: dict[str, Step]) -> set[str]:
    """As-is step ids a to-be step matches: by its own id, or in its ``replaces``."""
    out: set[str] = set()
    for step in to_be.steps():
        out.update(ident for ident in (step.id, *step.replaces) if ident in by_id)
    return out


def _compared_stage_ids(as_is: Journey, to_be: Journey, claimed: set[str]) -> set[str]:
    if to_be.scope is None:
        return {stage.id for stage in as_is.stages}
    ids = set(to_be.scope) | {stage.id for stage in to_be.stages}
    for stage in as_is.stages:
        if any(step.id in claimed for step in stage.steps):
            ids.add(stage.id)
    return ids


def as_is_positions(comparison: Comparison) -> dict[str, float]:
    """Where each compared as-is step sits along the to-be journey, in [0, 1]: at the to-be
    step it matches; a group one to-be step replaces spread across that step's slot; a
    removed step between its matched neighbours. With nothing matched, stretched evenly.
    """
    count = len(comparison.to_be.steps())
    steps = comparison.as_is_steps()
    anchors = comparison.anchors()
    if count == 0 or not anchors:
        return {s.id: _spread(i, len(steps)) for i, s in enumerate(steps)}
    slot = 1.0 if count == 1 else 1 / (count - 1)
    groups: dict[int, list[str]] = {}
    for step in steps:
        if step.id in anchors:
            groups.setdefault(anchors[step.id], []).append(step.id)
    placed: dict[str, float] = {}
    for index, members in groups.items():
        centre = _spread(index, count)
        half = 0.35 * slot if len(members) > 1 else 0.0
        for k, ident in enumerate(members):
            offset = -half + 2 * half * k / (len(members) - 1) if len(members) > 1 else 0.0
            placed[ident] = min(1.0, max(0.0, centre + offset))
    return _between(steps, placed)


def _spread(i: int, count: int) -> float:
    return 0.5 if count <= 1 else i / (count - 1)


def _between(steps: list[Step], placed: dict[str, float]) -> dict[str, float]:
    """Placed steps where they are; each run of the others evenly between its neighbours
    (the start or the end of the journey when it has none on that side)."""
    out = dict(placed)
    ids = [s.id for s in steps]
    i = 0
    while i < len(ids):
        if ids[i] in placed:
            i += 1
            continue
        j = i
        while j < len(ids) and ids[j] not in placed:
            j += 1
        low = placed[ids[i - 1]] if i > 0 else 0.0
        high = placed[ids[j]] if j < len(ids) else 1.0
        run = j - i
        for k in range(run):
            out[ids[i + k]] = low + (high - low) * (k + 1) / (run + 1)
        i = j
    return out
