"""The as-is vs to-be comparison page of a to-be journey."""

from __future__ import annotations

from ..diff.engine import StepChange, compare_steps, emotion_shift
from ..model import Journey
from ..paths import compare_path
from .content import PageContext
from .journey_pages import emotion_cell


def compare_page(pc: PageContext, journey: Journey, base: Journey) -> str:
    """What changed from the as-is journey to the to-be one, step by step."""
    w, t = pc.w, pc.w.t
    here = compare_path(journey.id)
    out = [
        f"# {t('comparison')}: {w.inline(journey.title)}\n",
        f"{t('as-is')}: {w.entity_link('journey', base.id, here)} → "
        f"{t('to-be')}: {w.entity_link('journey', journey.id, here)}\n",
    ]
    out.append(f"\n## {t('emotion_curve')}\n")
    out.append(pc.figure("emotion-curve", journey.id, here))
    rows = []
    for change in compare_steps(base, journey):
        old, new = change.before, change.after
        title = w.inline((new or old).title)  # type: ignore[union-attr]
        rows.append(
            (
                title,
                emotion_cell(pc, base, old) if old else "—",
                emotion_cell(pc, journey, new) if new else "—",
                _change_note(pc, journey, change),
            )
        )
    out.append(f"\n## {t('step_by_step')}\n")
    out.append(w.table([t("step"), t("as-is"), t("to-be"), t("change")], rows))
    return "\n".join(out)


def _change_note(pc: PageContext, journey: Journey, change: StepChange) -> str:
    """One step's change in words: added, removed, or what moved (channel, emotions, pains)."""
    t = pc.w.t
    old, new = change.before, change.after
    if old is None:
        return f"+ {t('added')}"
    if new is None:
        return f"− {t('removed')}"
    notes = []
    if change.has("step.channel"):
        notes.append(
            f"{t('channel')}: {pc.ctx.name_of('channel', old.channel)} → "
            f"{pc.ctx.name_of('channel', new.channel)}"
        )
    # In the to-be journey's persona order, like its emotion column.
    order = [persona for persona, _ in pc.ctx.emotions(journey, new)]
    for move in sorted(change.emotions, key=lambda m: order.index(m.persona)):
        who = pc.ctx.short_name_of(move.persona) if move.persona else ""
        notes.append(f"{t('emotion')} {who} {emotion_shift(move.before, move.after)}")
    if len(old.pain_points) != len(new.pain_points):
        notes.append(f"{t('pain_points_title')}: {len(old.pain_points)} → {len(new.pain_points)}")
    return pc.w.plain("; ".join(notes)) if notes else t("unchanged")
