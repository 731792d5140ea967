"""What untrusted mode (``--no-python``) lets ``mkdocs.yml`` use; anything else is CX017.

- plugins: ``cxdsl``, ``search`` and the material plugins that run no code from the
  workspace and read nothing outside it (:data:`UNTRUSTED_PLUGINS`). Left out:
  ``material/privacy`` (it downloads every external URL the pages name, from the runner's
  network: a pull request could make it fetch a cloud metadata endpoint into the site),
  ``material/projects`` (it builds nested ``mkdocs.yml`` files with mkdocs' own loader),
  ``material/info`` (it zips the project for a bug report). ``material/group``'s own
  ``plugins`` are checked against the same list.
- Markdown extensions: Python-Markdown's and pymdown-extensions'
  (:data:`UNTRUSTED_EXTENSIONS`), except ``pymdownx.snippets`` and ``pymdownx.b64``, which
  read files anywhere on the machine (and URLs) into the page. Options that take Python
  callables need a ``!!python/name`` tag, refused in every mode.
"""

from __future__ import annotations

UNTRUSTED_PLUGINS = frozenset(
    {
        "cxdsl",
        "search",
        "material/search",
        "material/tags",
        "material/blog",
        "material/meta",
        "material/group",
        "material/offline",
        "material/typeset",
        "material/social",
        "material/optimize",
    }
)
_MARKDOWN = (
    "abbr",
    "admonition",
    "attr_list",
    "codehilite",
    "def_list",
    "extra",
    "fenced_code",
    "footnotes",
    "legacy_attrs",
    "legacy_em",
    "md_in_html",
    "meta",
    "nl2br",
    "sane_lists",
    "smarty",
    "tables",
    "toc",
    "wikilinks",
)
_PYMDOWNX = (
    "arithmatex",
    "betterem",
    "blocks.admonition",
    "blocks.caption",
    "blocks.definition",
    "blocks.details",
    "blocks.html",
    "blocks.tab",
    "bracketspan",
    "caret",
    "critic",
    "details",
    "emoji",
    "escapeall",
    "extra",
    "fancylists",
    "highlight",
    "inlinehilite",
    "keys",
    "magiclink",
    "mark",
    "pathconverter",
    "progressbar",
    "quotes",
    "saneheaders",
    "smartsymbols",
    "striphtml",
    "superfences",
    "tabbed",
    "tasklist",
    "tilde",
)
UNTRUSTED_EXTENSIONS = frozenset(
    {
        *_MARKDOWN,
        *(f"markdown.extensions.{n}" for n in _MARKDOWN),
        *(f"pymdownx.{n}" for n in _PYMDOWNX),
    }
)


def plugin_name(name: str, theme: object) -> str:
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
