"""CX202."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Persona, Segment, parent_segments
from .registry import Finding, RuleContext, WorkspaceRule


class PersonaLeafSegment(WorkspaceRule):
    """Every persona sits on at least one segment, and only on leaves of the customer tree.

    **Why**: a persona is an archetype of one precise group of customers; on an inner node
    ("Individuals") it blurs groups whose journeys differ, and volumes cannot be read.

    **Fails** (`people` has child segments):

    ```yaml
    kind: persona
    id: omar
    name: Omar
    segments: [people]
    ```

    **Fixed**:

    ```yaml
    kind: persona
    id: omar
    name: Omar
    segments: [citizens]
    ```
    """

    code = "CX202"
    name = "persona.leaf-segment"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        parents = parent_segments(segment for segment, _ in ctx.index.entities(Segment))
        for persona, _ in ctx.index.entities(Persona):
            if not persona.segments:
                yield Finding(
                    persona,
                    f"persona '{persona.id}' is on no segment",
                    "add segments: [<leaf segment id>]",
                )
            for i, seg in enumerate(persona.segments):
                if seg in parents:
                    yield Finding(
                        persona,
                        f"persona '{persona.id}' is on segment '{seg}', "
                        "which is not a leaf of the customer tree",
                        "place the persona on one of its child segments",
                        at=("segments", i),
                    )
