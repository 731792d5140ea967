"""``cxdsl diff --format markdown``: a workspace diff as a pull-request comment.

Every piece of model text goes through :func:`escape_text` (or :func:`mermaid_text` inside
the Mermaid block): the comment shows what the files say and GitHub links nothing in it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from ..compiler import CheckResult
from ..diagnostics import Severity
from ..diff.comment_text import (
    _BIDI_CONTROLS,
    code_span,
    escape_text,
)
from ..diff.engine import Change, WorkspaceDiff, emotion_shift
from ..i18n import count_text
from ..model import Journey, Step
from ..model.kinds import BY_NAME
from ..render.context import RenderContext
from ..render.text import signed
from .base import DiffOutput

_code = code_span

#: The comment's sections, in the order reviewers read them; titles from the kind registry.
_KIND_ORDER = (
    "journey",
    "persona",
    "segment",
    "metric",
    "instrument",
    "channel",
    "actor",
    "system",
    "stakeholder",
    "evidence",
)
_KIND_TITLES = {kind: BY_NAME[kind].plural for kind in _KIND_ORDER}
_VERBS = {"added": "added", "removed": "removed", "changed": "changed", "reordered": "reordered"}


def _show(ctx: RenderContext, value: Any) -> str:
    if value is None:
        return "—"
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and len(k) <= 5 for k in value)
        and all(isinstance(v, str) for v in value.values())
    ):
        return f"“{escape_text(ctx.text(value))}”"
    if isinstance(value, dict):
        label = (
            value.get("title")
            or value.get("text")
            or value.get("action")
            or value.get("name")
            or value.get("metric")
            or value.get("id")
        )
        if label is not None:
            return _show(ctx, label)
        return escape_text(json.dumps(value, ensure_ascii=False)[:120])
    if isinstance(value, list):
        return ", ".join(_show(ctx, v) for v in value) or "—"
    return _code(value)


def _bold(text: str) -> str:
    return f"**{text}**"


def _emotion_delta(change: Change) -> str:
    before, after = change.before, change.after
    if isinstance(before, int | float) and isinstance(after, int | float):
        return emotion_shift(before, after, _bold)
    if isinstance(before, dict) or isinstance(after, dict):
        b = before if isinstance(before, dict) else {}
        a = after if isinstance(after, dict) else {}
        return "; ".join(
            _persona_delta(who, b.get(who), a.get(who))
            for who in [*b, *[k for k in a if k not in b]]
            if b.get(who) != a.get(who)
        )
    return f"{_code(before)} → {_code(after)}"


def _persona_delta(who: Any, x: Any, y: Any) -> str:
    """One persona's move; the shift is computed only when both values are numbers."""
    if isinstance(x, int | float) and isinstance(y, int | float):
        return f"{escape_text(str(who))}: " + emotion_shift(x, y, _bold)
    return f"{escape_text(str(who))}: {_signed(x)} → {_signed(y)}"


def _signed(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:+g}" if isinstance(value, int | float) else _code(value)


def describe(ctx: RenderContext, c: Change) -> str:
    """One Markdown line for a change."""
    if c.category.startswith("figure."):
        return _figure_change(c)
    line = _whole_entity(ctx, c)
    if line is None:
        line = _journey_part(ctx, c)
    return line if line is not None else _field_change(ctx, c)


def _figure_change(c: Change) -> str:
    """A measured figure that moved, appeared or went: ``📊 nps on pay 2026-Q1: …``."""
    what = f"{_code(c.entity)} on {escape_text(c.path)}"
    before, after = escape_text(str(c.before)), escape_text(str(c.after))
    if c.category == "figure.added":
        return f"📊 new figure: {what}: {after}"
    if c.category == "figure.removed":
        return f"📊 figure gone: {what} (was {before})"
    detail = f" ({escape_text(c.detail)})" if c.detail else ""
    return f"📊 figure moved: {what}: {before} → {after}{detail}"


def _whole_entity(ctx: RenderContext, c: Change) -> str | None:
    """An entity added, removed or renamed, or left referenced after its removal."""
    kind, entity = escape_text(c.kind), _code(c.entity)
    if c.category.endswith(".added") and not c.path:
        return f"➕ {kind} {entity} added: {_show(ctx, c.after)}"
    if c.category.endswith(".removed") and not c.path:
        extra = f" — ⚠ {escape_text(c.detail)}" if c.detail else ""
        return f"➖ {kind} {entity} removed ({_show(ctx, c.before)}){extra}"
    if c.category.endswith(".renamed"):
        extra = f" — ⚠ {escape_text(c.detail)}" if c.detail else ""
        return f"✏️ {kind} renamed {_code(c.before)} → {_code(c.after)}{extra}"
    if c.category == "dangling":
        return f"⚠ removing {kind} {entity} leaves {_code(c.after)} references dangling"
    return None


