"""``mkdocs.yml`` read as untrusted input, in every mode, and handed to mkdocs as plain data.

mkdocs reads its configuration with PyYAML's full loader, so a ``!!python/object/apply``
tag runs while the file is read, and it follows every path the file names. cxdsl reads the
file itself instead: libyaml composes the nodes, this module builds plain values from
them (mkdocs' own ``!ENV`` and ``!relative`` tags handled explicitly, every other tag
refused, duplicate keys refused, aliases bounded), resolves ``INHERIT``, checks that every
path it names stays inside the workspace, and, in untrusted mode, that nothing in it would
run code. mkdocs then gets the vetted dict (``MkDocsConfig.load_dict``) and never parses
the YAML itself. Problems are located diagnostics: CX016 ``mkdocs.invalid`` in every
mode, CX017 ``mkdocs.runs-code`` in untrusted mode (``--no-python``).

What untrusted mode allows, and why (anything else is CX017):

- plugins: ``cxdsl``, ``search`` and the material plugins that run no code from the
  workspace and read nothing outside it (:data:`UNTRUSTED_PLUGINS`). Left out:
  ``material/privacy`` (it downloads every external URL the pages name, from the runner's
  network: a pull request could make it fetch a cloud metadata endpoint into the site),
  ``material/projects`` (it builds nested ``mkdocs.yml`` files with mkdocs' own loader),
  ``material/info`` (it zips the project for a bug report). ``material/group``'s own
  ``plugins`` are checked against the same list.
- Markdown extensions: Python-Markdown's and pymdown-extensions' (:data:`UNTRUSTED_EXTENSIONS`),
  except ``pymdownx.snippets`` and ``pymdownx.b64``, which read files anywhere on the
  machine (and URLs) into the page. Options that take Python callables need a
  ``!!python/name`` tag, refused in every mode.
- no ``hooks:`` (Python files), no ``theme.custom_dir`` and no ``extra_templates``
  (Jinja templates, which mkdocs renders without a sandbox: a template reaches Python).
- ``!ENV`` does not read the environment (a runner that holds secrets must not publish
  them in a preview): each ``!ENV`` takes its default.

Remote ``extra_css``/``extra_javascript`` URLs (http, https) are allowed in both modes:
they are configuration, visible in the pull request's diff like the raw HTML that
hand-written pages and ``copyright`` may hold anyway. Untrusted mode protects the machine
that builds; what the built preview shows in a reader's browser is the pull request's
content and is reviewed as such. Other URL schemes (``javascript:``, ``data:``, ``file:``)
are refused in every mode.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ..diagnostics import Issue, Span
from ..errors import ConfigurationError
from ..loading.yamlsafe import mark_span

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CONFIG_FILE = "mkdocs.yml"
#: Where an empty docs folder lives when the workspace has none.
EMPTY_DOCS = ".cxdsl-cache/docs"
MAX_BYTES = 1_000_000
MAX_DEPTH = 64
#: Values built from one file, aliases counted each time they are used.
MAX_VALUES = 100_000
MAX_INHERIT = 8

ENV_TAG, RELATIVE_TAG = "!ENV", "!relative"
_STD = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ = (
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_SCALARS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})

UNTRUSTED_PLUGINS = frozenset({
    "cxdsl", "search", "material/search", "material/tags", "material/blog", "material/meta",
    "material/group", "material/offline", "material/typeset", "material/social",
    "material/optimize",
})
_MARKDOWN = ("abbr", "admonition", "attr_list", "codehilite", "def_list", "extra",
             "fenced_code", "footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta",
             "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks")
_PYMDOWNX = ("arithmatex", "betterem", "blocks.admonition", "blocks.caption",
             "blocks.definition", "blocks.details", "blocks.html", "blocks.tab", "bracketspan",
             "caret", "critic", "details", "emoji", "escapeall", "extra", "fancylists",
             "highlight", "inlinehilite", "keys", "magiclink", "mark", "pathconverter",
             "progressbar", "quotes", "saneheaders", "smartsymbols", "striphtml", "superfences",
             "tabbed", "tasklist", "tilde")
UNTRUSTED_EXTENSIONS = frozenset({*_MARKDOWN, *(f"markdown.extensions.{n}" for n in _MARKDOWN),
                                  *(f"pymdownx.{n}" for n in _PYMDOWNX)})

KeyPath = tuple[str | int, ...]
_CONSTRUCTOR = SafeConstructor()
_RESOLVER = Resolver()


@dataclass(frozen=True)
class Relative:
    """A ``!relative`` tag (``$config_dir/...``, ``$docs_dir/...`` or the current page's
    folder), turned into mkdocs' placeholder once there is a config to bind it to."""

    prefix: str
    suffix: str
    span: Span = field(compare=False)


