"""The YAML of ``mkdocs.yml`` (and of the files it INHERITs from) as plain, located values.

libyaml composes the nodes with PyYAML's safe resolver (YAML 1.1, as mkdocs reads it:
``yes``/``no`` are booleans), and nothing is constructed from them but plain scalars,
mappings and lists. mkdocs' own tags are handled here: ``!ENV`` (an environment variable,
or its default) and ``!relative`` (kept as a :class:`Relative` until there is a mkdocs
config to bind it to), and ``!!python/name:`` for the few functions of material and
pymdown-extensions that their documented set-ups name (:data:`KNOWN_FUNCTIONS`). Every
other tag is refused with a located CX016, ``!!python/...`` first of all, since mkdocs'
loader would run it. Duplicate keys are refused; aliases are
allowed but bounded (:data:`MAX_VALUES`, :data:`MAX_DEPTH`), so neither a "billion laughs"
nor a recursive alias can exhaust the reader.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .. import codes
from ..diagnostics import Issue, Span
from ..loading.yamlsafe import mark_span

CONFIG_FILE = "mkdocs.yml"
MAX_BYTES = 1_000_000
MAX_DEPTH = 64
#: Values built from one file, aliases counted each time they are used.
MAX_VALUES = 100_000

ENV_TAG, RELATIVE_TAG = "!ENV", "!relative"
#: Functions that material's and pymdown-extensions' documented configurations name with
#: ``!!python/name:`` (emoji, custom fences such as Mermaid, heading slugs). Any other
#: ``!!python`` tag is refused.
KNOWN_FUNCTIONS = frozenset(
    {
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "pymdownx.emoji.twemoji",
        "pymdownx.emoji.emojione",
        "pymdownx.emoji.gemoji",
        "pymdownx.emoji.to_svg",
        "pymdownx.emoji.to_png",
        "pymdownx.emoji.to_alt",
        "pymdownx.emoji.to_png_sprite",
        "pymdownx.emoji.to_svg_sprite",
        "pymdownx.superfences.fence_code_format",
        "pymdownx.superfences.fence_div_format",
        "markdown.extensions.toc.slugify",
        "markdown.extensions.toc.slugify_unicode",
    }
)
_STD = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ = (
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_PYTHON_NAME = _STD + "python/name:"
_SCALARS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})
_CONSTRUCTOR = SafeConstructor()
_RESOLVER = Resolver()

#: Where a value is: keys and list indexes from the top of the file.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Relative:
    """A ``!relative`` tag (``$config_dir/...``, ``$docs_dir/...`` or the current page's
    folder), turned into mkdocs' placeholder once there is a config to bind it to."""

    prefix: str
    suffix: str
    span: Span = field(compare=False)


def read_text(path: Path, rel: str, issues: list[Issue]) -> str | None:
    """The file's UTF-8 text, or None with a located issue (unreadable, too large, binary)."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        issues.append(
            Issue(
                codes.CX016_MKDOCS_INVALID,
                f"{rel} cannot be read: {exc.strerror or exc}",
                Span(file=rel),
            )
        )
        return None
    if raw is None:
        issues.append(
            Issue(
                codes.CX016_MKDOCS_INVALID,
                f"{rel} is larger than {MAX_BYTES:,} bytes",
                Span(file=rel),
            )
        )
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        issues.append(
            Issue(
                codes.CX016_MKDOCS_INVALID,
                f"{rel} is not UTF-8 text (byte {exc.start})",
                Span(file=rel),
                "save it as UTF-8",
            )
        )
        return None


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """mkdocs' INHERIT merge: mappings merge key by key, anything else is replaced."""
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


