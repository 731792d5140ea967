"""Everything that depends on the reader's language, in one package.

- :mod:`.strings` with :mod:`.en` and :mod:`.ar`: the interface strings, one table per
  language, and :func:`ui` to look one up;
- :mod:`.text`: :func:`localize`, the one way to pick a model text's language, and
  :func:`clean`;
- :mod:`.direction`: bidi isolation of mixed-direction text;
- :mod:`.languages`: base language, right-to-left, and each language's own name.

Escaping lives with the output it protects (Markdown in ``site/markdown.py``, SVG and
DOT in ``render/context.py``, pull-request Markdown in ``emit/diff_markdown.py``).
"""

from __future__ import annotations

from .direction import LRI, LTR_RUN, PDI, RLI, isolate, strip_isolates
from .languages import LANGUAGE_NAMES, RTL_LANGUAGES, base_language, is_rtl
from .strings import TABLES, UnknownString, has_string, ui
from .text import Localized, clean, localize

__all__ = [
    "LANGUAGE_NAMES",
    "LRI",
    "LTR_RUN",
    "PDI",
    "RLI",
    "RTL_LANGUAGES",
    "TABLES",
    "Localized",
    "UnknownString",
    "base_language",
    "clean",
    "has_string",
    "is_rtl",
    "isolate",
    "localize",
    "strip_isolates",
    "ui",
]
