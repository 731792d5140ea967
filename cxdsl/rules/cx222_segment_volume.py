"""CX222."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Segment
from .registry import Finding, RuleContext, WorkspaceRule


class SegmentVolume(WorkspaceRule):
    """The `estimated_volume`s of a segment's children add up to no more than its own.

    **Why**: the children of a segment split its customers; when their volumes exceed the
    parent's, one of the figures is wrong, counts another year or another unit, or the
    children overlap (then they belong to another segmentation dimension). Children that
    state no volume are not counted, so a partial split is fine.

    **Fails** (60,000 working and 50,000 retired adults among 100,000 adults):

    ```yaml
    kind: segment
    id: adults
    name: Adults
    estimated_volume: 100000
    ---
    kind: segment
    id: working
    parent: adults
    name: Working adults
    estimated_volume: 60000
    ---
    kind: segment
    id: retired
    parent: adults
    name: Retired adults
    estimated_volume: 50000
    ```

    **Fixed**:

    ```yaml
    kind: segment
    id: adults
    name: Adults
    estimated_volume: 110000
    ---
    kind: segment
    id: working
    parent: adults
    name: Working adults
    estimated_volume: 60000
    ---
    kind: segment
    id: retired
    parent: adults
    name: Retired adults
    estimated_volume: 50000
    ```
    """

    code = "CX222"
    name = "segment.volume"
    default_severity = Severity.WARNING

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        segments = [segment for segment, _ in ctx.index.entities(Segment)]
        for parent in segments:
            if parent.estimated_volume is None:
                continue
            children = [
                s for s in segments if s.parent == parent.id and s.estimated_volume is not None
            ]
            total = sum(s.estimated_volume or 0 for s in children)
            if total <= parent.estimated_volume:
                continue
            parts = ", ".join(f"'{s.id}' {s.estimated_volume:,}" for s in children)
            yield Finding(
                parent,
                f"the children of segment '{parent.id}' add up to {total:,} ({parts}), "
                f"more than its estimated_volume {parent.estimated_volume:,}",
                "check each figure's source and year; children that overlap belong to "
                "another segmentation dimension, under a root segment with a dimension: of "
                "its own",
                at=("estimated_volume",),
            )