@dataclass
class VettedConfig:
    """``mkdocs.yml`` as plain data, with where each value came from and what is wrong."""

    root: Path
    exists: bool
    data: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    spans: dict[KeyPath, Span] = field(default_factory=dict)
    key_spans: dict[KeyPath, Span] = field(default_factory=dict)
    watched: list[Path] = field(default_factory=list)

    def where(self, path: KeyPath) -> Span | None:
        """The key's location for a mapping entry, else the value's; None for defaults."""
        return self.key_spans.get(path) or self.spans.get(path)

    def refuse(self, code: str, message: str, path: KeyPath, hint: str | None = None) -> None:
        self.issues.append(Issue(code, message, self.where(path) or Span(file=CONFIG_FILE),
                                 hint))


def read_mkdocs_config(root: Path, untrusted: bool, site_name: str = "") -> VettedConfig:
    """Read and vet the workspace's ``mkdocs.yml`` (or cxdsl's default when there is none)."""
    base = root.resolve()
    config_file = base / CONFIG_FILE
    exists = os.path.lexists(config_file)
    if exists:
        vetted = VettedConfig(base, True, {})
        data = _read_chain(vetted, config_file, untrusted, [])
        vetted.data = data if isinstance(data, dict) else {}
    else:
        vetted = VettedConfig(base, False, {"theme": {"name": "material", "font": False},
                                           "plugins": ["search", "cxdsl"]})
    vetted.data.setdefault("site_name", site_name or base.name or "cxdsl")
    if not vetted.issues:
        _vet(vetted, untrusted)
    return vetted


def make_config(vetted: VettedConfig, site_dir: Path,
                **overrides: Any) -> tuple[MkDocsConfig, list[str]]:
    """A validated ``MkDocsConfig`` from vetted data; its warnings, located, back.

    Relative paths resolve against the workspace (``config_file_path`` is its
    ``mkdocs.yml``, present or not); ``site_dir`` is always cxdsl's. A configuration that
    mkdocs refuses (a theme that is not installed, a value of the wrong type) raises
    ``ConfigurationError``: one line naming the key and where it is written.
    """
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig(config_file_path=str(vetted.root / CONFIG_FILE))
    data = _bind(copy.deepcopy(vetted.data), config)
    data.update(overrides, site_dir=str(site_dir))
    config.load_dict(data)
    try:
        errors, warnings = config.validate()
    except Exception as exc:  # a plugin that fails to import or to read its options
        raise ConfigurationError(f"{CONFIG_FILE}: {_describe(exc)}") from exc
    located = [f"{_at(vetted, key)}config value '{key}': {problem}"
               for key, problem in warnings]
    if errors:
        raise ConfigurationError("; ".join(f"{_at(vetted, key)}config value '{key}': {error}"
                                           for key, error in errors))
    if config.strict and located:
        raise ConfigurationError(f"strict mode: {'; '.join(located)}")
    return config, located


def _at(vetted: VettedConfig, key: str) -> str:
    span = vetted.where((key,))
    return f"{span}: " if span else ""


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# Reading: one file, then the files it INHERITs from.

def _read_chain(vetted: VettedConfig, path: Path, untrusted: bool,
                chain: list[Path]) -> Any:
    rel = _relative_name(vetted.root, path)
    where = vetted.spans.get(("INHERIT",)) if chain else None
    target = _resolve(path)
    if target is None or not _inside(target, vetted.root):
        vetted.issues.append(Issue("CX016", f"{rel} leads outside the workspace",
                                   where or Span(file=rel)))
        return None
    if target in chain or len(chain) >= MAX_INHERIT:
        vetted.issues.append(Issue("CX016", f"INHERIT loops or goes deeper than "
                                   f"{MAX_INHERIT} files", where or Span(file=rel)))
        return None
    if not target.is_file():
        what = "does not exist" if not target.exists() else "is not a regular file"
        vetted.issues.append(Issue("CX016", f"{rel} {what}", where or Span(file=rel)))
        return None
    vetted.watched.append(target)
    text = _read_text(target, rel, vetted.issues)
    if text is None:
        return None
    builder = _Builder(rel, untrusted)
    data = builder.document(text)
    vetted.issues.extend(builder.issues)
    if data is None:
        return {}
    if not isinstance(data, dict):
        vetted.issues.append(Issue("CX016", f"{rel} must be a mapping of settings",
                                   Span(file=rel)))
        return None
    spans, key_spans = builder.spans, builder.key_spans
    parent = data.pop("INHERIT", None)
    if parent is not None:
        if not isinstance(parent, str):
            vetted.issues.append(Issue("CX016", "INHERIT must name a file",
                                       spans[("INHERIT",)]))
            return data
        vetted.spans[("INHERIT",)] = spans[("INHERIT",)]
        inherited = _read_chain(vetted, target.parent / parent, untrusted, [*chain, target])
        if isinstance(inherited, dict):
            data = _merge(inherited, data)
    # The file read last (the child) wins for every key it sets.
    vetted.spans.update(spans)
    vetted.key_spans.update(key_spans)
    return data


