"""Find where a value of the model was written, only when a diagnostic needs it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]


def node_at(root: Node, path: Sequence[Any]) -> tuple[Node, Node | None]:
    """The node at ``path`` (and the key node naming it), skipping parts it cannot follow.

    Pydantic error locations contain union member names (``str``, ``dict[...]``) that
    are not in the document; those are skipped, so the deepest real node is returned.
    """
    node: Node = root
    key_node: Node | None = None
    for part in path:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and (k.value == part or k.value == str(part)):
                    node, key_node = v, k
                    break
        elif (
            isinstance(node, SequenceNode)
            and isinstance(part, int)
            and (0 <= part < len(node.value))
        ):
            node, key_node = node.value[part], None
    return node, key_node


def path_of(root: Any, target: object) -> Path | None:
    """The path of ``target`` (by identity) inside a model object, or None."""
    for path, value in walk(root, ()):
        if value is target:
            return path
    return None


def walk(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """Every (path, value) pair of a model, depth first, the value itself first."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if child is not None:
                yield from walk(child, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
