"""CX202."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Persona, Segment
from ..segment_trees import customer_trees, dimension_of
from .registry import Finding, RuleContext, WorkspaceRule


class PersonaLeafSegment(WorkspaceRule):
    """Every persona sits on at least one segment, and only on leaves of the customer tree:
    with several segmentation dimensions (`dimension:` on a root segment), on a leaf of
    each dimension's tree it belongs to, and on one segment per declared dimension.

    **Why**: a persona is an archetype of one precise group of customers; on an inner node
    ("Individuals") it blurs groups whose journeys differ, and volumes cannot be read. Two
    segments of one dimension (two countries of origin) are two personas.

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
        segments = [segment for segment, _ in ctx.index.entities(Segment)]
        dimensions = dimension_of(segments)
        leaves = set().union(*(tree.leaves() for tree in customer_trees(segments)))
        for persona, _ in ctx.index.entities(Persona):
            if not persona.segments:
                yield Finding(
                    persona,
                    f"persona '{persona.id}' is on no segment",
                    "add segments: [<leaf segment id>]",
                )
            taken: dict[str, str] = {}
            for i, seg in enumerate(persona.segments):
                if seg not in dimensions:
                    continue  # an unknown segment: CX102
                dimension = dimensions[seg]
                tree = f"the customer tree '{dimension}'" if dimension else "the customer tree"
                if seg not in leaves:
                    yield Finding(
                        persona,
                        f"persona '{persona.id}' is on segment '{seg}', "
                        f"which is not a leaf of {tree}",
                        "place the persona on one of its child segments",
                        at=("segments", i),
                    )
                if dimension is not None and dimension in taken:
                    yield Finding(
                        persona,
                        f"persona '{persona.id}' is on two segments of the dimension "
                        f"'{dimension}': '{taken[dimension]}' and '{seg}'",
                        "a persona sits on one leaf of each dimension; split it into two "
                        "personas, or keep the one segment that fits",
                        at=("segments", i),
                    )
                if dimension is not None:
                    taken.setdefault(dimension, seg)
