"""``mkdocs.yml`` read as untrusted input, in every mode, and handed to mkdocs as plain data.

mkdocs reads its configuration with PyYAML's full loader, so a ``!!python/object/apply``
tag runs while the file is read, and it follows every path the file names. cxdsl reads the
file itself instead (:mod:`cxdsl.site.mkdocs_yaml`: plain values, mkdocs' ``!ENV`` and
``!relative`` tags, every other tag refused), resolves ``INHERIT``, checks that every path
it names stays inside the workspace (links followed) and, in untrusted mode, that nothing
in it would run code. mkdocs then gets the vetted dict (``MkDocsConfig.load_dict``) and
never parses the YAML itself. Problems are located diagnostics: CX016 ``mkdocs.invalid``
in every mode, CX017 ``mkdocs.runs-code`` in untrusted mode (``--no-python``), CX014 for a
link in the docs folder that leads outside the workspace.

What untrusted mode allows, and why (anything else is CX017):

- plugins and Markdown extensions on the allow-lists of :mod:`cxdsl.site.mkdocs_allow`.
- no ``hooks:`` (Python files), no ``theme.custom_dir`` and no ``extra_templates``
  (Jinja templates, which mkdocs renders without a sandbox: a template reaches Python).
- ``!ENV`` does not read the environment (a runner that holds secrets must not publish
  them in a preview): each ``!ENV`` takes its default.

In every mode, plugin and extension options that name a file or folder (``*_dir``,
``*_file``, ``base_path``) stay inside the workspace too, and ``cxdsl build``/``serve`` point
the cxdsl plugin at the workspace they build (its ``workspace`` and ``no_python`` options
in ``mkdocs.yml`` cannot widen that).

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import codes
from ..cache import EMPTY_DOCS
from ..diagnostics import Issue, Span
from ..errors import ConfigurationError
from .mkdocs_allow import UNTRUSTED_EXTENSIONS, UNTRUSTED_PLUGINS, plugin_name
from .mkdocs_paths import (
    get,
    inside,
    items,
    links_outside,
    named_entries,
    relative_name,
    relatives,
    resolve,
)
from .mkdocs_yaml import CONFIG_FILE, ConfigYaml, KeyPath, Relative, merge, read_text
from .site_url import normalized, site_url_problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = [
    "UNTRUSTED_EXTENSIONS",
    "UNTRUSTED_PLUGINS",
    "VettedConfig",
    "make_config",
    "read_mkdocs_config",
]
MAX_INHERIT = 8


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
    #: Said once per build (as mkdocs' warnings are): what cxdsl ignores, and why.
    warnings: list[str] = field(default_factory=list)

    def where(self, path: KeyPath) -> Span | None:
        """The key's location for a mapping entry, else the value's; None for defaults."""
        return self.key_spans.get(path) or self.spans.get(path)

    def refuse(
        self, code: str, message: str, path: KeyPath, hint: str | None = None, at_key: bool = False
    ) -> None:
        """Report the value written at ``path`` (or its key, for a plugin's name)."""
        span = self.where(path) if at_key else self.spans.get(path) or self.where(path)
        self.issues.append(Issue(code, message, span or Span(file=CONFIG_FILE), hint))


def read_mkdocs_config(
    root: Path, untrusted: bool, site_name: str = "", site_url: str | None = None
) -> VettedConfig:
    """Read and vet the workspace's ``mkdocs.yml`` (or cxdsl's default when there is none);
    ``site_url`` (``cxdsl build --site-url``) wins over the file's."""
    base = root.resolve()
    config_file = base / CONFIG_FILE
    exists = os.path.lexists(config_file)
    if exists:
        vetted = VettedConfig(base, True, {})
        data = _read_chain(vetted, config_file, untrusted, [])
        vetted.data = data if isinstance(data, dict) else {}
    else:
        vetted = VettedConfig(
            base,
            False,
            {"theme": {"name": "material", "font": False}, "plugins": ["search", "cxdsl"]},
        )
    vetted.data.setdefault("site_name", site_name or base.name or "cxdsl")
    if site_url:
        vetted.data["site_url"] = normalized(site_url)
    if not vetted.issues:
        _vet(vetted, untrusted)
    return vetted


def make_config(
    vetted: VettedConfig, site_dir: Path, **overrides: Any
) -> tuple[MkDocsConfig, list[str]]:
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
    located = [f"{_at(vetted, key)}config value '{key}': {problem}" for key, problem in warnings]
    if errors:
        raise ConfigurationError(
            "; ".join(f"{_at(vetted, key)}config value '{key}': {error}" for key, error in errors)
        )
    if config.strict and located:
        raise ConfigurationError(f"strict mode: {'; '.join(located)}")
    return config, located


def _at(vetted: VettedConfig, key: str) -> str:
    span = vetted.where((key,))
    return f"{span}: " if span else ""


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# Reading: one file, then the files it INHERITs from.


def _read_chain(vetted: VettedConfig, path: Path, untrusted: bool, chain: list[Path]) -> Any:
    rel = relative_name(vetted.root, path)
    where = vetted.spans.get(("INHERIT",)) if chain else None
    target = resolve(path)
    if target is None or not inside(target, vetted.root):
        vetted.issues.append(
            Issue(
                codes.CX016_MKDOCS_INVALID,
                f"{rel} leads outside the workspace or to a hidden file in it",
                where or Span(file=rel),
            )
        )
        return None
    if target in chain or len(chain) >= MAX_INHERIT:
        vetted.issues.append(
            Issue(
                codes.CX016_MKDOCS_INVALID,
                f"INHERIT loops or goes deeper than {MAX_INHERIT} files",
                where or Span(file=rel),
            )
        )
        return None
    if not target.is_file():
        what = "does not exist" if not target.exists() else "is not a regular file"
        vetted.issues.append(
            Issue(codes.CX016_MKDOCS_INVALID, f"{rel} {what}", where or Span(file=rel))
        )
        return None
    vetted.watched.append(target)
    text = read_text(target, rel, vetted.issues)
    if text is None:
        return None
    builder = ConfigYaml(rel, untrusted)
    data = builder.document(text)
    vetted.issues.extend(builder.issues)
    if data is None:
        return {}
    if not isinstance(data, dict):
        vetted.issues.append(
            Issue(
                codes.CX016_MKDOCS_INVALID, f"{rel} must be a mapping of settings", Span(file=rel)
            )
        )
        return None
    spans, key_spans = builder.spans, builder.key_spans
    parent = data.pop("INHERIT", None)
    if parent is not None:
        if not isinstance(parent, str):
            vetted.issues.append(
                Issue(codes.CX016_MKDOCS_INVALID, "INHERIT must name a file", spans[("INHERIT",)])
            )
            return data
        vetted.spans[("INHERIT",)] = spans[("INHERIT",)]
        inherited = _read_chain(vetted, target.parent / parent, untrusted, [*chain, target])
        if isinstance(inherited, dict):
            data = merge(inherited, data)
    # The file read last (the child) wins for every key it sets.
    vetted.spans.update(spans)
    vetted.key_spans.update(key_spans)
    return data


# Vetting: paths stay inside the workspace; untrusted mode runs no code.


def _vet(v: VettedConfig, untrusted: bool) -> None:
    _vet_site_dir(v)
    _vet_site_url(v)
    docs = _vet_docs_dir(v)
    theme_name = _vet_theme(v, untrusted)
    _vet_assets(v, docs, untrusted)
    _vet_hooks(v, untrusted)
    for i, _item in items(v.data.get("watch")):
        _inside_or_refuse(v, ("watch", i), v.root)
    for name, options, where in named_entries(v.data.get("plugins"), ("plugins",)):
        _vet_plugin(v, name, options, where, theme_name, untrusted)
    for name, options, where in named_entries(
        v.data.get("markdown_extensions"), ("markdown_extensions",)
    ):
        _vet_extension(v, name, options, where, untrusted)
    _vet_relatives(v, docs)


def _vet_site_dir(v: VettedConfig) -> None:
    if "site_dir" in v.data:  # cxdsl decides where the site goes
        span = v.where(("site_dir",))
        v.warnings.append(
            f"{span}: site_dir is ignored: cxdsl writes the site to --out "
            "(default: site/ in the workspace)"
        )
        del v.data["site_dir"]


def _vet_site_url(v: VettedConfig) -> None:
    """The sitemap, canonical links and hreflang alternates need a full http(s) address."""
    url = v.data.get("site_url")
    problem = site_url_problem(url) if isinstance(url, str) and url else None
    if problem:
        v.refuse(codes.CX016_MKDOCS_INVALID, f"site_url: {problem}", ("site_url",))


def _vet_theme(v: VettedConfig, untrusted: bool) -> object:
    """The theme's name (plugins are named after it); its custom_dir stays inside."""
    theme = v.data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") is not None:
        _inside_or_refuse(v, ("theme", "custom_dir"), v.root)
        if untrusted:
            v.refuse(
                codes.CX017_MKDOCS_RUNS_CODE,
                "theme.custom_dir holds Jinja templates, which run with full access to Python",
                ("theme", "custom_dir"),
                "untrusted mode builds with the theme as installed",
            )
    return theme.get("name") if isinstance(theme, dict) else theme


def _vet_assets(v: VettedConfig, docs: Path, untrusted: bool) -> None:
    """extra_css, extra_javascript and extra_templates."""
    for key in ("extra_css", "extra_javascript"):
        for i, item in items(v.data.get(key)):
            url = item.get("path") if isinstance(item, dict) else item
            where: KeyPath = (key, i, "path") if isinstance(item, dict) else (key, i)
            if isinstance(url, str):
                _vet_url(v, url, where, docs)
    for i, _item in items(v.data.get("extra_templates")):
        _inside_or_refuse(v, ("extra_templates", i), docs)
        if untrusted:
            v.refuse(
                codes.CX017_MKDOCS_RUNS_CODE,
                "extra_templates are rendered by Jinja, which reaches Python",
                ("extra_templates", i),
            )


def _vet_hooks(v: VettedConfig, untrusted: bool) -> None:
    hooks = v.data.get("hooks")
    if untrusted and hooks and not isinstance(hooks, list):
        v.refuse(
            codes.CX017_MKDOCS_RUNS_CODE,
            "hooks are Python files: untrusted mode runs none",
            ("hooks",),
        )
    for i, _item in items(hooks):
        _inside_or_refuse(v, ("hooks", i), v.root)
        if untrusted:
            v.refuse(
                codes.CX017_MKDOCS_RUNS_CODE,
                "hooks are Python files from the workspace: untrusted mode runs none",
                ("hooks", i),
                "build without --no-python only where the pull request is trusted",
            )


def _vet_extension(
    v: VettedConfig, name: str, options: Any, where: KeyPath, untrusted: bool
) -> None:
    if untrusted and name not in UNTRUSTED_EXTENSIONS:
        v.refuse(
            codes.CX017_MKDOCS_RUNS_CODE,
            f"Markdown extension '{name}' is not on untrusted mode's allow-list",
            where,
            "Python-Markdown's and pymdown-extensions' own "
            "extensions are allowed, except pymdownx.snippets and pymdownx.b64, "
            "which read files from the machine",
            at_key=True,
        )
    _vet_option_paths(v, options, where)


def _vet_relatives(v: VettedConfig, docs: Path) -> None:
    """Every ``!relative`` path stays inside the workspace."""
    for relative in relatives(v.data):
        start = docs if relative.prefix == "$docs_dir" else v.root
        target = resolve(start / relative.suffix)
        if relative.prefix and (target is None or not inside(target, v.root)):
            v.issues.append(
                Issue(
                    codes.CX016_MKDOCS_INVALID,
                    f"!relative {relative.prefix}/{relative.suffix} leads outside the workspace",
                    relative.span,
                )
            )


def _vet_docs_dir(v: VettedConfig) -> Path:
    """The docs folder (created empty under the cache when the workspace has none)."""
    docs_dir = v.data.get("docs_dir")
    if isinstance(docs_dir, Relative) and docs_dir.prefix == "$config_dir":
        docs_dir = v.data["docs_dir"] = docs_dir.suffix or "."  # the workspace is config_dir
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
    docs = resolve(v.root / (docs_dir if isinstance(docs_dir, str) else "docs")) or v.root
    if not inside(docs, v.root):
        v.refuse(
            codes.CX016_MKDOCS_INVALID,
            "the docs folder is outside the workspace or hidden in it",
            (),
        )
        return v.root
    # mkdocs follows links inside the docs folder: each must stay in the workspace.
    for link in links_outside(docs, v.root):
        rel = relative_name(v.root, link)
        v.issues.append(
            Issue(
                codes.CX014_OUTSIDE_WORKSPACE,
                f"{rel} is a symbolic link to outside the workspace or to a hidden file; "
                "the site would publish what it points at",
                Span(file=rel),
            )
        )
    return docs


def _vet_url(v: VettedConfig, url: str, where: KeyPath, docs: Path) -> None:
    parts = urlsplit(url)
    if url.startswith("//") or parts.scheme in ("http", "https"):
        return  # remote: see the module's docstring
    if parts.scheme and len(parts.scheme) > 1:  # (a one-letter scheme is a Windows drive)
        v.refuse(
            codes.CX016_MKDOCS_INVALID,
            f"'{url}': only http and https URLs or paths in the docs folder are allowed",
            where,
        )
    elif not url.startswith("/"):  # a site-absolute URL reads no file
        _inside_or_refuse(v, where, docs, url)


def _vet_plugin(
    v: VettedConfig, name: str, options: Any, where: KeyPath, theme: object, untrusted: bool
) -> None:
    if untrusted:
        effective = plugin_name(name, theme)
        if effective not in UNTRUSTED_PLUGINS:
            v.refuse(
                codes.CX017_MKDOCS_RUNS_CODE,
                f"plugin '{name}' is not on untrusted mode's allow-list",
                where,
                "allowed: " + ", ".join(sorted(UNTRUSTED_PLUGINS)),
                at_key=True,
            )
        elif effective == "material/group" and isinstance(options, dict):
            for inner, inner_options, inner_where in named_entries(
                options.get("plugins"), (*where, "plugins")
            ):
                _vet_plugin(v, inner, inner_options, inner_where, theme, untrusted)
    _vet_option_paths(v, options, where)


#: Option names that name files or folders (pymdownx.emoji's ``custom_icons``, material
#: social cards' ``background_image``, any ``*_dir``/``*_file``/``*_path``).
_PATH_SUFFIXES = ("_dir", "_dirs", "_file", "_files", "_path", "_paths", "_image")
_PATH_KEYS = frozenset({"base_path", "custom_icons"})


def _vet_option_paths(v: VettedConfig, options: Any, where: KeyPath) -> None:
    """Plugin and extension options that name a file or a folder stay in the workspace,
    at any depth of the options."""
    if isinstance(options, list):
        for i, item in enumerate(options):
            _vet_option_paths(v, item, (*where, i))
        return
    if not isinstance(options, dict):
        return
    for key, value in options.items():
        if isinstance(key, str) and (key.endswith(_PATH_SUFFIXES) or key in _PATH_KEYS):
            values = value if isinstance(value, list) else [value]
            for i, item in enumerate(values):
                path = (*where, key, i) if isinstance(value, list) else (*where, key)
                if isinstance(item, str):
                    _inside_or_refuse(v, path, v.root, item)
        elif isinstance(value, dict | list):
            _vet_option_paths(v, value, (*where, key))


def _inside_or_refuse(
    v: VettedConfig, path: KeyPath, start: Path, value: str | None = None
) -> bool:
    """True when the path written at ``path`` (relative to ``start``) stays inside."""
    text = value if value is not None else get(v.data, path)
    if not isinstance(text, str):
        return True  # not a path: mkdocs' own validation says what it expected
    target = resolve(start / text)
    if target is not None and inside(target, v.root):
        return True
    v.refuse(
        codes.CX016_MKDOCS_INVALID,
        f"'{text}' leads outside the workspace or to a hidden file in it",
        path,
        "every path mkdocs.yml names must stay inside the workspace",
    )
    return False


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
