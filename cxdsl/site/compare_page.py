"""Two journeys side by side: the as-is vs to-be comparison page of a to-be journey, and,
on a pull request's preview site, a journey before and after the change (one rendering,
:func:`comparison_sections`, for both; one diff engine, ``compare_steps``, under both).

The comparison page shows what the to-be journey redesigns: with ``scope``, only those
stages (the others are listed as unchanged, by title, never as removed steps); a to-be
step that ``replaces`` as-is steps shows them on its own row; the emotion curves are
aligned on matched steps; the effort totals before and after make the business case
(whole journey, then each compared stage).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..diff.compare import Comparison, compare_journeys
from ..diff.effort_compare import (
    EffortRow,
    MeasureChange,
    MeasureKey,
    amount,
    effort_rows,
    signed_amount,
)
from ..diff.engine import Change, StepChange, compare_steps, emotion_shift
from ..i18n import clause_separator
from ..i18n.units import currency_symbol
from ..model import Journey, Stage, Step
from ..paths import compare_path
from .content import PageContext
from .journey_pages import emotion_cell

#: Interface string of each measure's row label.
_MEASURE_KEYS = {
    "minutes": "effort_active",
    "wait_minutes": "effort_waiting",
    "visits": "effort_visits",
    "documents": "effort_documents",
    "walking_metres": "effort_walking",
}
#: After a total that adds up only some of its side's steps (the note under the table
#: says so: the mark, then ``effort_partial_note``).
PARTIAL_MARK = "&#42;"


@dataclass(frozen=True)
class Sides:
    """How a comparison names its two journeys, and what renders the first one's steps."""

    #: Interface strings naming each side: ``as-is``/``to-be``, or before/after.
    before: str
    after: str
    #: The page context of the first journey's workspace (the base revision's, for a
    #: preview's before/after view: its personas and channels as they were).
    before_pc: PageContext
    #: Whether the second journey's ``scope`` says which stages it redesigns.
    scoped: bool = True
    #: The words of a step's changes (a preview's before/after view); None: what moved
    #: (channel, emotions, pains), as the comparison page says it.
    words: Callable[[Change], str] | None = None


def compare_page(pc: PageContext, journey: Journey, base: Journey) -> str:
    """What changed from the as-is journey to the to-be one: the stages it redesigns, the
    emotion curves, the effort before and after, then step by step."""
    w, t = pc.w, pc.w.t
    here = compare_path(journey.id)
    out = [
        f"# {t('comparison')}: {w.inline(journey.title)}\n",
        t("diff.from_to").format(
            before=f"{t('as-is')}: {w.entity_link('journey', base.id, here)}",
            after=f"{t('to-be')}: {w.entity_link('journey', journey.id, here)}",
        )
        + "\n",
    ]
    curve = pc.figure("emotion-curve", journey.id, here)
    sides = Sides("as-is", "to-be", pc)
    out += comparison_sections(pc, compare_journeys(base, journey), sides, curve)
    return "\n".join(out)


def versions(before: Journey, after: Journey) -> Comparison:
    """Two versions of one journey as a comparison: every step matched by id
    (``compare_steps``), every stage of both compared (none left unchanged by a scope)."""
    rows = tuple(compare_steps(before, after))
    return Comparison(before, after, rows, tuple(before.stages), ())


def comparison_sections(
    pc: PageContext, comparison: Comparison, sides: Sides, curve: str
) -> list[str]:
    """The stages compared, the emotion curves (``curve``, Markdown), the effort before and
    after, then step by step: each side's emotion and what changed."""
    w, t = pc.w, pc.w.t
    journey = comparison.to_be
    out = _scope(pc, comparison) if sides.scoped else []
    out.append(f"\n## {t('emotion_curve')}\n")
    out.append(curve)
    out += _effort(pc, comparison, sides)
    rows = [
        (
            w.inline((change.after or change.before).title),  # type: ignore[union-attr]
            _as_is_cell(sides.before_pc, comparison.as_is, change),
            emotion_cell(pc, journey, change.after) if change.after else "—",
            _change_cell(pc, sides, journey, change),
        )
        for change in comparison.rows
    ]
    out.append(f"\n## {t('step_by_step')}\n")
    out.append(w.table([t("step"), t(sides.before), t(sides.after), t("change")], rows))
    return out


def _change_cell(pc: PageContext, sides: Sides, journey: Journey, change: StepChange) -> str:
    """What changed at a step: in words, one change a line, where ``sides`` says them."""
    if sides.words is None or change.before is None or change.after is None:
        return _change_note(pc, journey, change)
    lines = [sides.words(c) for c in change.changes]
    return "<br>".join(lines) if lines else pc.w.t("unchanged")


def _scope(pc: PageContext, comparison: Comparison) -> list[str]:
    """The stages compared and, when the to-be journey has a ``scope``, those unchanged."""
    if comparison.to_be.scope is None and not comparison.unchanged:
        return []
    w = pc.w
    redesigned = w.sep.join(w.inline(stage.title) for stage in comparison.to_be.stages)
    out = [f"\n**{w.t('redesigned_stages')}**: {redesigned or '—'}\n"]
    if comparison.unchanged:
        out.append(f"**{w.t('unchanged_stages')}**:\n")
        out += [_unchanged_stage(pc, stage) for stage in comparison.unchanged]
        out.append("")
    return out


def _unchanged_stage(pc: PageContext, stage: Stage) -> str:
    return f"- {pc.w.inline(stage.title)} ({pc.w.count(len(stage.steps), 'step')})"


