"""Segmentation dimensions: one customer tree per dimension. One answer for CX202, the
customer-tree diagrams and the customer-tree page.

A root segment may declare the ``dimension`` its tree cuts customers by (``origin``,
``need``; named in ``cxdsl.yaml``'s ``dimensions``); every segment below it belongs to that
dimension. Segments under a root without one form the tree of no dimension: in a workspace
that declares none, that is the one customer tree. A persona sits on a leaf of each
dimension it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Segment, parent_segments


@dataclass(frozen=True)
class CustomerTree:
    """The segments of one dimension (None: of no dimension), in the order declared."""

    dimension: str | None
    segments: tuple[Segment, ...]

    def ids(self) -> set[str]:
        return {segment.id for segment in self.segments}

    def leaves(self) -> set[str]:
        """Ids of the segments no segment of the tree hangs under."""
        return self.ids() - parent_segments(self.segments)


def root_of(segment: Segment, by_id: dict[str, Segment]) -> Segment:
    """The root above ``segment`` (``segment`` itself for a root, or the last segment
    before a cycle or an unknown parent: CX201 and CX102 report those)."""
    seen = {segment.id}
    current = segment
    while current.parent in by_id and current.parent not in seen:
        current = by_id[current.parent]
        seen.add(current.id)
    return current


def dimension_of(segments: Iterable[Segment]) -> dict[str, str | None]:
    """Each segment's dimension: the one its root declares (None: no dimension)."""
    by_id = {segment.id: segment for segment in segments}
    return {ident: root_of(segment, by_id).dimension for ident, segment in by_id.items()}


def customer_trees(segments: Iterable[Segment], declared: Iterable[str] = ()) -> list[CustomerTree]:
    """One tree per dimension: the segments of no dimension first (when there are any),
    then the ``declared`` dimensions in their order, then any other a root names."""
    segments = list(segments)
    dimensions = dimension_of(segments)
    used = list(dict.fromkeys(dimensions[s.id] for s in segments))
    first: list[str | None] = [None] if None in used else []
    order = dict.fromkeys([*first, *(d for d in declared if d in used), *used])
    return [CustomerTree(d, tuple(s for s in segments if dimensions[s.id] == d)) for d in order]
