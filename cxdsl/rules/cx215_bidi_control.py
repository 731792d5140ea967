"""CX215."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity, Span
from .registry import Finding, RuleContext, WorkspaceRule

#: Embedding, override and isolate controls (the "Trojan Source" characters). The marks
#: LRM, RLM and ALM are not reported: Arabic text legitimately uses them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NAMES = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}


class BidiControl(WorkspaceRule):
    """A model file contains a Unicode bidirectional control character (U+202A–U+202E,
    U+2066–U+2069), in a value or a comment.

    **Why**: these invisible characters reorder how text is displayed, so a reviewer can
    read something other than what is stored ("Trojan Source"). cxdsl isolates Arabic and
    Latin text itself when rendering; the file never needs them.

    **Fails** (`⟨U+202E⟩` stands for the invisible RIGHT-TO-LEFT OVERRIDE):

    ```yaml
    kind: segment
    id: students
    parent: people
    name: Students ⟨U+202E⟩2024
    ```

    **Fixed**:

    ```yaml
    kind: segment
    id: students
    parent: people
    name: Students 2024
    ```
    """

    code = "CX215"
    name = "text.bidi-control"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rel, text in sorted(ctx.workspace.sources.items()):
            line_starts: list[int] | None = None
            for match in BIDI_CONTROLS.finditer(text):
                if line_starts is None:
                    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
                offset = match.start()
                line = _bisect(line_starts, offset)
                char = match.group()
                yield Finding(
                    Span(file=rel, line=line, column=offset - line_starts[line - 1] + 1),
                    f"bidirectional control character U+{ord(char):04X} "
                    f"({_NAMES[char]}) in the file",
                    "remove it: it can make a reviewer read something other than what is stored",
                )


def _bisect(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)