def _effort(pc: PageContext, comparison: Comparison, sides: Sides) -> list[str]:
    """A table per part of the journey (whole, then each compared stage): measure, as-is,
    to-be (or before, after), change. A change no one can know says so in words; a total
    that adds up only some of its side's steps is marked, with a note under its table."""
    t = pc.w.t
    out = [f"\n## {t('effort_before_after')}\n"]
    every = effort_rows(comparison, pc.ctx.settings.currency)
    rows = [row for row in every if not row.empty]
    if not rows:
        return [*out, f"*{t('effort_none')}*\n"]
    for row in rows:
        out.append(f"\n### {_part_title(pc, row)}\n")
        if row.stage is None and comparison.unchanged:
            out.append(f"{t('effort_unchanged_counted')}\n")
        partial = partial_totals(every) if row.stage is None else set()
        headers = [t("effort_measure"), t(sides.before), t(sides.after), t("change")]
        cells = [_measure_row(pc, m, partial) for m in row.changes()]
        out.append(pc.w.table(headers, cells))
        if any(PARTIAL_MARK in cell for line in cells for cell in line[1:3]):
            out.append(f"\n{PARTIAL_MARK} {pc.w.plain(t('effort_partial_note'))}\n")
    return out


def partial_totals(rows: list[EffortRow]) -> set[tuple[MeasureKey, str]]:
    """Which of the whole journey's totals (``rows[0]``, then its stages) add up only
    some of their side's steps: (measure, side) where a compared stage states the measure
    on the other side only ("before" or "after"); its change is unknown."""
    out: set[tuple[MeasureKey, str]] = set()
    for stage in rows[1:]:
        for m in stage.changes():
            if m.before is None and m.after is not None:
                out.add((m.key, "before"))
            if m.after is None and m.before is not None:
                out.add((m.key, "after"))
    return out


def _part_title(pc: PageContext, row: EffortRow) -> str:
    return pc.w.t("whole_journey") if row.stage is None else pc.w.inline(row.title)


def _measure_row(
    pc: PageContext, m: MeasureChange, partial: set[tuple[MeasureKey, str]]
) -> tuple[str, str, str, str]:
    """One measure's row: its label (a cost's currency as the page's locale writes it),
    each side's total (marked when partial), the change (in words when unknown)."""
    t, w = pc.w.t, pc.w
    if m.measure == "cost":
        symbol = currency_symbol(m.currency, pc.lang) if m.currency else ""
        label = t("effort_cost_in").format(currency=symbol) if symbol else t("effort_cost")
    else:
        label = t(_MEASURE_KEYS[m.measure])
    sides = []
    for side, value in (("before", m.before), ("after", m.after)):
        mark = PARTIAL_MARK if value is not None and (m.key, side) in partial else ""
        sides.append(w.plain(amount(value)) + mark)
    change = signed_amount(m.change) if m.change is not None else t("effort_change_unknown")
    return (w.plain(label), sides[0], sides[1], w.plain(change))


def _as_is_cell(pc: PageContext, base: Journey, change: StepChange) -> str:
    """The as-is side of a row: the step with the to-be step's id, and the steps it
    replaces, each with its title when there are several."""
    old = [*([change.before] if change.before else []), *change.replaced]
    if not old:
        return "—"
    if len(old) == 1 and not change.replaced:
        return emotion_cell(pc, base, old[0])
    return "<br>".join(f"{pc.w.inline(s.title)}: {emotion_cell(pc, base, s)}" for s in old)


def _change_note(pc: PageContext, journey: Journey, change: StepChange) -> str:
    """One step's change in words: added, removed, what it replaces, or what moved
    (channel, emotions, pains)."""
    t = pc.w.t
    old, new = change.before, change.after
    replaced = ""
    if change.replaced:
        titles = pc.w.sep.join(pc.w.inline(s.title) for s in change.replaced)
        replaced = f"⇄ {t('replaces')}: {titles}"
    if new is None:
        return f"− {t('removed')}"
    if old is None:
        return replaced or f"+ {t('added')}"
    notes = _moves(pc, journey, change, old, new)
    moved = pc.w.plain(clause_separator(pc.lang).join(notes)) if notes else t("unchanged")
    return f"{replaced}<br>{moved}" if replaced else moved


def _moves(
    pc: PageContext, journey: Journey, change: StepChange, old: Step, new: Step
) -> list[str]:
    """What moved at a step both journeys have: channel, emotions, pain points."""
    t = pc.w.t
    notes = []
    if change.has("step.channel"):
        channels = t("diff.from_to").format(
            before=pc.ctx.name_of("channel", old.channel),
            after=pc.ctx.name_of("channel", new.channel),
        )
        notes.append(f"{t('channel')}: {channels}")
    # In the to-be journey's persona order, like its emotion column.
    order = [persona for persona, _ in pc.ctx.emotions(journey, new)]
    # A single value (persona None) after the personas the column names.
    rank = {persona: i for i, persona in enumerate(order)}
    for move in sorted(change.emotions, key=lambda m: rank.get(m.persona, len(order))):
        who = pc.ctx.short_name_of(move.persona) if move.persona else ""
        label = t("emotion_of").format(persona=who) if who else t("emotion")
        notes.append(f"{label} {emotion_shift(move.before, move.after, lang=pc.ctx.lang)}")
    if len(old.pain_points) != len(new.pain_points):
        counts = t("diff.from_to").format(before=len(old.pain_points), after=len(new.pain_points))
        notes.append(f"{t('pain_points_title')}: {counts}")
    return notes
