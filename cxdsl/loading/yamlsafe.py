"""Safe YAML: libyaml's C parser, our own construction, every value located.

PyYAML's ``CSafeLoader`` composes the node tree in C; we then build plain Python values
from the nodes ourselves, which lets us refuse what a model file must never contain
(object tags, aliases to collections, duplicate keys, absurd nesting) with a located
diagnostic, and keep the node tree so any value can be located later at no cost on the
happy path.

Scalars follow YAML 1.2's core schema: only ``true``/``false`` are booleans, so
``no`` (Norway) and ``on`` stay strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

from .. import codes
from ..diagnostics import Issue, Related, Span
from .files import SETTINGS_FILE
from .portable import ambiguous_scalars

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

MAX_DEPTH = 64
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMERIC_START = frozenset("0123456789+-.")
_CONSTRUCTOR = SafeConstructor()


class _Loader(yaml.CSafeLoader):
    """libyaml's parser with a faster, YAML-1.2-style implicit resolver."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return STR
            if value in _NULLS:
                return NULL
            if value in _BOOLS:
                return BOOL
            if value[0] in _NUMERIC_START:
                tag: str = Resolver.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]
                return tag if tag in (INT, FLOAT, TIMESTAMP) else STR
            return STR
        return MAP if kind is MappingNode else SEQ


@dataclass
class RawDocument:
    """One YAML document: its plain data and the node tree it came from."""

    file: str
    index: int
    root: Node
    data: Any
    issues: list[Issue] = field(default_factory=list)


