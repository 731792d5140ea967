"""material's search index, made for Arabic and English readers.

Two changes to what material's search plugin writes (``search/search_index.json``):

- **Separators.** material's parser keeps the text of a table without its cells, so a
  result read "80 دقيقة فعلية70 دقيقة انتظار"; it keeps lists as ``<ol>``/``<li>`` markup,
  which the result list shows as nested numbered lists ("a.", "b." …) cut out of context.
  While material reads a page, it reads a copy (:func:`with_separators`) where a cell, a
  line break (``<br>``) or a list item ends with a marker and list markup is gone; the
  markers become " · " (and " | " between table rows) in the index (:func:`separate`).
  The page itself is not changed.
- **Search keys.** Each entry gains two fields that material's search worker indexes like
  any other (``config.fields``, same boosts as title and text) but never shows:
  ``cxdsl_title`` and ``cxdsl_text``: for each word, its folded forms with and without its
  article and the key of each (:mod:`cxdsl.site.search_text`; a query loses one article,
  so «التزام» is typed as the key «تزام» and finds «الالتزام», whose forms are «الالتزام»
  and «التزام»), those the word's own text does not
  already start with (the worker matches every query term as a prefix, so a word typed in
  part finds them too). The query shim
  (:mod:`cxdsl.site.search_shim`) turns what the reader types into the same keys.

The index is written back as UTF-8 (material writes ``\\uXXXX`` escapes: the Arabic index
shrinks to about half).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .search_text import article_forms, fold, stem, words

log = logging.getLogger("mkdocs.plugins.cxdsl")
INDEX_FILE = Path("search") / "search_index.json"
#: The hidden fields, with the field whose boost each takes.
KEY_FIELDS = {"title": "cxdsl_title", "text": "cxdsl_text"}
DEFAULT_BOOSTS = {"title": 1e3, "text": 1.0}
DEFAULT_SEPARATOR = r"[\s\-]+"
#: Private-use characters that mark, in the copy material reads, where a cell (or item,
#: or line) and where a table row ends.
CELL, ROW = "\ue000", "\ue001"
CELL_TEXT, ROW_TEXT = " · ", " | "

_CELL_END = re.compile(r"</t[dh]>|</li>|</dt>|</dd>|</summary>|</figcaption>|</caption>|</[ou]l>")
_LINE_BREAK = re.compile(r"<br\s*/?>")
_ROW_END = re.compile(r"</tr>")
_LIST_TAG = re.compile(r"</?(?:ol|ul|li)\b[^>]*>")
_BLOCK_TAG = re.compile(r"(</?(?:p|pre)>)")
_MARKER_RUN = re.compile(rf"\s*[{CELL}{ROW}][\s{CELL}{ROW}]*")
_EDGE = f" \t\r\n{CELL}{ROW}"
_TAG = re.compile(r"<[^>]*>")
#: What lunr's trimmer keeps at a token's ends (material's Arabic and English search).
_LUNR_TRIM = re.compile(
    r"^[^A-Za-z0-9_\u0621-\u065b\u0671\u0640]+|[^A-Za-z0-9_\u0621-\u065b\u0671\u0640]+$"
)


def with_separators(content: str) -> str:
    """The page's HTML as material's search should read it: a marker after each cell,
    line break, list item and row; no list markup (the result list would number it)."""
    content = _CELL_END.sub(lambda m: m.group() + CELL, content)
    content = _LINE_BREAK.sub(lambda m: m.group() + CELL, content)
    content = _ROW_END.sub(lambda m: m.group() + ROW, content)
    return _LIST_TAG.sub("", content)


def separate(text: str) -> str:
    """Indexed text with its markers turned into " · " and " | ", none at the start or end
    of the text or of a paragraph. Text without markers is returned as it is."""
    if CELL not in text and ROW not in text:
        return text
    parts = _BLOCK_TAG.split(text)
    return "".join(part if i % 2 else _separate_part(part) for i, part in enumerate(parts))


def _separate_part(part: str) -> str:
    if CELL not in part and ROW not in part:
        return part
    core = part.strip(_EDGE)
    if not core:
        return " " if part else ""
    core = _MARKER_RUN.sub(lambda m: ROW_TEXT if ROW in m.group() else CELL_TEXT, core)
    lead = " " if part[0] in _EDGE else ""
    trail = " " if part[-1] in _EDGE else ""
    return lead + core + trail


def plain_text(indexed: str) -> str:
    """Indexed text (escaped HTML with a few tags) as plain text."""
    return html.unescape(_TAG.sub(" ", indexed))


def index_keys(text: str, separator: str = DEFAULT_SEPARATOR) -> str:
    """The search keys of plain ``text`` that its own tokens do not already start with,
    each once, separated by spaces. ``separator`` splits tokens as the search worker does."""
    try:
        tokens = re.split(separator, text)
    except re.error:  # a JavaScript pattern Python cannot read
        tokens = re.split(DEFAULT_SEPARATOR, text)
    keys: dict[str, None] = {}
    for token in tokens:
        raw = _LUNR_TRIM.sub("", token.lower())
        for word in words(fold(token)):
            forms = article_forms(word)
            for key in (*forms, *(stem(form) for form in forms)):
                if not raw.startswith(key):
                    keys[key] = None
    return " ".join(keys)


def rewrite_index(data: dict[str, Any]) -> dict[str, Any]:
    """material's search index with separators in its text and the hidden key fields."""
    config = data.get("config")
    config = config if isinstance(config, dict) else {}
    fields = config.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    for field, keys_field in KEY_FIELDS.items():
        spec = fields.get(field)
        boost = spec.get("boost") if isinstance(spec, dict) else None
        fields[keys_field] = {"boost": boost if boost is not None else DEFAULT_BOOSTS[field]}
    config["fields"], data["config"] = fields, config
    separator = config.get("separator") or DEFAULT_SEPARATOR
    for doc in data.get("docs") or []:
        for field, keys_field in KEY_FIELDS.items():
            value = doc.get(field)
            if not isinstance(value, str):
                continue
            doc[field] = separate(value)
            keys = index_keys(plain_text(doc[field]), separator)
            if keys:
                doc[keys_field] = keys
            else:
                doc.pop(keys_field, None)
    return data


def rewrite_index_file(site_dir: Path) -> bool:
    """Rewrite the built site's search index in place; False when there is none."""
    path = site_dir / INDEX_FILE
    if not path.is_file():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return False
    text = json.dumps(rewrite_index(data), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return True


def is_material_search(plugin: object) -> bool:
    """Whether ``plugin`` is material's search plugin (the one whose index this module knows)."""
    return type(plugin).__module__.startswith("material.plugins.search")


def read_with_separators(plugin: object) -> bool:
    """Make material's search read each page through :func:`with_separators`.

    The plugin's index reads ``page.content`` in ``add_entry_from_context``; the page gets
    its own content back right after. False (and search as material makes it) when the
    plugin has no such index, as in a material version that reads pages otherwise.
    """
    index = getattr(plugin, "search_index", None)
    add: Callable[[Any], object] | None = getattr(index, "add_entry_from_context", None)
    if index is None or add is None:
        log.debug("cxdsl: material's search index has no add_entry_from_context")
        return False
    if getattr(add, "cxdsl_separators", False):
        return True

    def add_entry(page: Any) -> object:
        content = page.content
        page.content = with_separators(content) if isinstance(content, str) else content
        try:
            return add(page)
        finally:
            page.content = content

    add_entry.cxdsl_separators = True  # type: ignore[attr-defined]
    index.add_entry_from_context = add_entry
    return True