class ConfigYaml:
    """Plain values from one file's YAML nodes, with the location of every value."""

    def __init__(self, file: str, untrusted: bool) -> None:
        self.file = file
        self.untrusted = untrusted
        self.issues: list[Issue] = []
        self.spans: dict[KeyPath, Span] = {}
        self.key_spans: dict[KeyPath, Span] = {}
        self.count = 0

    def issue(self, message: str, node: Node, hint: str | None = None) -> None:
        self.issues.append(
            Issue(codes.CX016_MKDOCS_INVALID, message, mark_span(self.file, node), hint)
        )

    def document(self, text: str) -> Any:
        # mkdocs reads YAML 1.1 (``yes``/``no`` are booleans): libyaml with PyYAML's safe
        # resolver reads the same way, and composes nodes without constructing anything.
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else self.value(node, (), 0)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            span = (
                Span(file=self.file, line=mark.line + 1, column=mark.column + 1)
                if mark
                else Span(file=self.file)
            )
            problem = exc.problem or exc.context or "invalid YAML"
            self.issues.append(
                Issue(codes.CX016_MKDOCS_INVALID, f"YAML syntax error: {problem}", span)
            )
        except yaml.YAMLError as exc:
            self.issues.append(
                Issue(codes.CX016_MKDOCS_INVALID, f"YAML error: {exc}", Span(file=self.file))
            )
        except RecursionError:
            self.issues.append(
                Issue(codes.CX016_MKDOCS_INVALID, "nested too deeply", Span(file=self.file))
            )
        finally:
            loader.dispose()
        return None

    def value(self, node: Node, path: KeyPath, depth: int) -> Any:
        self.spans.setdefault(path, mark_span(self.file, node))
        self.count += 1
        if self.count > MAX_VALUES:
            if self.count == MAX_VALUES + 1:
                self.issue(
                    f"more than {MAX_VALUES:,} values (aliases expanded)",
                    node,
                    "write the configuration out without YAML aliases",
                )
            return None
        if depth > MAX_DEPTH:
            self.issue(f"nesting deeper than {MAX_DEPTH} levels", node)
            return None
        tag = node.tag
        if isinstance(node, ScalarNode) and tag in _SCALARS:
            return self.scalar(node)
        if isinstance(node, MappingNode) and tag == _MAP:
            return self.mapping(node, path, depth)
        if isinstance(node, SequenceNode) and tag == _SEQ:
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if tag == ENV_TAG:
            return self.env(node, path, depth)
        if tag == RELATIVE_TAG:
            return self.relative(node)
        if tag.startswith(_PYTHON_NAME) and tag[len(_PYTHON_NAME) :] in KNOWN_FUNCTIONS:
            return self.known_function(node, tag[len(_PYTHON_NAME) :])
        return self.bad_tag(node)

    def known_function(self, node: Node, name: str) -> Any:
        """A function of material or pymdown-extensions that their documented set-ups name.

        Naming a function runs nothing (mkdocs' loader only imports it); the module is an
        installed package's, never a file of the workspace.
        """
        module_name, _, attribute = name.rpartition(".")
        try:
            return getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError):
            self.issue(f"'{name}' cannot be imported: is its package installed?", node)
            return None

    def bad_tag(self, node: Node) -> None:
        shown = node.tag.replace(_STD, "!!")
        if shown == "!!merge":
            self.issue("YAML merge keys ('<<') are not supported", node, "write the values out")
        elif shown.startswith("!!python"):
            self.issue(
                f"YAML tag '{shown}' is refused: it would run Python while the file is read",
                node,
                f"{CONFIG_FILE} holds plain data; cxdsl reads only the !ENV and !relative tags",
            )
        else:
            self.issue(
                f"YAML tag '{shown}' is not allowed in {CONFIG_FILE}",
                node,
                "cxdsl reads only the !ENV and !relative tags",
            )
        return None

    def scalar(self, node: ScalarNode) -> Any:
        """A plain scalar (its tag is one of ``_SCALARS``)."""
        tag = node.tag
        try:
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return _CONSTRUCTOR.construct_yaml_bool(node)
            if tag == _INT:
                return _CONSTRUCTOR.construct_yaml_int(node)
            if tag == _FLOAT:
                return _CONSTRUCTOR.construct_yaml_float(node)
            if tag == _TIMESTAMP:
                return _CONSTRUCTOR.construct_yaml_timestamp(node)
        except (ValueError, TypeError, OverflowError):
            self.issue(f"invalid {tag.rsplit(':', 1)[-1]} value '{node.value}'", node)
            return None
        return node.value

    def mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.issue("mapping keys must be plain scalars", key_node)
                continue
            if key_node.tag not in _SCALARS:
                self.bad_tag(key_node)
                continue
            key = self.scalar(key_node)
            if key in first:
                line = first[key].start_mark.line + 1
                self.issue(f"duplicate key '{key}' (first defined on line {line})", key_node)
                continue
            first[key] = key_node
            self.key_spans[(*path, key)] = mark_span(self.file, key_node)
            out[key] = self.value(value_node, (*path, key), depth + 1)
        return out

    def env(self, node: Node, path: KeyPath, depth: int) -> Any:
        """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, as mkdocs reads it."""
        default = None
        if isinstance(node, ScalarNode):
            names = [node]
        elif isinstance(node, SequenceNode) and node.value:
            names = node.value[:-1] if len(node.value) > 1 else node.value
            if len(node.value) > 1:
                default = self.value(node.value[-1], path, depth + 1)
        else:
            self.issue("!ENV takes a variable name or a list [NAME, ..., default]", node)
            return None
        if any(not isinstance(n, ScalarNode) for n in names):
            self.issue("!ENV variable names must be plain strings", node)
            return None
        if self.untrusted:  # the runner's environment may hold secrets
            return default
        for name in names:
            if name.value in os.environ:
                text = os.environ[name.value]
                tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
                return self.scalar(ScalarNode(tag, text, node.start_mark, node.end_mark))
        return default

    def relative(self, node: Node) -> Relative | None:
        """``!relative``, ``!relative $config_dir/...`` or ``!relative $docs_dir/...``."""
        if not isinstance(node, ScalarNode):
            self.issue("!relative takes a path, not a list or a mapping", node)
            return None
        prefix, _, suffix = (node.value or "").partition("/")
        span = mark_span(self.file, node)
        if prefix in ("$config_dir", "$docs_dir"):
            return Relative(prefix, suffix, span)
        if node.value:
            self.issue(
                f"!relative takes nothing, '$config_dir/...' or '$docs_dir/...', not "
                f"'{node.value}'",
                node,
            )
            return None
        return Relative("", "", span)
