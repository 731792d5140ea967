"""CX201."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Segment
from .registry import Rule, RuleContext, registry


@registry.register
class SegmentCycle(Rule):
    """The customer tree must be a tree: following `parent` never comes back.

    **Why**: a cycle makes the tree impossible to draw and volumes impossible to roll up;
    it is always a typo in a `parent:`. Reported once per cycle, at its first segment by id.
    """

    code = "CX201"
    name = "segment.cycle"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        segments = {d.id: d for d in ctx.index.docs("segment")}
        reported: set[str] = set()
        for start in sorted(segments):
            chain: list[str] = []
            current: str | None = start
            while current in segments and current not in chain:
                chain.append(current)
                entity = segments[current].entity
                assert isinstance(entity, Segment)
                current = entity.parent
            if current is None or current not in chain:
                continue
            cycle = chain[chain.index(current) :]
            if reported.intersection(cycle):
                continue
            reported.update(cycle)
            first = min(cycle)
            loop = " → ".join([*cycle[cycle.index(first) :], *cycle[: cycle.index(first)], first])
            yield Issue(
                self.code,
                f"segment tree has a cycle: {loop}",
                segments[first].span_at(("parent",)),
                "a segment's parent must lead up to a root segment",
            )
