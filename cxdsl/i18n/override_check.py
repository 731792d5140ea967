"""Located diagnostics for the interface strings a workspace overrides (``ui:``).

The loader calls :func:`check_ui_overrides` with the node tree of ``cxdsl.yaml`` so each
refused override is reported at its own key or text (CX013, like every settings mistake).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yaml.nodes import MappingNode, Node, ScalarNode

from .. import codes
from ..diagnostics import Issue, Span
from .overrides import HasUi, UiValue, override_problems, ui_mapping

SETTINGS_FILE = "cxdsl.yaml"


def _span(file: str, node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(
        file=file,
        line=start.line + 1,
        column=start.column + 1,
        end_line=end.line + 1,
        end_column=end.column + 1,
    )


def _locate(root: Node | None, path: Sequence[str], at_key: bool, file: str) -> Span:
    """The span of the value at ``path`` (or of its key), else the deepest one found."""
    node, key = root, None
    for part in path:
        if not isinstance(node, MappingNode):
            break
        found = [(k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part]
        if not found:
            break
        key, node = found[0]
    target = key if at_key and key is not None else node
    return _span(file, target) if target is not None else Span(file=file)


def check_ui_overrides(
    settings: HasUi | Mapping[str, UiValue] | None,
    root: Node | None = None,
    file: str = SETTINGS_FILE,
) -> list[Issue]:
    """A CX013 error for every override that cannot be applied (an unknown key, with a
    did-you-mean; placeholders that differ from the shipped text; markup), located in
    ``root`` (the node tree of ``cxdsl.yaml``) when given."""
    return [
        Issue(
            codes.CX013_SETTINGS_INVALID,
            problem.message,
            _locate(root, problem.path, problem.at_key, file),
            problem.hint,
        )
        for problem in override_problems(ui_mapping(settings))
    ]
