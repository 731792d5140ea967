"""``cxdsl diff --format markdown`` and what Mermaid blocks in the comment are made of.

The comment itself is :mod:`.diff_comment`; model text in it goes through
:func:`escape_text` (:mod:`cxdsl.diff.comment_text`), and inside a Mermaid block through
:func:`mermaid_text`.
"""

from __future__ import annotations

import re
import unicodedata

from ..diff.comment_text import _BIDI_CONTROLS, code_span, escape_text, visible_text
from .base import DiffOutput

__all__ = ["code_span", "emit", "escape_text", "mermaid_text", "visible_text"]


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


def emit(out: DiffOutput) -> str:
    """The Markdown format of ``cxdsl diff``: the comment (:mod:`.diff_comment`)."""
    from .diff_comment import emit as comment

    return comment(out)
