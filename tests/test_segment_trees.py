"""Segmentation dimensions: a tree per dimension, children inheriting their root's."""

from __future__ import annotations

from cxdsl.model import Segment
from cxdsl.segment_trees import customer_trees, dimension_of


def seg(ident: str, parent: str | None = None, dimension: str | None = None) -> Segment:
    return Segment(id=ident, name=ident, parent=parent, dimension=dimension)


SEGMENTS = [
    seg("by-need", dimension="need"),
    seg("elderly", "by-need"),
    seg("reduced-mobility", "elderly"),
    seg("people"),
    seg("citizens", "people"),
    seg("by-origin", dimension="origin"),
    seg("indonesia", "by-origin"),
]


def test_children_inherit_the_dimension_of_their_root() -> None:
    assert dimension_of(SEGMENTS) == {
        "by-need": "need",
        "elderly": "need",
        "reduced-mobility": "need",
        "people": None,
        "citizens": None,
        "by-origin": "origin",
        "indonesia": "origin",
    }


def test_one_tree_per_dimension_in_the_declared_order_after_the_tree_of_none() -> None:
    trees = customer_trees(SEGMENTS, ["origin", "need", "unused"])
    assert [t.dimension for t in trees] == [None, "origin", "need"]
    assert [[s.id for s in t.segments] for t in trees] == [
        ["people", "citizens"],
        ["by-origin", "indonesia"],
        ["by-need", "elderly", "reduced-mobility"],
    ]
    assert trees[2].leaves() == {"reduced-mobility"}
    # a dimension cxdsl.yaml does not name still gets its tree, after the declared ones
    assert [t.dimension for t in customer_trees(SEGMENTS, ["need"])] == [None, "need", "origin"]


def test_a_cycle_or_an_unknown_parent_does_not_hang() -> None:
    looped = [seg("a", "b", "x"), seg("b", "a"), seg("c", "missing", "y")]
    assert dimension_of(looped) == {"a": None, "b": "x", "c": "y"}
