"""Each change in the designer's words: the step by its title, the persona by name.

``describe(change, view, lang)`` gives one :class:`~.phrases.Line` (with a line per changed
field or language under it), which the pull-request comment writes as Markdown and the
preview site as HTML, so both say the same thing in the same words.
"""

from __future__ import annotations

import re
from typing import Any

from ..i18n import language_name, list_separator
from ..render.text import signed
from .engine import Change
from .figure_words import figure_line
from .items import FieldChange, is_localised
from .phrases import Line, Part, Parts, code, fill, line_html, marked, quoted, words
from .view import DiffView, quoted_text

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
    if change.kind == "instrument":
        return _question_place(change, view, lang)
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


_QUESTION = re.compile(r"^questions\[([^\]]+)\]\.")


def _question_place(change: Change, view: DiffView, lang: str) -> Parts:
    """``question “How satisfied…”`` for a change inside one of an instrument's questions."""
    found = _QUESTION.match(change.path)
    if found is None:
        return ()
    instrument = view.entity("instrument", change.entity)
    questions = getattr(instrument, "questions", [])
    question = next((q for q in questions if q.id == found.group(1)), None)
    shown = _text(view, question.text, lang) if question is not None else (code(found[1]),)
    return fill("diff.where_question", lang, question=shown)


def describe(change: Change, view: DiffView, lang: str) -> Line:
    """One change as a line (with sub-lines for the fields and languages that changed)."""
    category, op = change.category, change.detail
    at = where(change, view, lang)
    if category.startswith("figure."):
        return figure_line(change, view, lang)
    if not change.path or category == "dangling":
        return Line(_whole(change, view, lang), icon(change))
    if category == "emotion.changed" and _is_number(change.before) and _is_number(change.after):
        return Line(_emotion(change, view, lang, at), icon(change))
    if category in ("step.added", "step.removed", "stage.added", "stage.removed"):
        value = change.after if op == "added" else change.before
        stage = view.stage(change.entity, change.stage)
        here = _text(view, stage.title, lang) if stage is not None else at
        key = f"diff.{category}"
        return Line(fill(key, lang, what=_value(view, value, lang), where=here), icon(change))
    if op in ("reordered", "moved"):
        return Line(fill("diff.reordered", lang, what=_list_name(change, lang), where=at), "↕")
    if change.fields or (op in ("added", "removed") and change.path.endswith("]")):
        return _item(change, view, lang, at)
    return _plain_field(change, view, lang, at)


def _item(change: Change, view: DiffView, lang: str, at: Parts) -> Line:
    """An item of a list (a pain point, an action, a measurement, a question) added,
    removed, or changed field by field."""
    op, what = change.detail, _item_name(change, lang)
    value = change.after if op == "added" else change.before
    if change.category.startswith("measurement."):  # named by its metric and its place
        shown = _measurement(change.entity, change.after or change.before, view, lang)
    else:
        shown = _value(view, value, lang)
    if change.fields:
        key = "diff.item_changed" if at else "diff.item_changed_here"
        if change.category.startswith(("measurement.", "question.")):
            what = (*what, words(" "), *shown)
        subs = tuple(_field_line(view, f, lang) for f in change.fields)
        return Line(fill(key, lang, what=what, where=at), icon(change), _flatten(subs))
    key = f"diff.item_{op}" if at else f"diff.item_{op}_here"
    if change.category == "pain_point.resolved":
        key = "diff.item_resolved"
    return Line(fill(key, lang, what=what, where=at, value=shown), icon(change))


def _measurement(journey: str, entry: Any, view: DiffView, lang: str) -> Parts:
    """A measurement entry in words: its metric's name, and the step or stage it is at."""
    if not isinstance(entry, dict):
        return _value(view, entry, lang)
    metric = entry.get("metric")
    name = view.title("metric", str(metric)) if metric else None
    shown = _text(view, name, lang) if name is not None else (code(metric or "—"),)
    found = entry.get("trigger")
    trigger: dict[str, Any] = found if isinstance(found, dict) else {}
    _, step = view.step(journey, trigger.get("step")) if trigger.get("step") else (None, None)
    stage = view.stage(journey, trigger.get("stage")) if trigger.get("stage") else None
    place = step or stage
    if place is None:
        return shown
    return fill(
        "diff.item.measurement_at", lang, metric=shown, where=_text(view, place.title, lang)
    )


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
        kind = REFERENCES.get(field_name)
        move = fill(
            "diff.from_to",
            lang,
            before=_named(view, change.before, kind, lang),
            after=_named(view, change.after, kind, lang),
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
    kind = REFERENCES.get(f.field)
    before, after = _named(view, f.before, kind, lang), _named(view, f.after, kind, lang)
    if f.field == "severity" and f.before in _SEVERITIES and f.after in _SEVERITIES:
        before = fill(f"diff.severity.{f.before}", lang)
        after = fill(f"diff.severity.{f.after}", lang)
    move = fill("diff.from_to", lang, before=before, after=after)
    label = _field_label(f.field, None, lang) if f.field else ()
    return (Line(fill("diff.field", lang, field=label, move=move)),)


def _flatten(groups: tuple[tuple[Line, ...], ...]) -> tuple[Line, ...]:
    return tuple(line for group in groups for line in group)


_SEVERITIES = ("low", "medium", "high")

#: Fields that hold the id of another entity, by the kind of entity: shown by its name.
REFERENCES = {
    "persona": "persona",
    "personas": "persona",
    "segments": "segment",
    "channel": "channel",
    "preferred_channels": "channel",
    "owner": "actor",
    "actor": "actor",
    "system": "system",
    "instrument": "instrument",
    "metric": "metric",
    "based_on": "journey",
    "evidence": "evidence",
    "design": "sample_design",
}


def _named(view: DiffView, value: Any, kind: str | None, lang: str) -> Parts:
    """A value, with the ids of a reference field shown by the entities' names."""
    if kind is None:
        return _value(view, value, lang)
    if isinstance(value, list):
        out: list[Part] = []
        for index, item in enumerate(value):
            if index:
                out.append(words(list_separator(lang)))
            out += _named(view, item, kind, lang)
        return tuple(out) or (words("—"),)
    title = view.title(kind, value) if isinstance(value, str) else None
    return _text(view, title, lang) if title is not None else _value(view, value, lang)


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
    return quoted_text(view, value, lang)


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