def _read_text(path: Path, rel: str, issues: list[Issue]) -> str | None:
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        issues.append(Issue("CX016", f"{rel} cannot be read: {exc.strerror or exc}",
                            Span(file=rel)))
        return None
    if raw is None:
        issues.append(Issue("CX016", f"{rel} is larger than {MAX_BYTES:,} bytes",
                            Span(file=rel)))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        issues.append(Issue("CX016", f"{rel} is not UTF-8 text (byte {exc.start})",
                            Span(file=rel), "save it as UTF-8"))
        return None


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """mkdocs' INHERIT merge: mappings merge key by key, anything else is replaced."""
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class _Builder:
    """Plain values from libyaml's nodes; ``!ENV`` and ``!relative``, nothing else."""

    def __init__(self, file: str, untrusted: bool) -> None:
        self.file = file
        self.untrusted = untrusted
        self.issues: list[Issue] = []
        self.spans: dict[KeyPath, Span] = {}
        self.key_spans: dict[KeyPath, Span] = {}
        self.count = 0

    def issue(self, message: str, node: Node, hint: str | None = None) -> None:
        self.issues.append(Issue("CX016", message, mark_span(self.file, node), hint))

    def document(self, text: str) -> Any:
        # mkdocs reads YAML 1.1 (``yes``/``no`` are booleans): libyaml with PyYAML's safe
        # resolver reads the same way, and composes nodes without constructing anything.
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else self.value(node, (), 0)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            span = (Span(file=self.file, line=mark.line + 1, column=mark.column + 1) if mark
                    else Span(file=self.file))
            problem = exc.problem or exc.context or "invalid YAML"
            self.issues.append(Issue("CX016", f"YAML syntax error: {problem}", span))
        except yaml.YAMLError as exc:
            self.issues.append(Issue("CX016", f"YAML error: {exc}", Span(file=self.file)))
        except RecursionError:
            self.issues.append(Issue("CX016", "nested too deeply", Span(file=self.file)))
        finally:
            loader.dispose()
        return None

    def value(self, node: Node, path: KeyPath, depth: int) -> Any:
        self.spans.setdefault(path, mark_span(self.file, node))
        self.count += 1
        if self.count > MAX_VALUES:
            if self.count == MAX_VALUES + 1:
                self.issue(f"more than {MAX_VALUES:,} values (aliases expanded)", node,
                           "write the configuration out without YAML aliases")
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
        return self.bad_tag(node)

    def bad_tag(self, node: Node) -> None:
        shown = node.tag.replace(_STD, "!!")
        if shown == "!!merge":
            self.issue("YAML merge keys ('<<') are not supported", node, "write the values out")
        elif shown.startswith("!!python"):
            self.issue(f"YAML tag '{shown}' is refused: it would run Python while the file "
                       "is read", node, f"{CONFIG_FILE} holds plain data; cxdsl reads only "
                       "the !ENV and !relative tags")
        else:
            self.issue(f"YAML tag '{shown}' is not allowed in {CONFIG_FILE}", node,
                       "cxdsl reads only the !ENV and !relative tags")
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
            self.issue(f"!relative takes nothing, '$config_dir/...' or '$docs_dir/...', not "
                       f"'{node.value}'", node)
            return None
        return Relative("", "", span)


# Vetting: paths stay inside the workspace; untrusted mode runs no code.

