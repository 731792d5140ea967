"""Each change in the designer's words: the step by its title, the persona by name.

``describe(change, view, lang)`` gives one :class:`~.phrases.Line` (with a line per changed
field or language under it), which the pull-request comment writes as Markdown and the
preview site as HTML, so both say the same thing in the same words.
"""

from __future__ import annotations

from typing import Any

from ..i18n import language_name, list_separator
from ..render.text import signed
from .engine import Change, FieldChange, is_localised
from .phrases import Line, Part, Parts, code, fill, line_html, marked, quoted, words
from .view import DiffView

#: The icon of each kind of change, by category (then by the category's last word).
_ICONS = {
    "emotion.changed": "😶",
    "pain_point.added": "⚠",
    "pain_point.resolved": "✅",
    "added": "➕",
    "removed": "➖",
    "renamed": "✏️",
    "changed": "✏️",
    "moved": "↕",
    "reordered": "↕",
    "dangling": "⚠",
}


def icon(change: Change) -> str:
    last = change.category.rsplit(".", 1)[-1]
    if change.category.startswith("figure."):
        return "📊"
    return _ICONS.get(change.category) or _ICONS.get(last, "✏️")


def where(change: Change, view: DiffView, lang: str) -> Parts:
    """The step and stage a journey change is at, by title: ``«Submit» («Apply»)``."""
    if change.kind != "journey":
        return ()
    stage, step = view.step(change.entity, change.step) if change.step else (None, None)
    if stage is None and change.stage:
        stage = view.stage(change.entity, change.stage)
    if step is not None and stage is not None:
        return fill(
            "diff.where_step",
            lang,
            step=_text(view, step.title, lang),
            stage=_text(view, stage.title, lang),
        )
    if stage is not None:
        return fill("diff.where_stage", lang, stage=_text(view, stage.title, lang))
    return fill("diff.where_journey", lang)


def describe(change: Change, view: DiffView, lang: str) -> Line:
    """One change as a line (with sub-lines for the fields and languages that changed)."""
    category, op = change.category, change.detail
    at = where(change, view, lang)
    if category.startswith("figure."):
        return _figure(change, lang)
    if not change.path or category == "dangling":
        return Line(_whole(change, view, lang), icon(change))
    if category == "emotion.changed" and _is_number(change.before) and _is_number(change.after):
        return Line(_emotion(change, view, lang, at), icon(change))
    if category in ("step.added", "step.removed", "stage.added", "stage.removed"):
        value = change.after if op == "added" else change.before
        key = f"diff.{category}"
        return Line(fill(key, lang, what=_value(view, value, lang), where=at), icon(change))
    if op in ("reordered", "moved"):
        return Line(fill("diff.reordered", lang, what=_list_name(change, lang), where=at), "↕")
    if change.fields:
        subs = tuple(_field_line(view, f, lang) for f in change.fields)
        head = fill("diff.item_changed", lang, what=_item_name(change, lang), where=at)
        return Line(head, icon(change), _flatten(subs))
    if op in ("added", "removed") and change.path.endswith("]"):
        key = "diff.item_resolved" if category == "pain_point.resolved" else f"diff.item_{op}"
        value = change.after if op == "added" else change.before
        what = _item_name(change, lang)
        return Line(
            fill(key, lang, what=what, where=at, value=_value(view, value, lang)), icon(change)
        )
    return _plain_field(change, view, lang, at)


def describe_html(change: Change, view: DiffView, lang: str) -> str:
    """:func:`describe` as a safe HTML fragment (for the preview site)."""
    return line_html(describe(change, view, lang))


def _emotion(change: Change, view: DiffView, lang: str, at: Parts) -> Parts:
    delta = float(change.after) - float(change.before)
    moves = fill(
        "diff.from_to",
        lang,
        before=Part("number", signed(change.before)),
        after=Part("number", signed(change.after)),
    )
    shift = Part("delta", signed(delta))
    if change.persona:
        name = _text(view, view.persona_name(change.persona), lang)
        return fill("diff.emotion_persona", lang, persona=name, where=at, move=moves, delta=shift)
    return fill("diff.emotion", lang, where=at, move=moves, delta=shift)


def _whole(change: Change, view: DiffView, lang: str) -> Parts:
    """An entity added, removed or renamed, or references its removal leaves dangling."""
    kind = (
        fill(f"kind.{change.kind}", lang) if _has(f"kind.{change.kind}") else (words(change.kind),)
    )
    label = view.title(change.kind, change.entity)
    if label is None:  # not on either side any more: the label the change recorded
        label = change.after if change.category.endswith(".added") else change.before
    title = _value(view, label, lang)
    what = (*kind, words(" "), code(change.entity))
    if change.category == "dangling":
        return fill("diff.dangling", lang, what=what, count=Part("number", str(change.after)))
    op = change.category.rsplit(".", 1)[-1]
    if op == "renamed":
        return fill(
            "diff.entity_renamed",
            lang,
            what=kind,
            before=code(change.before),
            after=code(change.after),
        )
    return fill(f"diff.entity_{op}", lang, what=what, title=title)


def _figure(change: Change, lang: str) -> Line:
    op = change.category.rsplit(".", 1)[-1]
    parts = fill(
        f"diff.figure_{op}",
        lang,
        metric=code(change.entity),
        where=code(change.path),
        before=Part("text", str(change.before or "—"), "en"),
        after=Part("text", str(change.after or "—"), "en"),
        detail=Part("number", change.detail) if change.detail else (),
    )
    return Line(parts, "📊")


