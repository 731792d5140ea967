"""A workspace diff as Markdown for a pull-request comment, or as JSON."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from ..compiler import CheckResult
from ..model import Journey
from ..render.context import RenderContext
from ..render.i18n import escape_markdown
from .engine import Change, WorkspaceDiff

_KIND_TITLES = {"journey": "Journeys", "persona": "Personas", "segment": "Segments",
                "metric": "Metrics", "instrument": "Instruments", "channel": "Channels",
                "actor": "Actors", "system": "Systems", "stakeholder": "Stakeholders",
                "evidence": "Evidence"}
_VERBS = {"added": "added", "removed": "removed", "changed": "changed",
          "reordered": "reordered"}


def _show(ctx: RenderContext, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and value and all(isinstance(k, str) and len(k) <= 5
                                                 for k in value) and all(
            isinstance(v, str) for v in value.values()):
        return f"“{escape_markdown(ctx.text(value))}”"
    if isinstance(value, dict):
        label = value.get("title") or value.get("text") or value.get("action") or value.get(
            "name") or value.get("metric") or value.get("id")
        if label is not None:
            return _show(ctx, label)
        return "`" + json.dumps(value, ensure_ascii=False)[:120].replace("`", "'") + "`"
    if isinstance(value, list):
        return ", ".join(_show(ctx, v) for v in value) or "—"
    return f"`{str(value).replace('`', chr(39))}`"


def _emotion_delta(change: Change) -> str:
    before, after = change.before, change.after
    if isinstance(before, int | float) and isinstance(after, int | float):
        return f"{before:+g} → {after:+g} (**{after - before:+g}**)"
    if isinstance(before, dict) or isinstance(after, dict):
        b = before if isinstance(before, dict) else {}
        a = after if isinstance(after, dict) else {}
        parts = []
        for who in [*b, *[k for k in a if k not in b]]:
            if b.get(who) != a.get(who):
                x, y = b.get(who), a.get(who)
                delta = f" (**{y - x:+g}**)" if x is not None and y is not None else ""
                parts.append(f"{who}: {'—' if x is None else f'{x:+g}'} → "
                             f"{'—' if y is None else f'{y:+g}'}{delta}")
        return "; ".join(parts)
    return f"{before} → {after}"


def describe(ctx: RenderContext, c: Change) -> str:
    """One Markdown line for a change."""
    where = f"`{c.path}`" if c.path else ""
    if c.category.endswith(".added") and not c.path:
        return f"➕ {c.kind} `{c.entity}` added: {_show(ctx, c.after)}"
    if c.category.endswith(".removed") and not c.path:
        extra = f" — ⚠ {c.detail}" if c.detail else ""
        return f"➖ {c.kind} `{c.entity}` removed ({_show(ctx, c.before)}){extra}"
    if c.category.endswith(".renamed"):
        extra = f" — ⚠ {c.detail}" if c.detail else ""
        return f"✏️ {c.kind} renamed `{c.before}` → `{c.after}`{extra}"
    if c.category == "dangling":
        return f"⚠ removing {c.kind} `{c.entity}` leaves {c.after} references dangling"
    if c.category == "emotion.changed":
        return f"😶 emotion at {where}: {_emotion_delta(c)}"
    if c.category in ("step.reordered", "stage.reordered"):
        return (f"↕ {c.category.split('.')[0]}s reordered at {where}: "
                f"{', '.join(c.before)} → {', '.join(c.after)}")
    if c.category in ("step.added", "stage.added"):
        return f"➕ {c.category.split('.')[0]} added at {where}: {_show(ctx, c.after)}"
    if c.category in ("step.removed", "stage.removed"):
        return f"➖ {c.category.split('.')[0]} removed at {where}: {_show(ctx, c.before)}"
    if c.category == "pain_point.added":
        return f"⚠ pain point added at {where}: {_show(ctx, c.after)}"
    if c.category == "pain_point.resolved":
        return f"✅ pain point resolved at {where}: {_show(ctx, c.before)}"
    verb = _VERBS.get(c.detail, "changed")
    if verb == "added":
        return f"{c.category}: {where} added: {_show(ctx, c.after)}"
    if verb == "removed":
        return f"{c.category}: {where} removed: {_show(ctx, c.before)}"
    return f"{c.category}: {where} {_show(ctx, c.before)} → {_show(ctx, c.after)}"


def mermaid_journey(ctx: RenderContext, journey: Journey) -> str:
    """A Mermaid ``journey`` block (scores 1..5 from the emotion scale): code hosts draw it."""
    scale = ctx.scale(journey)
    span = max(scale.max - scale.min, 1)
    lines = ["```mermaid", "journey", f"  title {_mermaid_text(ctx.text(journey.title))}"]
    actor = _mermaid_text(ctx.name_of("persona", journey.persona)) if journey.persona else "-"
    for stage in journey.stages:
        lines.append(f"  section {_mermaid_text(ctx.text(stage.title))}")
        for step in stage.steps:
            values = [v for _, v in ctx.emotions(journey, step)]
            value = values[0] if values else (scale.min + scale.max) / 2
            score = round(1 + 4 * (value - scale.min) / span)
            lines.append(f"    {_mermaid_text(ctx.text(step.title))}: {score}: {actor}")
    lines.append("```")
    return "\n".join(lines)


def _mermaid_text(text: str) -> str:
    return " ".join(text.replace(":", " ").replace("#", " ").replace(";", " ").split()) or "-"


def format_markdown(diff: WorkspaceDiff, base_name: str, head_name: str,
                    head: CheckResult) -> str:
    settings = head.workspace.settings
    ctx = RenderContext(head.index, settings, settings.language)
    out = [f"## cxdsl diff: `{base_name}` → `{head_name}`", ""]
    if not diff.changes:
        out.append("No changes to the model.")
        return "\n".join(out) + "\n"
    by_entity: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in diff.changes:
        by_entity[(change.kind, change.entity)].append(change)
    counts = Counter(kind for kind, _ in by_entity)
    summary = ", ".join(f"{n} {_KIND_TITLES.get(k, k).lower()}" for k, n in sorted(counts.items()))
    highlights = Counter(c.category for c in diff.changes)
    notable = [f"{n} × `{cat}`" for cat, n in sorted(highlights.items())]
    out.append(f"**{len(diff.changes)} changes** in {summary}.")
    out.append("")
    out.append("<details><summary>By kind of change</summary>\n\n" + ", ".join(notable)
               + "\n\n</details>")
    errors = sum(1 for d in head.diagnostics if d.severity.value == "error")
    check = "✅ clean" if head.ok else f"❌ {errors} errors"
    out += ["", f"`cxdsl check` on the head: {check}", ""]
    for kind in sorted(counts, key=lambda k: list(_KIND_TITLES).index(k)
                       if k in _KIND_TITLES else 99):
        out.append(f"### {_KIND_TITLES.get(kind, kind)}")
        for (k, ident), changes in sorted(by_entity.items()):
            if k != kind:
                continue
            entity = head.index.entity(kind, ident)
            title = escape_markdown(ctx.text(getattr(entity, "title", None) or getattr(
                entity, "name", None))) if entity is not None else ""
            out.append(f"\n#### `{ident}`" + (f" — {title}" if title else ""))
            out += [f"- {describe(ctx, c)}" for c in changes]
            if isinstance(entity, Journey) and any(
                    c.path.startswith("stages") or c.category.endswith(".added")
                    for c in changes):
                out += ["", mermaid_journey(ctx, entity)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def format_json(diff: WorkspaceDiff, base_name: str, head_name: str) -> str:
    payload = {"version": 1, "base": base_name, "head": head_name,
               "summary": dict(sorted(Counter(c.category for c in diff.changes).items())),
               "changes": [c.as_json() for c in diff.changes]}
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"
