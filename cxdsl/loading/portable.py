"""Plain scalars that YAML parsers read differently (CX019 ``yaml.ambiguous-scalar``).

cxdsl reads YAML with libyaml; the same file goes through other parsers too (PyYAML's
pure-Python parser in tools and hooks, ruamel.yaml in ``cxdsl fmt`` and editors' helpers).
Found by loading candidate snippets with libyaml, PyYAML's pure parser and ruamel.yaml
(safe and round-trip) and keeping those that libyaml accepts and another parser refuses
or reads as other data:

* a ``?`` anywhere in a plain scalar inside a flow collection (``{en: Is it?}``,
  ``[a?b]``): PyYAML's pure parser ends the scalar at the ``?`` and fails;
* a tab inside a plain scalar (``a: x<TAB>y``): PyYAML's pure parser and ruamel.yaml fail.

A plain scalar that starts with ``:`` inside a flow collection is refused by libyaml (a
CX001 syntax error) and read by ruamel.yaml, whose writer emits it: :func:`ambiguity`
names it for ``cxdsl fmt``. Elsewhere (``: ``, `` #``, leading indicators) the parsers
agree on the text, and ruamel's writer quotes what needs it. Not covered here: how a
scalar is *typed*, where YAML 1.1 and 1.2 readers differ (``010``, ``1:30``, ``yes``,
``on``): cxdsl reads them YAML 1.2's way and ``cxdsl fmt`` quotes such strings, but a
number written ``010`` or ``1:30`` is 8 or 90 to a YAML 1.1 reader and 10 or text to
cxdsl (not flagged yet).

The scan works on the node tree libyaml already built (no second parse): it looks into
the flow collections whose text holds a ``?``, and walks the whole tree only when the
file holds a tab.
"""

from __future__ import annotations

from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode

from .. import codes
from ..diagnostics import Issue, Span


def ambiguity(value: str, flow: bool) -> str | None:
    """Why ``value`` written as a plain scalar would read differently elsewhere, if it would."""
    if "\t" in value:
        return "a tab inside an unquoted value stops PyYAML's pure parser and ruamel.yaml"
    if flow and "?" in value:
        return "a '?' in an unquoted value inside {...} or [...] stops PyYAML's pure parser"
    if flow and value.startswith(":"):
        return "an unquoted value inside {...} or [...] that starts with ':' stops libyaml"
    return None


def plain_is_portable(value: str, flow: bool) -> bool:
    """Would every parser read ``value`` written plain (inside {...}/[...] if ``flow``) as is?"""
    return ambiguity(value, flow) is None


def ambiguous_scalars(text: str, roots: list[Node], flows: list[Node], file: str) -> list[Issue]:
    """CX019 for each plain scalar below ``roots`` that parsers disagree on.

    ``flows`` are the flow collections below ``roots`` (the loader lists them as it builds
    values): only those whose text holds a ``?`` are looked into. A tab anywhere in the
    text (rare) walks the whole tree.
    """
    if "\t" in text:
        return _walk(roots, file)
    if "?" not in text:
        return []
    issues: list[Issue] = []
    for node in flows:
        if text.find("?", node.start_mark.index, node.end_mark.index) != -1:
            for child in _children(node):
                if type(child) is ScalarNode and not child.style and "?" in child.value:
                    issues.append(_issue(file, child, True))
    return issues


def _children(node: Node) -> list[Node]:
    if type(node) is MappingNode:
        return [n for pair in node.value for n in pair]
    return list(node.value)


def _walk(roots: list[Node], file: str) -> list[Issue]:
    """Every plain scalar below ``roots``, each knowing whether it is in a flow collection."""
    issues: list[Issue] = []
    stack: list[tuple[Node, bool]] = [(root, False) for root in reversed(roots)]
    seen: set[int] = set()
    while stack:
        node, flow = stack.pop()
        if type(node) is ScalarNode:
            if not node.style and ambiguity(node.value, flow) is not None:  # plain: "" or None
                issues.append(_issue(file, node, flow))
            continue
        if id(node) in seen:  # an alias: reported as CX004, walked once
            continue
        seen.add(id(node))
        assert isinstance(node, CollectionNode)
        inner = flow or bool(node.flow_style)
        stack.extend((child, inner) for child in reversed(_children(node)))
    return issues


def _issue(file: str, node: Node, flow: bool) -> Issue:
    s, e = node.start_mark, node.end_mark
    value = node.value
    shown = value.replace("\t", "\\t")
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return Issue(
        codes.CX019_YAML_AMBIGUOUS,
        f"'{shown}' is read differently by other YAML parsers: {ambiguity(value, flow)}",
        Span(
            file=file,
            line=s.line + 1,
            column=s.column + 1,
            end_line=e.line + 1,
            end_column=e.column + 1,
        ),
        "quote it, or run cxdsl fmt",
    )