def _journey_part(ctx: RenderContext, c: Change) -> str | None:
    """A change to a journey's stages, steps, emotions or pain points."""
    where = _code(c.path) if c.path else ""
    if c.category == "emotion.changed":
        return f"😶 emotion at {where}: {_emotion_delta(c)}"
    if c.category in ("step.reordered", "stage.reordered"):
        return (
            f"↕ {c.category.split('.')[0]}s reordered at {where}: "
            f"{_ids(c.before)} → {_ids(c.after)}"
        )
    if c.category in ("step.added", "stage.added"):
        return f"➕ {c.category.split('.')[0]} added at {where}: {_show(ctx, c.after)}"
    if c.category in ("step.removed", "stage.removed"):
        return f"➖ {c.category.split('.')[0]} removed at {where}: {_show(ctx, c.before)}"
    if c.category == "pain_point.added":
        return f"⚠ pain point added at {where}: {_show(ctx, c.after)}"
    if c.category == "pain_point.resolved":
        return f"✅ pain point resolved at {where}: {_show(ctx, c.before)}"
    return None


def _field_change(ctx: RenderContext, c: Change) -> str:
    """Any other change: a field added, removed or changed at a path."""
    where = _code(c.path) if c.path else ""
    verb = _VERBS.get(c.detail, "changed")
    category = escape_text(c.category)
    if verb == "added":
        return f"{category}: {where} added: {_show(ctx, c.after)}"
    if verb == "removed":
        return f"{category}: {where} removed: {_show(ctx, c.before)}"
    return f"{category}: {where} {_show(ctx, c.before)} → {_show(ctx, c.after)}"


def _ids(values: Any) -> str:
    return (
        ", ".join(escape_text(str(v)) for v in values)
        if isinstance(values, list)
        else (_code(values))
    )


def mermaid_journey(ctx: RenderContext, journey: Journey) -> str:
    """A Mermaid ``journey`` block (scores 1..5 from the emotion scale): code hosts draw it.

    Each task's actors are the personas who live the step (``Journey.lived_by``), by short
    name. A Mermaid task takes one score: that of the first of them who has an emotion
    there; when they feel it differently the task's name gives each one's value
    (``Submit (Khalid -2, Fahad -1)``). A step with no emotion at all keeps its place, so
    the sequence of steps reads as in the journey: Mermaid has no way to say "unknown" (every
    task needs a score), so it takes the scale's neutral score and its name says
    ``(no emotion stated)``.
    """
    lines = ["```mermaid", "journey", f"  title {mermaid_text(ctx.text(journey.title))}"]
    for stage in journey.stages:
        lines.append(f"  section {mermaid_text(ctx.text(stage.title))}")
        lines += [f"    {_mermaid_task(ctx, journey, step)}" for step in stage.steps]
    lines.append("```")
    return "\n".join(lines)


def _mermaid_task(ctx: RenderContext, journey: Journey, step: Step) -> str:
    """One task line: ``name: score: actor, actor`` (see :func:`mermaid_journey`)."""
    scale = ctx.scale(journey)
    living = journey.lived_by(step)
    pairs = ctx.emotions(journey, step)
    felt: list[tuple[str | None, float]] = [
        (who, value)
        for who in living
        if (value := next((v for p, v in pairs if p in (who, None)), None)) is not None
    ]
    if not living and pairs:  # a journey without personas: its one series
        felt = [(None, pairs[0][1])]
    name = mermaid_text(ctx.text(step.title), task=True)
    if not felt:
        name += " (no emotion stated)"
    elif len({value for _, value in felt}) > 1:
        each = ", ".join(
            f"{mermaid_text(ctx.short_name_of(who), actor=True)} {signed(value)}"
            for who, value in felt
        )
        name += f" ({each})"
    value = felt[0][1] if felt else (scale.min + scale.max) / 2
    score = round(1 + 4 * (value - scale.min) / max(scale.max - scale.min, 1))
    actors = ", ".join(mermaid_text(ctx.short_name_of(who), actor=True) for who in living)
    return f"{name}: {score}: {actors or '-'}"


#: ASCII that Mermaid's journey grammar and its directives never give a meaning to; any
#: other ASCII punctuation (``# : ; %% { } < > & " ` \``...) becomes a space, so model text
#: cannot end a line, start a comment or a ``%%{init}%%`` directive, or carry HTML.
_MERMAID_ASCII = frozenset("-.,'()!?/+ ")
#: Words that start a statement when a task line begins with them (case-insensitive).
_MERMAID_KEYWORD = re.compile(r"(?:journey|title\s|section\s|acc(?:title|descr))", re.IGNORECASE)


