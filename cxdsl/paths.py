"""Where every entity lives on the site: one answer, used by pages, links and checks.

Ids may hold letters, digits, ``-``, ``_`` and ``.``; a page path or an anchor keeps
letters, digits, ``-`` and ``_`` (``.`` becomes ``-``). An id that is the name of a page
cxdsl writes itself (``index``, ...) or ends like a comparison page gets a ``_`` appended
to its page name, so it never replaces that page. Two ids of one kind that still map to
the same page or anchor are refused by the check (CX113, ``slug_conflicts``), and the site
refuses to write any output path twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model.kinds import KINDS

#: Where each kind of entity is documented (page, anchor).
_KIND_PAGES = {kind.name: kind.page for kind in KINDS}
#: Names of pages and folders cxdsl writes beside entity pages.
RESERVED = frozenset({"index", "assets", "search", "diagrams"})
#: The suffix of a to-be journey's comparison page.
COMPARE_SUFFIX = "-compare"


def anchor_id(ident: str) -> str:
    """The slug of an id: safe in a file name and an HTML anchor."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", ident)


def _page_name(kind: str, ident: str) -> str:
    slug = anchor_id(ident)
    folded = slug.casefold()
    if has_own_page(kind) and (folded in RESERVED or folded.endswith(COMPARE_SUFFIX)):
        return slug + "_"
    return slug


def entity_path(kind: str, ident: str) -> str:
    """The docs-relative page (and anchor) of an entity."""
    return _KIND_PAGES[kind].format(id=_page_name(kind, ident))


def compare_path(journey_id: str) -> str:
    """The page comparing a to-be journey with the as-is journey it improves."""
    return f"journeys/{anchor_id(journey_id)}{COMPARE_SUFFIX}.md"


def has_own_page(kind: str) -> bool:
    return "#" not in _KIND_PAGES.get(kind, "#")


def slug_conflicts(kind: str, ids: Iterable[str]) -> list[tuple[str, str]]:
    """(id, other id) for every id whose page or anchor an earlier id of ``kind`` takes.

    Ids equal but for case are left to CX101 (duplicate ids).
    """
    taken: dict[str, str] = {}
    out: list[tuple[str, str]] = []
    for ident in ids:
        key = entity_path(kind, ident).casefold()
        other = taken.setdefault(key, ident)
        if other.casefold() != ident.casefold():
            out.append((ident, other))
    return out
