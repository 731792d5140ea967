"""The comma trap: in ``{ar: ..., en: Indonesia, India}`` a comma ends the text.

Inside a YAML flow mapping a comma separates entries, so ``en: Indonesia, India`` is the
entry ``en: Indonesia`` and a key ``India`` with no value. Writing text with a comma in
``{...}`` is the commonest mistake in bilingual model files; this module finds where it
happened (which language's text was split, into which fragments) and writes the repair:
the whole text, quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode

from ..diagnostics import Edit, Fix, Span, source_lines
from ..model.base import LANG_PATTERN
from .yamlsafe import NULL, mark_span

_LANGUAGE = re.compile(LANG_PATTERN)
#: How much of the text a hint quotes.
_SHOWN = 60


@dataclass
class CommaSplit:
    """One text a comma split: its language's entry and the entries the rest became."""

    language: str
    key: ScalarNode
    value: ScalarNode
    fragments: list[tuple[ScalarNode, Node]] = field(default_factory=list)

    @property
    def first_fragment(self) -> ScalarNode:
        return self.fragments[0][0]

    @property
    def end(self) -> Node:
        """The last node of the text as written (a fragment's key, or its value)."""
        key, value = self.fragments[-1]
        return key if _implicit_null(value) else value


def _plain(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style  # libyaml: '' for plain


def _implicit_null(node: Node) -> bool:
    """A key written with no ``:`` (or nothing after it): what a comma leaves behind."""
    return isinstance(node, ScalarNode) and node.tag == NULL and node.value == ""


def _is_fragment(key: Node, value: Node) -> bool:
    return _plain(key) and (_implicit_null(value) or not _LANGUAGE.match(str(key.value)))


def comma_splits(node: Node) -> list[CommaSplit]:
    """Every text of the flow mapping ``node`` that a comma split, in order."""
    if not isinstance(node, MappingNode) or not node.flow_style:
        return []
    splits: list[CommaSplit] = []
    current: CommaSplit | None = None
    for key, value in node.value:
        if current is not None and _is_fragment(key, value):
            current.fragments.append((key, value))
            continue
        if current is not None and current.fragments:
            splits.append(current)
        current = None
        if (
            isinstance(key, ScalarNode)
            and _LANGUAGE.match(str(key.value))
            and isinstance(value, ScalarNode)
            and value.value != ""
        ):
            current = CommaSplit(str(key.value), key, value)
    if current is not None and current.fragments:
        splits.append(current)
    return splits


def written_text(split: CommaSplit, file: str, source: str) -> str | None:
    """The text as the author meant it (from the value through the last fragment), when
    it lies on one line; None when it does not, or the file's text is not at hand."""
    start, end = split.value.start_mark, split.end.end_mark
    if not source or start.line != end.line:
        return None
    lines = source_lines(source, file)
    if start.line >= len(lines):
        return None
    return lines[start.line][start.column : end.column]


def quoted(text: str) -> str:
    """``text`` as a YAML quoted scalar that reads back as exactly ``text`` (one line):
    double quotes unless it holds ``"`` or ``\\``, else single quotes (``'`` doubled)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def split_hint(split: CommaSplit, text: str | None) -> str:
    """How to repair it, naming the language whose text the comma split."""
    shown = text if text is not None else f"{split.value.value}, ..."
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1] + "…"
    return (
        f"a comma inside {{{split.language}: ...}} ends the text and starts a new key; "
        f"put the whole text in quotes: {split.language}: {quoted(shown)}"
    )


def split_fix(split: CommaSplit, file: str, source: str) -> Fix | None:
    """Quote the whole text, when it was written plain on one line."""
    text = written_text(split, file, source)
    if text is None or not _plain(split.value):
        return None
    start, end = split.value.start_mark, split.end.end_mark
    edit = Edit(
        file=file,
        line=start.line + 1,
        column=start.column + 1,
        end_line=end.line + 1,
        end_column=end.column + 1,
        replacement=quoted(text),
    )
    return Fix(description=f"quote the {split.language} text", edits=(edit,))


def split_span(split: CommaSplit, file: str) -> Span:
    """From the start of the text to the end of its last fragment."""
    start, end = mark_span(file, split.value), mark_span(file, split.end)
    return start.model_copy(update={"end_line": end.end_line, "end_column": end.end_column})