def _vet(v: VettedConfig, untrusted: bool) -> None:
    data = v.data
    data.pop("site_dir", None)  # cxdsl decides where the site goes (--out)
    docs = _vet_docs_dir(v)
    theme = data.get("theme")
    theme_name = theme.get("name") if isinstance(theme, dict) else theme
    if isinstance(theme, dict) and theme.get("custom_dir") is not None:
        _inside_or_refuse(v, ("theme", "custom_dir"), v.root)
        if untrusted:
            v.refuse("CX017", "theme.custom_dir holds Jinja templates, which run with full "
                     "access to Python", ("theme", "custom_dir"),
                     "untrusted mode builds with the theme as installed")
    for key in ("extra_css", "extra_javascript"):
        for i, item in _items(data.get(key)):
            url = item.get("path") if isinstance(item, dict) else item
            where: KeyPath = (key, i, "path") if isinstance(item, dict) else (key, i)
            if isinstance(url, str):
                _vet_url(v, url, where, docs)
    for i, _item in _items(data.get("extra_templates")):
        _inside_or_refuse(v, ("extra_templates", i), docs)
        if untrusted:
            v.refuse("CX017", "extra_templates are rendered by Jinja, which reaches Python",
                     ("extra_templates", i))
    hooks = data.get("hooks")
    if untrusted and hooks and not isinstance(hooks, list):
        v.refuse("CX017", "hooks are Python files: untrusted mode runs none", ("hooks",))
    for i, _item in _items(hooks):
        _inside_or_refuse(v, ("hooks", i), v.root)
        if untrusted:
            v.refuse("CX017", "hooks are Python files from the workspace: untrusted mode "
                     "runs none", ("hooks", i), "build without --no-python only where the "
                     "pull request is trusted")
    for i, _item in _items(data.get("watch")):
        _inside_or_refuse(v, ("watch", i), v.root)
    for name, options, where in _named_entries(data.get("plugins"), ("plugins",)):
        _vet_plugin(v, name, options, where, theme_name, untrusted)
    for name, options, where in _named_entries(data.get("markdown_extensions"),
                                               ("markdown_extensions",)):
        if untrusted and name not in UNTRUSTED_EXTENSIONS:
            v.refuse("CX017", f"Markdown extension '{name}' is not on untrusted mode's "
                     "allow-list", where, "Python-Markdown's and pymdown-extensions' own "
                     "extensions are allowed, except pymdownx.snippets and pymdownx.b64, "
                     "which read files from the machine")
        _vet_option_paths(v, options, where)
    for relative in _relatives(data):
        start = docs if relative.prefix == "$docs_dir" else v.root
        target = _resolve(start / relative.suffix)
        if relative.prefix and (target is None or not _inside(target, v.root)):
            v.issues.append(Issue("CX016", f"!relative {relative.prefix}/{relative.suffix} "
                                  "leads outside the workspace", relative.span))


def _vet_docs_dir(v: VettedConfig) -> Path:
    """The docs folder (created empty under the cache when the workspace has none)."""
    docs_dir = v.data.get("docs_dir")
    if docs_dir is not None and not isinstance(docs_dir, str):
        return v.root  # mkdocs' own validation says what it expected
    written = v.exists and docs_dir is not None
    if written and not _inside_or_refuse(v, ("docs_dir",), v.root):
        return v.root
    if not written and not (v.exists and (v.root / "docs").is_dir()):
        docs = v.root / EMPTY_DOCS
        docs.mkdir(parents=True, exist_ok=True)
        v.data["docs_dir"] = str(docs)
        return docs
    docs = _resolve(v.root / (docs_dir if isinstance(docs_dir, str) else "docs")) or v.root
    if not _inside(docs, v.root):
        v.refuse("CX016", "the docs folder is a link to outside the workspace", ())
        return v.root
    # mkdocs follows links inside the docs folder: each must stay in the workspace.
    for link in _links_outside(docs, v.root):
        rel = _relative_name(v.root, link)
        v.issues.append(Issue("CX014", f"{rel} is a symbolic link to outside the workspace; "
                              "the site would publish what it points at", Span(file=rel)))
    return docs


def _links_outside(folder: Path, root: Path) -> Iterator[Path]:
    """Links under ``folder`` (followed as mkdocs follows them) that leave ``root``."""
    seen: set[Path] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        real = _resolve(current)
        if real is None or real in seen or not real.is_dir():
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue  # mkdocs will say what it cannot read
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = _resolve(path)
                if target is None or not _inside(target, root):
                    yield path
                    continue
            if entry.is_dir():
                pending.append(path)


