"""Documents: one entity each, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import Node

from ..diagnostics import Span
from ..model import Entity
from .locate import node_at
from .yamlsafe import mark_span, parse_documents


@dataclass(eq=False)
class Document:
    """An entity and its source: a YAML document of a file, or lines in a Python file.

    The YAML node tree is not kept: holding millions of nodes alive costs more than the
    whole check. It is parsed again, once per file, only when a diagnostic needs a place.
    """

    file: str
    entity: Entity
    #: The YAML text of the whole file and this document's index in it (None for Python).
    text: str | None = None
    index: int = 0
    #: For Python model files: the line and column of each ``id=...`` keyword.
    id_lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    line: int = 1
    _root: Node | None = field(default=None, repr=False)

    @property
    def root(self) -> Node | None:
        if self._root is None and self.text is not None:
            raws, _ = parse_documents(self.text, self.file)
            self._root = raws[self.index].root if self.index < len(raws) else None
        return self._root

    @property
    def kind(self) -> str:
        return str(self.entity.kind)

    @property
    def id(self) -> str:
        return self.entity.id

    def span_at(self, path: tuple[Any, ...]) -> Span:
        """Where the value at ``path`` was written; its parent if it was left out."""
        if self.root is None:
            return self._python_span(path)
        node, _ = node_at(self.root, path) if path else (self.root, None)
        return mark_span(self.file, node)

    def _python_span(self, path: tuple[Any, ...]) -> Span:
        # The nearest object on the path that has an id written as id="..." in the file.
        best = self.id_lines.get(self.entity.id)
        value: Any = self.entity
        for part in path:
            try:
                value = value[part] if isinstance(part, int) else getattr(value, str(part))
            except (AttributeError, IndexError, KeyError, TypeError):
                break
            ident = getattr(value, "id", None)
            if isinstance(ident, str) and ident in self.id_lines:
                best = self.id_lines[ident]
        line, column = best or (self.line, 1)
        return Span(file=self.file, line=line, column=column)
