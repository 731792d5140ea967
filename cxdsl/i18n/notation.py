"""Notation that follows the reader's language and direction, for generated sentences.

- separators: a list's items («، » in Arabic, ", " otherwise, :func:`list_separator`)
  and a sentence's clauses («؛ », "; ", :func:`clause_separator`), and the question mark
  («؟», "?");
- a change from one value to another: «من +0 إلى +1» in Arabic, "+0 → +1" otherwise
  (:func:`from_to`, the interface string ``diff.from_to``), never an arrow that points
  back at the start on a right-to-left page; where only a glyph fits (a diagram's edge
  label), :func:`arrow` points the way the text reads;
- a count that is zero, where a summary line says it in words: «لا أخطاء», "no errors"
  (:func:`count_or_none`, the phrases of :data:`cxdsl.i18n.nouns.NONE`);
- a signed number: the sign always before the digits in logical order (``+1``, ``-2``,
  ``0``; :func:`signed`); pages and diagrams isolate it (:func:`cxdsl.i18n.isolate`, the
  page writer) so it is drawn «+1», never «1+».

Model text keeps its own punctuation: only what cxdsl writes between texts is chosen here.
"""

from __future__ import annotations

from .languages import base_language, is_rtl
from .names import list_separator
from .nouns import NONE
from .plurals import count_text, format_count
from .strings import ui

__all__ = [
    "arrow",
    "clause_separator",
    "count_or_none",
    "from_to",
    "list_separator",
    "question_mark",
    "signed",
]


def clause_separator(lang: str) -> str:
    """What separates the clauses of a generated sentence («؛ » in Arabic, "; " otherwise)."""
    return "؛ " if is_rtl(lang) else "; "


def question_mark(lang: str) -> str:
    """The question mark of ``lang`` («؟» in Arabic)."""
    return "؟" if is_rtl(lang) else "?"


def arrow(lang: str) -> str:
    """An arrow pointing the way ``lang`` reads, toward what comes next ("←" right to
    left, "→" left to right)."""
    return "←" if is_rtl(lang) else "→"


def from_to(before: str, after: str, lang: str) -> str:
    """A change in words: «من {before} إلى {after}» in Arabic, "{before} → {after}" in
    English (``diff.from_to``, which a workspace may override)."""
    return ui("diff.from_to", lang).format(before=before, after=after)


def signed(value: float) -> str:
    """A number with its sign (``+1``, ``-2``, ``+0.5``, ``0``; thousands grouped), the
    sign first: isolate it on a right-to-left page so it is drawn that way."""
    shown = format_count(abs(value))
    if shown == "0":
        return "0"
    return f"+{shown}" if value > 0 else f"-{shown}"


def count_or_none(n: float, noun: str, lang: str) -> str:
    """``n`` of ``noun`` as :func:`cxdsl.i18n.count_text` writes it, but none in words
    («لا أخطاء», "no errors") where :data:`cxdsl.i18n.nouns.NONE` has the phrase: for
    summary lines, which read wrong as «0 خطأ» or "0 errors"."""
    phrase = NONE.get(base_language(lang), NONE["en"]).get(noun) if n == 0 else None
    return phrase if phrase is not None else count_text(n, noun, lang)
