"""What a picture of one journey's change draws: which steps, and each persona's emotion
before and after at each of them.

The picture is limited to where the journey changed: :func:`change_window` keeps the
stages that changed (a step added, removed, moved or edited in them, or the stage itself
added, removed or edited) and one stage on each side of each, in the head's order; a step
or stage only the base has stays where it was (after the step or stage that came before
it in the base). Steps are matched by id with :func:`cxdsl.diff.engine.compare_steps`, the
one diff engine, so a step moved to another stage is the same step in both places.

:func:`emotion_series` gives one :class:`Series` per persona (``Journey.lived_by``; a
journey without personas has one unnamed series): the value before and after at each step
of the window, ``None`` where that side has no value (the step is new or removed there,
the persona does not live it, or no emotion is stated). Drawing the gaps is left to each
picture (:mod:`cxdsl.emit.diff_chart`, :mod:`cxdsl.render.change_curve`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Journey, Stage, Step
from ..render.context import RenderContext
from ..render.emotion_curve import lived_emotion
from .engine import StepChange, compare_steps


@dataclass(frozen=True)
class WindowStep:
    """One step of the picture: the stage it is drawn in and the step on each side."""

    #: The head's stage with that id; the base's for a stage the head no longer has.
    stage: Stage
    row: StepChange

    @property
    def before(self) -> Step | None:
        return self.row.before

    @property
    def after(self) -> Step | None:
        return self.row.after

    @property
    def step(self) -> Step:
        """The step as the head has it (as the base had it, for a removed step)."""
        shown = self.row.after or self.row.before
        assert shown is not None  # compare_steps never pairs two absent steps
        return shown

    @property
    def op(self) -> str:
        """added, removed, changed or unchanged (see :attr:`StepChange.op`)."""
        return self.row.op


@dataclass(frozen=True)
class Series:
    """One persona's emotion at each step of a window, before and after (None: no value)."""

    persona: str | None
    before: tuple[float | None, ...]
    after: tuple[float | None, ...]

    def known(self, i: int) -> bool:
        """Whether step ``i`` has a value on either side."""
        return self.before[i] is not None or self.after[i] is not None

    @property
    def moved(self) -> bool:
        """Whether the persona feels anything differently at some step (a value changed,
        appeared or went)."""
        return self.before != self.after


def change_window(base: Journey, head: Journey) -> list[WindowStep]:
    """The steps to draw for a changed journey: the changed stages and their neighbours
    (one before, one after), in the head's order with the base's removed steps and stages
    at their place. Empty when no stage changed (a title or plan edit, say)."""
    rows = {row.step: row for row in compare_steps(base, head)}
    old = {stage.id: stage for stage in base.stages}
    new = {stage.id: stage for stage in head.stages}
    order = merge_in_place(list(new), list(old), lambda ident: ident not in new)
    head_steps = {step.id for step in head.steps()}
    steps_of = {
        ident: merge_in_place(
            [s.id for s in new[ident].steps] if ident in new else [],
            [s.id for s in old[ident].steps] if ident in old else [],
            lambda step: step not in head_steps,
        )
        for ident in order
    }
    changed = [
        i
        for i, ident in enumerate(order)
        if _stage_changed(old.get(ident), new.get(ident))
        or any(rows[step].op != "unchanged" for step in steps_of[ident])
    ]
    shown = sorted({k for i in changed for k in (i - 1, i, i + 1) if 0 <= k < len(order)})
    return [
        WindowStep(new.get(order[k]) or old[order[k]], rows[step])
        for k in shown
        for step in steps_of[order[k]]
    ]


def merge_in_place(
    primary: list[str], secondary: list[str], keep: Callable[[str], bool]
) -> list[str]:
    """``primary`` with each item of ``secondary`` it lacks and ``keep`` accepts put back
    where ``secondary`` had it: after the item that came before it there (first if none)."""
    out = list(primary)
    anchor = -1
    for ident in secondary:
        if ident in out:
            anchor = out.index(ident)
        elif keep(ident):
            anchor += 1
            out.insert(anchor, ident)
    return out


def _stage_changed(before: Stage | None, after: Stage | None) -> bool:
    """A stage added or removed, its own fields edited, or its steps' ids or order."""
    if before is None or after is None:
        return True
    return _own_fields(before) != _own_fields(after) or [s.id for s in before.steps] != [
        s.id for s in after.steps
    ]


def _own_fields(stage: Stage) -> dict[str, Any]:
    return stage.model_dump(mode="json", exclude_none=True, exclude={"steps"})


def series_personas(base: Journey, head: Journey) -> list[str | None]:
    """The head's personas, then those only the base has; ``[None]`` when neither has any."""
    personas: list[str | None] = [*head.all_personas()]
    personas += [p for p in base.all_personas() if p not in personas]
    return personas or [None]


def emotion_series(
    ctx_base: RenderContext,
    ctx_head: RenderContext,
    base: Journey,
    head: Journey,
    window: Sequence[WindowStep],
) -> list[Series]:
    """Each persona's emotion before and after at each step of ``window`` (the series of a
    persona with no value anywhere in the window is left out)."""
    out = []
    for persona in series_personas(base, head):
        series = persona_series(ctx_base, ctx_head, base, head, window, persona)
        if any(series.known(i) for i in range(len(window))):
            out.append(series)
    return out


def persona_series(
    ctx_base: RenderContext,
    ctx_head: RenderContext,
    base: Journey,
    head: Journey,
    window: Sequence[WindowStep],
    persona: str | None,
) -> Series:
    """What ``persona`` (None: a journey without personas) feels at each step of
    ``window``, before and after."""
    return Series(
        persona,
        tuple(_felt(ctx_base, base, w.before, persona) for w in window),
        tuple(_felt(ctx_head, head, w.after, persona) for w in window),
    )


def _felt(
    ctx: RenderContext, journey: Journey, step: Step | None, persona: str | None
) -> float | None:
    """What ``persona`` feels at ``step`` of ``journey``; a journey without personas has
    one value that every persona feels."""
    if step is None:
        return None
    personal = bool(journey.all_personas() or step.personas)
    return lived_emotion(ctx, journey, step, persona if personal else None)