def mark_span(file: str, node: Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(
        file=file,
        line=s.line + 1,
        column=s.column + 1,
        end_line=e.line + 1,
        end_column=e.column + 1,
    )


class _Builder:
    """Turns a node tree into plain values, reporting what it refuses."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []
        self.seen: set[int] = set()
        #: Flow collections (``{...}``, ``[...]``), for the CX019 scan without another walk.
        self.flows: list[Node] = []

    def issue(
        self,
        code: str,
        message: str,
        node: Node,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        self.issues.append(Issue(code, message, mark_span(self.file, node), hint, related))

    def value(self, node: Node, depth: int) -> Any:
        cls = type(node)
        if cls is ScalarNode:
            tag = node.tag
            if tag == STR:
                return node.value
            assert isinstance(node, ScalarNode)
            return self.scalar(node, tag)
        self.seen.add(id(node))
        if node.flow_style:  # type: ignore[attr-defined]  # a collection here
            self.flows.append(node)
        if depth >= MAX_DEPTH:
            self.issue(codes.CX007_YAML_TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", node)
            return None
        if cls is MappingNode:
            return self.mapping(node, depth) if node.tag == MAP else self.bad_tag(node)
        return self.sequence(node, depth) if node.tag == SEQ else self.bad_tag(node)

    def mapping(self, node: Node, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key is _INVALID:
                continue
            if type(value_node) is not ScalarNode and id(value_node) in self.seen:
                self.issue(
                    codes.CX004_YAML_ALIAS,
                    f"the value of '{key}' is a YAML alias; aliases are not allowed",
                    key_node,
                    hint="write the value out in full",
                )
                continue
            if key in first:
                self.issue(
                    codes.CX002_YAML_DUPLICATE_KEY,
                    f"duplicate key '{key}'",
                    key_node,
                    related=(
                        Related(
                            message="first defined here", span=mark_span(self.file, first[key])
                        ),
                    ),
                )
                continue
            first[key] = key_node
            out[key] = self.value(value_node, depth + 1)
        return out

    def sequence(self, node: Node, depth: int) -> list[Any] | None:
        items = []
        for item in node.value:
            if type(item) is not ScalarNode and id(item) in self.seen:
                self.issue(
                    codes.CX004_YAML_ALIAS,
                    "this list holds a YAML alias; aliases are not allowed",
                    node,
                    hint="write the value out in full",
                )
                return None
            items.append(self.value(item, depth + 1))
        return items

    def key(self, node: Node) -> Any:
        if type(node) is not ScalarNode:
            self.issue(codes.CX001_YAML_SYNTAX, "mapping keys must be plain scalars", node)
            return _INVALID
        return self.value(node, 0)

    def scalar(self, node: ScalarNode, tag: str) -> Any:
        value = node.value
        if tag == NULL and value in _NULLS:
            return None
        if tag == BOOL and value in _BOOLS:
            return _BOOLS[value]
        try:
            if tag == INT:
                return _CONSTRUCTOR.construct_yaml_int(node)
            if tag == FLOAT:
                return _CONSTRUCTOR.construct_yaml_float(node)
            if tag == TIMESTAMP:
                stamp: dt.date = _CONSTRUCTOR.construct_yaml_timestamp(node)
                return stamp
        except (ValueError, TypeError, OverflowError):
            self.issue(
                codes.CX001_YAML_SYNTAX, f"invalid {tag.rsplit(':', 1)[-1]} value '{value}'", node
            )
            return None
        return self.bad_tag(node)

    def bad_tag(self, node: Node) -> None:
        tag = node.tag
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.issue(
            codes.CX003_YAML_FORBIDDEN_TAG,
            f"YAML tag '{shown}' is not allowed",
            node,
            hint="model files hold plain data; tags are refused and nothing runs",
        )
        return None


_INVALID = object()


def parse_documents(text: str, file: str) -> tuple[list[RawDocument], list[Issue]]:
    """Parse every document of a YAML stream; never raises on any input.

    The issues returned besides the documents' own are syntax errors and CX019 warnings
    (plain scalars other YAML parsers read differently), which stop nothing.
    """
    docs: list[RawDocument] = []
    issues: list[Issue] = []
    flows: list[Node] = []
    loader = _Loader(text)
    try:
        index = 0
        while loader.check_node():
            root = loader.get_node()
            if root is None:
                break
            builder = _Builder(file)
            data = builder.value(root, 0)
            docs.append(RawDocument(file, index, root, data, builder.issues))
            flows += builder.flows
            index += 1
    except yaml.MarkedYAMLError as exc:
        issues.append(_syntax_issue(exc, text, file))
    except yaml.reader.ReaderError as exc:  # control characters and the like
        line, col = _line_col(text, exc.position)
        issues.append(
            Issue(
                codes.CX005_FILE_UNREADABLE,
                f"character {_describe(exc.character)} is not allowed in YAML",
                Span(file=file, line=line, column=col),
                "remove control characters from the file",
            )
        )
    except yaml.YAMLError as exc:
        issues.append(Issue(codes.CX001_YAML_SYNTAX, f"YAML error: {exc}", Span(file=file)))
    except RecursionError:
        issues.append(
            Issue(codes.CX007_YAML_TOO_DEEP, "document nested too deeply", Span(file=file))
        )
    finally:
        loader.dispose()
    if file != SETTINGS_FILE:  # load_settings takes any issue as fatal: not a warning
        issues.extend(ambiguous_scalars(text, [d.root for d in docs], flows, file))
    return docs, issues


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, file: str) -> Issue:
    """The located issue for a syntax error libyaml stopped at."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    span = Span(file=file, line=line, column=col)
    if "maximum nesting depth" in problem:
        # PyYAML >= 6.0.3 stops at 1,000 levels itself, before our own depth check.
        return Issue(codes.CX007_YAML_TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", span)
    hint = None
    if _char_at(text, line, col) == "\t":
        problem = "found a tab character where YAML expects spaces"
        hint = "indent with spaces; YAML does not allow tabs for indentation"
    return Issue(codes.CX001_YAML_SYNTAX, f"YAML syntax error: {problem}", span, hint)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _describe(character: object) -> str:
    if isinstance(character, int):
        return f"U+{character:04X}"
    return repr(character)
