"""CX202."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Persona, Segment, parent_segments
from .registry import Rule, RuleContext, registry


@registry.register
class PersonaLeafSegment(Rule):
    """Every persona sits on at least one segment, and only on leaves of the customer tree.

    **Why**: a persona is an archetype of one precise group of customers; on an inner node
    ("Individuals") it blurs groups whose journeys differ, and volumes cannot be read.
    """

    code = "CX202"
    name = "persona.leaf-segment"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        parents = parent_segments(
            d.entity for d in ctx.index.docs("segment") if isinstance(d.entity, Segment)
        )
        for doc in ctx.index.docs("persona"):
            persona = doc.entity
            assert isinstance(persona, Persona)
            if not persona.segments:
                yield Issue(
                    self.code,
                    f"persona '{persona.id}' is on no segment",
                    doc.span_at(()),
                    "add segments: [<leaf segment id>]",
                )
            for i, seg in enumerate(persona.segments):
                if seg in parents:
                    yield Issue(
                        self.code,
                        f"persona '{persona.id}' is on segment '{seg}', "
                        "which is not a leaf of the customer tree",
                        doc.span_at(("segments", i)),
                        "place the persona on one of its child segments",
                    )
