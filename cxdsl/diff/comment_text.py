"""Model text in a pull-request comment: GitHub Markdown that shows it and means nothing.

Every piece of model text in ``cxdsl diff``'s Markdown goes through :func:`escape_text`
(ids and scalars through :func:`code_span`): the comment shows what the files say and
GitHub links, mentions and formats nothing in it.
"""

from __future__ import annotations

import re
import unicodedata

#: Explicit directional formatting (embeddings, overrides, isolates): they reorder what a
#: reviewer sees (an RLO turns "txt.exe" into "exe.txt"), so they are shown, not obeyed.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: GitHub links @mentions, #refs, bare URLs and e-mail addresses in the rendered text, after
#: Markdown, so a backslash does not stop them (github/cmark-gfm#181, github/markup#1168);
#: an empty HTML comment splits the text there and shows nothing.
_SPLIT = "<!-- -->"
_AUTOLINK_STARTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=gh-)(?=\d)", re.IGNORECASE)


def visible_text(text: str) -> str:
    """What a reviewer reads for ``text``: one line, bidi and other controls shown by code."""
    out = []
    for ch in text:
        if ch.isspace():  # one line; Markdown trims other kinds of space at a line's end
            out.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs"):
            out.append(f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)


def escape_text(text: str) -> str:
    """Model text as inline GitHub Markdown that shows exactly ``visible_text(text)``.

    Every ASCII punctuation character is backslash-escaped (no emphasis, link, image,
    heading, HTML, entity, table or code span can start), and an empty comment follows
    ``@`` and ``#`` and breaks ``://``, ``www.`` and ``GH-1`` so that GitHub neither
    mentions, nor references, nor autolinks.
    """
    shown = visible_text(text)
    marks = {m.start() for m in _AUTOLINK_STARTS.finditer(shown)}
    out = []
    for i, ch in enumerate(shown):
        if i in marks:
            out.append(_SPLIT)
        if ch in _ASCII_PUNCTUATION:
            out.append("\\" + ch)
            if ch in "@#":
                out.append(_SPLIT)
        else:
            out.append(ch)
    return "".join(out)


#: Letters and digits of any script, and the punctuation of ids and field paths: nothing in
#: a code span can mean more than itself, and GitHub links nothing inside one.
_PLAIN_CODE = re.compile(r"[^\W_][\w.\-\[\]+ ]*")


def code_span(value: object) -> str:
    """An id, path or scalar in a code span when it is plainly safe, else escaped text."""
    text = str(value)
    if _PLAIN_CODE.fullmatch(text) and not text.endswith(" "):
        return f"`{text}`"
    return escape_text(text)