def mermaid_text(text: str, *, task: bool = False, actor: bool = False) -> str:
    """Model text as a label inside a Mermaid ``journey`` block: one inert line."""
    kept = []
    for ch in text:
        if ord(ch) < 128:
            kept.append(ch if ch.isalnum() or ch in _MERMAID_ASCII else " ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch)[0] in "CZ":
            kept.append(" ")  # controls, bidi formats, line and paragraph separators
        else:
            kept.append(ch)
    out = " ".join("".join(kept).split())
    if actor:
        out = " ".join(out.replace(",", " ").split())  # a comma separates actors
    if task and _MERMAID_KEYWORD.match(out):
        out = f"“{out}”"
    return out or "-"


def check_summary(result: CheckResult) -> str:
    """``✅ clean`` only without any finding; else what there is, the worst first
    (``❌ 2 errors, 3 warnings``, ``⚠ 3 warnings``, ``ℹ 1 note``)."""
    counts = Counter(d.severity for d in result.diagnostics)
    if not counts:
        return "✅ clean"
    parts = [
        f"{counts[severity]} {word}{'' if counts[severity] == 1 else 's'}"
        for severity, word in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "note"),
        )
        if counts[severity]
    ]
    mark = "❌" if counts[Severity.ERROR] else "⚠" if counts[Severity.WARNING] else "ℹ"
    return f"{mark} {', '.join(parts)}"


def emit(out: DiffOutput) -> str:
    """The Markdown format of ``cxdsl diff``."""
    return format_markdown(out.diff, out.base_name, out.head_name, out.head)


def format_markdown(diff: WorkspaceDiff, base_name: str, head_name: str, head: CheckResult) -> str:
    """A summary, then the changes entity by entity, with a Mermaid journey where useful."""
    settings = head.workspace.settings
    ctx = RenderContext(head.index, settings, settings.language)
    out = [f"## cxdsl diff: {_code(base_name)} → {_code(head_name)}", ""]
    if not diff.changes:
        out.append("No changes to the model.")
        return "\n".join(out) + "\n"
    by_entity: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in diff.changes:
        by_entity[(change.kind, change.entity)].append(change)
    counts = Counter(kind for kind, _ in by_entity)
    summary = ", ".join(
        f"{n} {escape_text(_KIND_TITLES.get(k, k).lower())}" for k, n in sorted(counts.items())
    )
    highlights = Counter(c.category for c in diff.changes)
    notable = [f"{n} × {_code(cat)}" for cat, n in sorted(highlights.items())]
    out.append(f"**{count_text(len(diff.changes), 'change', 'en')}** in {summary}.")
    out.append("")
    out.append(
        "<details><summary>By kind of change</summary>\n\n" + ", ".join(notable) + "\n\n</details>"
    )
    out += ["", f"`cxdsl check` on the head: {check_summary(head)}", ""]
    for kind in sorted(
        counts, key=lambda k: list(_KIND_TITLES).index(k) if k in _KIND_TITLES else 99
    ):
        out.append(f"### {escape_text(_KIND_TITLES.get(kind, kind))}")
        for (k, ident), changes in sorted(by_entity.items()):
            if k != kind:
                continue
            entity = head.index.entity(kind, ident)
            title = (
                escape_text(
                    ctx.text(getattr(entity, "title", None) or getattr(entity, "name", None))
                )
                if entity is not None
                else ""
            )
            out.append(f"\n#### {_code(ident)}" + (f" — {title}" if title else ""))
            out += [f"- {describe(ctx, c)}" for c in changes]
            if isinstance(entity, Journey) and any(
                c.path.startswith("stages") or c.category.endswith(".added") for c in changes
            ):
                out += ["", mermaid_journey(ctx, entity)]
        out.append("")
    out += _effort_lines(diff)
    return "\n".join(out).rstrip() + "\n"


def _effort_lines(diff: WorkspaceDiff) -> list[str]:
    """Effort as-is → to-be of the to-be journeys the changes touch. The text holds only
    numbers, fixed words and ISO currency codes (``cxdsl.diff.effort_compare``)."""
    if not diff.effort:
        return []
    out = ["### Effort: as-is → to-be", ""]
    for e in diff.effort:
        part = f"stage {_code(e.stage)}" if e.stage else "whole journey"
        out.append(f"- {_code(e.journey)} (as-is {_code(e.as_is)}), {part}: {e.text}")
    return [*out, ""]
