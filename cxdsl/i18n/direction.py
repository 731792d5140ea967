"""Text direction: isolate mixed-direction runs so they read in the right order.

Arabic labels are stored in logical order and shaped by the viewer (browser or pango).
What cxdsl adds is *direction*: each Arabic line is wrapped in RLI…PDI so it reads right
to left whatever the base direction of the SVG text, and inside it every Latin word and
every number with its sign or unit (``+2``, ``-1``, ``38%``) is wrapped in LRI…PDI so it
is not reordered ("2+" instead of "+2"). These controls are generated here, never taken
from a model file: the loader refuses them there (CX215).
"""

from __future__ import annotations

import re

from .languages import is_rtl

RLI, LRI, PDI = "\u2067", "\u2066", "\u2069"

#: A left-to-right run inside right-to-left text: Latin words and numbers, with the
#: spaces, signs and punctuation between them; a range ``4.5–4.7`` is one run, so it reads
#: low to high like ``(1-7)`` beside it.
LTR_RUN = re.compile(
    r"[+\-−]?[0-9A-Za-z\u00c0-\u024f][0-9A-Za-z\u00c0-\u024f.,:/%_\-+'’ –]*"
    r"[0-9A-Za-z\u00c0-\u024f%]|[+\-−]?[0-9A-Za-z]"
)


def isolate(text: str, lang: str) -> str:
    """Wrap ``text`` for display in a ``lang`` diagram (see the module docstring)."""
    if not is_rtl(lang) or not text:
        return text
    inner = LTR_RUN.sub(lambda m: f"{LRI}{m.group()}{PDI}", text)
    return f"{RLI}{inner}{PDI}"


def strip_isolates(text: str) -> str:
    """``text`` without the isolates :func:`isolate` added."""
    return text.replace(RLI, "").replace(LRI, "").replace(PDI, "")