def _vet_url(v: VettedConfig, url: str, where: KeyPath, docs: Path) -> None:
    parts = urlsplit(url)
    if url.startswith("//") or parts.scheme in ("http", "https"):
        return  # remote: see the module's docstring
    if parts.scheme and len(parts.scheme) > 1:  # (a one-letter scheme is a Windows drive)
        v.refuse("CX016", f"'{url}': only http and https URLs or paths in the docs folder "
                 "are allowed", where)
    elif not url.startswith("/"):  # a site-absolute URL reads no file
        _inside_or_refuse(v, where, docs, url)


def _vet_plugin(v: VettedConfig, name: str, options: Any, where: KeyPath,
                theme: object, untrusted: bool) -> None:
    if untrusted:
        effective = _plugin_name(name, theme)
        if effective not in UNTRUSTED_PLUGINS:
            v.refuse("CX017", f"plugin '{name}' is not on untrusted mode's allow-list", where,
                     "allowed: " + ", ".join(sorted(UNTRUSTED_PLUGINS)))
        elif effective == "material/group" and isinstance(options, dict):
            for inner, inner_options, inner_where in _named_entries(
                    options.get("plugins"), (*where, "plugins")):
                _vet_plugin(v, inner, inner_options, inner_where, theme, untrusted)
    _vet_option_paths(v, options, where)


def _plugin_name(name: str, theme: object) -> str:
    """The entry point mkdocs loads for ``name`` (``tags`` is ``material/tags`` under the
    material theme; a leading ``/`` skips the theme's namespace)."""
    if name.startswith("/"):
        return name[1:]
    if "/" not in name and isinstance(theme, str) and f"{theme}/{name}" in _installed():
        return f"{theme}/{name}"
    return name


def _installed() -> frozenset[str]:
    from importlib.metadata import entry_points

    return frozenset(ep.name for ep in entry_points(group="mkdocs.plugins"))


def _vet_option_paths(v: VettedConfig, options: Any, where: KeyPath) -> None:
    """Plugin and extension options that name a file or a folder stay in the workspace."""
    if not isinstance(options, dict):
        return
    for key, value in options.items():
        if isinstance(key, str) and (key.endswith(("_dir", "_file")) or key == "base_path"):
            values = value if isinstance(value, list) else [value]
            for i, item in enumerate(values):
                path = (*where, key, i) if isinstance(value, list) else (*where, key)
                if isinstance(item, str):
                    _inside_or_refuse(v, path, v.root, item)


def _inside_or_refuse(v: VettedConfig, path: KeyPath, start: Path,
                      value: str | None = None) -> bool:
    """True when the path written at ``path`` (relative to ``start``) stays inside."""
    text = value if value is not None else _get(v.data, path)
    if not isinstance(text, str):
        return True  # not a path: mkdocs' own validation says what it expected
    target = _resolve(start / text)
    if target is not None and _inside(target, v.root):
        return True
    v.refuse("CX016", f"'{text}' leads outside the workspace", path,
             "every path mkdocs.yml names must stay inside the workspace")
    return False


def _resolve(path: Path) -> Path | None:
    """``path`` with every link followed; None for a link loop or an unusable name."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _relative_name(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _get(data: Any, path: KeyPath) -> Any:
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _named_entries(value: Any, where: KeyPath) -> Iterator[tuple[str, Any, KeyPath]]:
    """``(name, options, location)`` of a plugins or markdown_extensions list or mapping."""
    if isinstance(value, dict):
        for name, options in value.items():
            if isinstance(name, str):
                yield name, options, (*where, name)
        return
    for i, item in _items(value):
        if isinstance(item, str):
            yield item, None, (*where, i)
        elif isinstance(item, dict):
            for name, options in item.items():
                if isinstance(name, str):
                    yield name, options, (*where, i, name)


def _relatives(value: Any) -> Iterator[Relative]:
    if isinstance(value, Relative):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _relatives(item)
    elif isinstance(value, list):
        for item in value:
            yield from _relatives(item)


def _bind(value: Any, config: MkDocsConfig) -> Any:
    """Turn each :class:`Relative` into mkdocs' placeholder for this config."""
    from mkdocs.utils.yaml import (
        ConfigDirPlaceholder,
        DocsDirPlaceholder,
        RelativeDirPlaceholder,
    )

    if isinstance(value, Relative):
        if value.prefix == "$config_dir":
            return ConfigDirPlaceholder(config, value.suffix)
        if value.prefix == "$docs_dir":
            return DocsDirPlaceholder(config, value.suffix)
        return RelativeDirPlaceholder(config)
    if isinstance(value, dict):
        return {key: _bind(item, config) for key, item in value.items()}
    if isinstance(value, list):
        return [_bind(item, config) for item in value]
    return value
