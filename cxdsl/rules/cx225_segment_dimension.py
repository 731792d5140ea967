"""CX225."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Segment
from ..segment_trees import root_of
from ..suggest import did_you_mean
from .registry import Finding, RuleContext, WorkspaceRule


class SegmentDimension(WorkspaceRule):
    """A segmentation `dimension:` is declared on a root segment only, and names one of
    the `dimensions` of `cxdsl.yaml` when that mapping names any.

    **Why**: a customer tree cuts customers by one dimension (origin, need), declared on
    its root; every segment below the root belongs to it. A `dimension:` on a segment
    that has a parent is ignored: when it repeats the root's, it is noise; when it
    differs, the author meant another tree, and the segment is drawn in the wrong one. A
    dimension `cxdsl.yaml` does not name (a misspelling) opens a tree of its own with no
    title, and CX202 then asks every persona for a leaf of it.

    **Fails** (`need` on a child of the `origin` tree):

    ```yaml
    kind: segment
    id: pilgrims
    name: Pilgrims
    dimension: origin
    ---
    kind: segment
    id: elderly
    parent: pilgrims
    name: Elderly pilgrims
    dimension: need
    ```

    **Fixed** (a root of its own for the `need` tree):

    ```yaml
    kind: segment
    id: pilgrims
    name: Pilgrims
    dimension: origin
    ---
    kind: segment
    id: elderly
    name: Elderly pilgrims
    dimension: need
    ```
    """

    code = "CX225"
    name = "segment.dimension"
    default_severity = Severity.WARNING

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        segments = [segment for segment, _ in ctx.index.entities(Segment)]
        by_id = {segment.id: segment for segment in segments}
        declared = list(ctx.settings.dimensions)
        for segment in segments:
            if segment.dimension is None:
                continue
            if segment.parent is None:
                yield from _undeclared(segment, segment.dimension, declared)
                continue
            root = root_of(segment, by_id)
            if root is segment or root.parent is not None:
                continue  # an unknown parent (CX102) or a cycle (CX201)
            yield _on_a_child(segment, segment.dimension, root)


def _on_a_child(segment: Segment, dimension: str, root: Segment) -> Finding:
    """A child's `dimension:`: a repeat of its root's, or a different one (ignored)."""
    if dimension == root.dimension:
        return Finding(
            segment,
            f"segment '{segment.id}' repeats the dimension '{dimension}' of its root "
            f"'{root.id}': only a root's dimension counts, its children inherit it",
            "remove dimension: here",
            at=("dimension",),
        )
    tree = (
        f"the tree of dimension '{root.dimension}'"
        if root.dimension
        else "the tree of no dimension"
    )
    return Finding(
        segment,
        f"segment '{segment.id}' declares the dimension '{dimension}', but it hangs under "
        f"'{root.id}' in {tree}: only a root's dimension counts, so '{dimension}' is "
        "ignored",
        f"to cut customers by '{dimension}', make '{segment.id}', or a segment above it, "
        "a root of its own, without parent:; otherwise remove dimension: here",
        at=("dimension",),
    )


def _undeclared(segment: Segment, dimension: str, declared: list[str]) -> Iterator[Finding]:
    """A root's dimension that ``cxdsl.yaml``'s non-empty ``dimensions`` does not name."""
    if not declared or dimension in declared:
        return
    named = ", ".join(f"'{d}'" for d in declared)
    yield Finding(
        segment,
        f"the dimension '{dimension}' of segment '{segment.id}' is not one of the "
        f"dimensions cxdsl.yaml names ({named})",
        did_you_mean(dimension, declared)
        or f"add '{dimension}' to dimensions: in cxdsl.yaml with its name in each language",
        at=("dimension",),
    )
