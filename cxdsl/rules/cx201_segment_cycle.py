"""CX201."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Segment
from .registry import Finding, RuleContext, WorkspaceRule


class SegmentCycle(WorkspaceRule):
    """The customer tree must be a tree: following `parent` never comes back.

    **Why**: a cycle makes the tree impossible to draw and volumes impossible to roll up;
    it is always a typo in a `parent:`. Reported once per cycle, at its first segment by id.

    **Fails**:

    ```yaml
    kind: segment
    id: students
    parent: graduates
    name: Students
    ---
    kind: segment
    id: graduates
    parent: students
    name: Graduates
    ```

    **Fixed**:

    ```yaml
    kind: segment
    id: students
    parent: people
    name: Students
    ---
    kind: segment
    id: graduates
    parent: students
    name: Graduates
    ```
    """

    code = "CX201"
    name = "segment.cycle"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        segments = {segment.id: segment for segment, _ in ctx.index.entities(Segment)}
        reported: set[str] = set()
        for start in sorted(segments):
            chain: list[str] = []
            current: str | None = start
            while current in segments and current not in chain:
                chain.append(current)
                current = segments[current].parent
            if current is None or current not in chain:
                continue
            cycle = chain[chain.index(current) :]
            if reported.intersection(cycle):
                continue
            reported.update(cycle)
            first = min(cycle)
            loop = " → ".join([*cycle[cycle.index(first) :], *cycle[: cycle.index(first)], first])
            yield Finding(
                segments[first],
                f"segment tree has a cycle: {loop}",
                "a segment's parent must lead up to a root segment",
                at=("parent",),
            )