def _plain_field(change: Change, view: DiffView, lang: str, at: Parts) -> Line:
    """Any other field: ``Title (English) at «Submit»: “old” → “new”`` with marked words."""
    names = [p for p in change.path.replace("]", "").replace("[", ".").split(".") if p]
    field_name = names[-1] if names else change.path
    text_lang = None
    if (
        len(names) >= 2
        and is_localised({field_name: "x"})
        and isinstance(change.before or change.after, str)
    ):
        text_lang, field_name = field_name, names[-2]
    label = _field_label(field_name, text_lang, lang)
    if text_lang and isinstance(change.before, str) and isinstance(change.after, str):
        old, new = marked(change.before, change.after, text_lang)
        move = fill("diff.from_to", lang, before=quoted(old, lang), after=quoted(new, lang))
    else:
        move = fill(
            "diff.from_to",
            lang,
            before=_value(view, change.before, lang),
            after=_value(view, change.after, lang),
        )
    key = "diff.field_changed" if at else "diff.field"
    return Line(fill(key, lang, field=label, where=at, move=move), icon(change))


def _field_line(view: DiffView, f: FieldChange, lang: str) -> tuple[Line, ...]:
    """The lines of one changed field of an item: one per language for a text."""
    if is_localised(f.before) or is_localised(f.after):
        old = f.before if isinstance(f.before, dict) else {}
        new = f.after if isinstance(f.after, dict) else {}
        out = []
        for text_lang in [*old, *(k for k in new if k not in old)]:
            if old.get(text_lang) != new.get(text_lang):
                a, b = marked(str(old.get(text_lang, "")), str(new.get(text_lang, "")), text_lang)
                move = fill("diff.from_to", lang, before=quoted(a, lang), after=quoted(b, lang))
                label = _field_label(f.field or "text", text_lang, lang)
                out.append(Line(fill("diff.field", lang, field=label, move=move)))
        return tuple(out)
    before, after = _value(view, f.before, lang), _value(view, f.after, lang)
    if f.field == "severity" and f.before in _SEVERITIES and f.after in _SEVERITIES:
        before = fill(f"diff.severity.{f.before}", lang)
        after = fill(f"diff.severity.{f.after}", lang)
    move = fill("diff.from_to", lang, before=before, after=after)
    label = _field_label(f.field, None, lang) if f.field else ()
    return (Line(fill("diff.field", lang, field=label, move=move)),)


def _flatten(groups: tuple[tuple[Line, ...], ...]) -> tuple[Line, ...]:
    return tuple(line for group in groups for line in group)


_SEVERITIES = ("low", "medium", "high")


def _field_label(name: str, text_lang: str | None, lang: str) -> Parts:
    """A field's name in words where it has some (else as code), and the language of a
    text: ``text (English)``."""
    label: Parts = fill(f"diff.field.{name}", lang) if _has(f"diff.field.{name}") else (code(name),)
    if text_lang:
        return fill(
            "diff.field_in_language",
            lang,
            field=label,
            language=words(language_name(text_lang, lang)),
        )
    return label


def _item_name(change: Change, lang: str) -> Parts:
    """What a list item is, in words: a pain point, an action, an evidence reference."""
    word = change.category.split(".", 1)[0]
    key = f"diff.item.{word}"
    return fill(key, lang) if _has(key) else (code(word),)


def _list_name(change: Change, lang: str) -> Parts:
    word = change.category.split(".", 1)[0]
    key = f"diff.items.{word}"
    return fill(key, lang) if _has(key) else (code(change.path),)


def _has(key: str) -> bool:
    from ..i18n import has_string

    return has_string(key)


def _text(view: DiffView, value: Any, lang: str) -> Parts:
    """A model text in the comment's language, quoted."""
    text = view.text(value, lang)
    text_lang = lang if isinstance(value, dict) and lang in value else _guess(value, view)
    return quoted((Part("text", text, text_lang),), lang)


def _guess(value: Any, view: DiffView) -> str | None:
    if isinstance(value, dict):
        return next((k for k in view.languages if k in value), None)
    return view.languages[0] if view.languages else None


def _value(view: DiffView, value: Any, lang: str) -> Parts:
    """Any value of the model as parts: a text quoted, an item by its label, a list joined,
    an id or number as code, nothing as a dash."""
    if value is None or value == [] or value == {}:
        return (words("—"),)
    if is_localised(value) or (isinstance(value, str) and " " in value):
        return _text(view, value, lang)
    if isinstance(value, dict):
        for key in ("title", "text", "action", "name", "topic"):
            if key in value:
                return _text(view, value[key], lang)
        for key in ("metric", "id"):
            if key in value:
                return _value(view, value[key], lang)
        return (code(", ".join(f"{k}: {v}" for k, v in value.items())[:120]),)
    if isinstance(value, list):
        out: list[Part] = []
        for index, item in enumerate(value):
            if index:
                out.append(words(list_separator(lang)))
            out += _value(view, item, lang)
        return tuple(out)
    if isinstance(value, bool) or not _is_number(value):
        return (code(value),)
    return (Part("number", f"{value:g}"),)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
