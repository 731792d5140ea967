"""Find where a value of the model was written, only when a diagnostic needs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


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
