"""Sentences about changes as typed parts, written out as Markdown or as HTML.

A sentence is built from an interface template (``ui(key, lang)``, so the comment and the
site say the same words, and a workspace's ``ui:`` overrides apply) whose ``{slots}`` are
filled with parts: model text, ids, numbers, and words marked deleted or inserted. Each
writer escapes every part for its own output, so no model text becomes markup, a link or
a mention in either.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import Literal

from ..i18n import clean, is_rtl, ui
from .comment_text import code_span, escape_text

PartKind = Literal["ui", "text", "code", "number", "delta", "strong", "del", "ins"]

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


@dataclass(frozen=True)
class Part:
    """A piece of a sentence: interface words, model text (in ``lang``), an id, a number."""

    kind: PartKind
    value: str
    lang: str | None = None


Parts = tuple[Part, ...]


@dataclass(frozen=True)
class Line:
    """One sentence, with the lines under it (a changed item's fields, one per language)."""

    parts: Parts
    icon: str = ""
    subs: tuple[Line, ...] = field(default=())


def words(text: str) -> Part:
    return Part("ui", text)


def quoted(parts: Parts, lang: str) -> Parts:
    """Model text between the quotation marks of ``lang`` («…» in Arabic, “…” otherwise)."""
    left, right = ("«", "»") if is_rtl(lang) else ("“", "”")
    return (words(left), *parts, words(right))


def code(value: object) -> Part:
    return Part("code", str(value))


_SLOT = re.compile(r"\{([a-z_]+)\}")


def fill(key: str, lang: str, **slots: Parts | Part | str) -> Parts:
    """The template ``key`` in ``lang`` with its ``{slots}`` replaced by parts (a missing
    slot is left out, so a template may name more than a sentence gives)."""
    template = ui(key, lang)
    out: list[Part] = []
    position = 0
    for match in _SLOT.finditer(template):
        if match.start() > position:
            out.append(words(template[position : match.start()]))
        value = slots.get(match.group(1), ())
        if isinstance(value, str):
            out.append(words(value))
        elif isinstance(value, Part):
            out.append(value)
        else:
            out += value
        position = match.end()
    if position < len(template):
        out.append(words(template[position:]))
    return tuple(out)


def marked(before: str, after: str, lang: str | None) -> tuple[Parts, Parts]:
    """Two versions of a text with the words that differ marked (deleted, inserted)."""
    old, new = re.findall(r"\S+|\s+", before), re.findall(r"\S+|\s+", after)
    left: list[Part] = []
    right: list[Part] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        a, b = "".join(old[i1:i2]), "".join(new[j1:j2])
        if op == "equal":
            left.append(Part("text", a, lang))
            right.append(Part("text", b, lang))
            continue
        if a:
            left.append(Part("del", a, lang))
        if b:
            right.append(Part("ins", b, lang))
    return tuple(left), tuple(right)


# --- Markdown (a pull-request comment) --------------------------------------------------


#: Interface words need only the characters that could start Markdown or HTML escaped
#: (a workspace's ``ui:`` override is refused if it holds markup, CX013); model text
#: always goes through :func:`escape_text`.
_UI_MARKUP = re.compile(r"([\\`*_\[\]<>&#@|~!])")


#: A number as cxdsl writes one (never model text): shown as it is.
_NUMBER = re.compile(r"[+\-−]?[0-9][0-9.,]*")


def ui_markdown(text: str) -> str:
    """Interface words as Markdown: only what could start markup is escaped."""
    return _UI_MARKUP.sub(r"\\\1", text)


def to_markdown(parts: Parts, lang: str) -> str:
    """Parts as GitHub Markdown; model text escaped, and a run of text in a left-to-right
    language isolated inside a right-to-left comment (one isolate per run)."""
    rtl = is_rtl(lang)
    out: list[str] = []
    run: list[str] = []  # the current left-to-right run of model text
    for part in _merged(parts):
        foreign = rtl and part.kind in ("text", "del", "ins") and bool(part.lang)
        foreign = foreign and not is_rtl(part.lang or "")
        if run and not foreign:
            out.append(f"{FSI}{''.join(run)}{PDI}")
            run = []
        shown = _markdown_part(part, rtl)
        (run if foreign else out).append(shown)
    if run:
        out.append(f"{FSI}{''.join(run)}{PDI}")
    return "".join(out)


def _markdown_part(part: Part, rtl: bool) -> str:
    text = part.value
    if part.kind == "ui":
        return ui_markdown(text)
    if part.kind == "code":
        return code_span(text)
    if part.kind == "strong":  # bold interface words (a count), in the sentence's direction
        return f"**{ui_markdown(text)}**"
    if part.kind in ("number", "delta"):  # a signed number: isolated left to right
        plain = text if _NUMBER.fullmatch(text) else escape_text(text)
        shown = f"**{plain}**" if part.kind == "delta" else plain
        return f"{LRI}{shown}{PDI}" if rtl else shown
    core = escape_text(text.strip())
    if not core:
        return " " if text else ""
    if part.kind == "del":
        core = f"~~{core}~~"
    elif part.kind == "ins":
        core = f"**{core}**"
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return f"{lead}{core}{tail}"


def _merged(parts: Parts) -> Parts:
    """Adjacent parts of one kind and language as one (fewer marks in the output)."""
    out: list[Part] = []
    for part in parts:
        if out and out[-1].kind == part.kind and out[-1].lang == part.lang and part.kind != "code":
            out[-1] = Part(part.kind, out[-1].value + part.value, part.lang)
        else:
            out.append(part)
    return tuple(out)


# --- HTML (the preview site) -------------------------------------------------------------


def to_html(parts: Parts) -> str:
    """Parts as an HTML fragment: every value escaped, model text in ``<bdi>`` with its
    language, marked words in ``<del>``/``<ins>``."""
    out = []
    for part in _merged(parts):
        text = html.escape(part.value)
        if part.kind == "ui":
            out.append(text)
        elif part.kind == "code":
            out.append(f'<code dir="ltr">{text}</code>')
        elif part.kind == "number":
            out.append(f'<bdi dir="ltr">{text}</bdi>')
        elif part.kind == "delta":
            out.append(f'<strong><bdi dir="ltr">{text}</bdi></strong>')
        elif part.kind == "strong":
            out.append(f"<strong>{text}</strong>")
        else:  # model text: no bidi control reorders what the reader sees
            text = html.escape(clean(part.value))
            tag = {"del": "del", "ins": "ins"}.get(part.kind)
            lang = f' lang="{html.escape(part.lang)}"' if part.lang else ""
            inner = f"<{tag}>{text}</{tag}>" if tag else text
            out.append(f"<bdi{lang}>{inner}</bdi>")
    return "".join(out)


def line_html(line: Line) -> str:
    """A line and its sub-lines as HTML (sub-lines as a nested list)."""
    head = (f"{html.escape(line.icon)} " if line.icon else "") + to_html(line.parts)
    if not line.subs:
        return head
    items = "".join(f"<li>{line_html(sub)}</li>" for sub in line.subs)
    return f"{head}<ul>{items}</ul>"


def line_markdown(line: Line, lang: str, indent: str = "") -> list[str]:
    """A line and its sub-lines as Markdown list items."""
    head = (f"{line.icon} " if line.icon else "") + to_markdown(line.parts, lang)
    out = [f"{indent}- {head}"]
    for sub in line.subs:
        out += line_markdown(sub, lang, indent + "  ")
    return out
