"""Where every entity lives on the site: one answer, used by pages, links and checks.

Ids may hold letters, digits, ``-``, ``_`` and ``.``; a page path or an anchor keeps
letters, digits, ``-`` and ``_`` (``.`` becomes ``-``). Two ids of one kind that map to the
same slug, or an id that takes the name of a page cxdsl writes itself, would make one page
replace another; ``slug_conflicts`` finds them for the check (CX113) and the site refuses
to write any output path twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Where each kind of entity is documented (page, anchor).
_KIND_PAGES = {
    "persona": "personas/{id}.md", "journey": "journeys/{id}.md",
    "segment": "customer-tree.md#segment-{id}", "channel": "catalog/channels.md#channel-{id}",
    "actor": "catalog/actors.md#actor-{id}", "system": "catalog/systems.md#system-{id}",
    "stakeholder": "catalog/stakeholders.md#stakeholder-{id}",
    "evidence": "catalog/evidence.md#evidence-{id}", "metric": "metrics/index.md#metric-{id}",
    "instrument": "metrics/index.md#instrument-{id}",
}
#: Names of pages and folders cxdsl writes beside entity pages.
RESERVED = frozenset({"index", "assets", "search", "diagrams"})
#: The suffix of a to-be journey's comparison page.
COMPARE_SUFFIX = "-compare"


def anchor_id(ident: str) -> str:
    """The slug of an id: safe in a file name and an HTML anchor."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", ident)


def entity_path(kind: str, ident: str) -> str:
    """The docs-relative page (and anchor) of an entity."""
    return _KIND_PAGES[kind].format(id=anchor_id(ident))


def compare_path(journey_id: str) -> str:
    """The page comparing a to-be journey with the as-is journey it improves."""
    return f"journeys/{anchor_id(journey_id)}{COMPARE_SUFFIX}.md"


def has_own_page(kind: str) -> bool:
    return "#" not in _KIND_PAGES.get(kind, "#")


def slug_conflicts(kind: str, ids: Iterable[str],
                   compared: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(id, why) for every id whose page or anchor another id or a generated page takes.

    ``compared`` are the ids of journeys that get a comparison page.
    """
    taken: dict[str, tuple[str, str]] = {}
    if kind == "journey":
        for other in compared:
            slug = (anchor_id(other) + COMPARE_SUFFIX).casefold()
            taken[slug] = (f"the comparison page of '{other}'", "")
    out: list[tuple[str, str]] = []
    for ident in ids:
        slug = anchor_id(ident).casefold()
        if has_own_page(kind) and slug in RESERVED:
            out.append((ident, f"'{slug}' is the name of a page cxdsl writes"))
        elif slug in taken:
            what, other = taken[slug]
            if other.casefold() != ident.casefold():  # same id in another case: CX101
                out.append((ident, f"it would take {what}"))
        taken.setdefault(slug, (f"the page of '{ident}'" if has_own_page(kind)
                                else f"the anchor of '{ident}'", ident))
    return out
