"""The preview site of a pull request (``cxdsl build --base REV``): where each change is.

The workspace at the base revision (its merge base with HEAD, as ``cxdsl diff`` compares)
is checked beside the working tree, the head, and the one diff engine
(:func:`cxdsl.diff.engine.diff_workspaces`) lists what changed. The site then marks every
page an entity of a change lives on, adds a Changes page per language and a before/after
view per changed journey (:mod:`.changes_page`).

:func:`preview_path` is the one answer to "where is this change on the preview site":
the site's own links and ``cxdsl diff --preview-url`` both come from it, so they cannot
drift apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..compiler import CheckResult, check_workspace
from ..diff.engine import Change, WorkspaceDiff, diff_workspaces
from ..diff.revisions import checkout, resolve_pair, short, temporary
from ..loading import LoadOptions
from ..model import Journey
from ..model.kinds import BY_NAME
from ..paths import anchor_id, entity_path

#: The Changes page of a language's site, and the folder of the before/after views.
CHANGES_PAGE = "changes/index.md"
CHANGES_FOLDER = "changes"

#: An entity: (kind, id).
Key = tuple[str, str]


@dataclass(frozen=True)
class BaseVersion:
    """The workspace as the base revision has it, checked (its temporary copy is gone)."""

    result: CheckResult
    #: The base commit, abbreviated (``3f2a9c1``).
    label: str
    #: What the checkout left out, and why (said as warnings).
    notes: tuple[str, ...] = ()


def check_base(
    root: Path, revision: str, *, direct: bool = False, no_python: bool = False
) -> BaseVersion:
    """Check the workspace at ``root`` as it is at the merge base of ``revision`` and HEAD
    (``direct``: at ``revision`` itself).

    Raises :class:`~cxdsl.diff.revisions.RevisionError` for a revision git cannot give
    (a usage mistake) and :class:`~cxdsl.diff.revisions.MissingHistory` when the clone
    lacks the history a merge base needs, as ``cxdsl diff`` does.
    """
    options = LoadOptions(allow_python=False if no_python else None)
    base, _head = resolve_pair(root, revision, None, direct=direct)  # verified ids
    with temporary() as tmp:
        tree = checkout(root, base, Path(tmp) / "base")
        result = check_workspace(tree.root, options, tree.refused)
    return BaseVersion(result, short(root, base), tuple(tree.skipped))


@dataclass
class Preview:
    """A pull request's changes, as the preview site shows them."""

    base: CheckResult
    head: CheckResult
    diff: WorkspaceDiff
    #: The base commit, abbreviated.
    label: str = ""
    #: How many changes each entity has (in the order the diff first names them).
    counts: Counter[Key] = field(init=False)
    #: The base id of each journey the pull request renamed, by its new id.
    renamed: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.counts = Counter((c.kind, c.entity) for c in self.diff.changes)
        self.renamed = {
            c.entity: str(c.before) for c in self.diff.changes if c.category == "journey.renamed"
        }

    @property
    def changes(self) -> list[Change]:
        return self.diff.changes

    def exists(self, kind: str, ident: str) -> bool:
        """Whether the head (the site's workspace) has the entity."""
        return self.head.index.get(kind, ident) is not None

    def base_journey(self, head_id: str) -> Journey | None:
        """The base version of a journey of the head: the one with its id, or the one it
        was renamed from."""
        found = self.base.index.entity("journey", self.renamed.get(head_id, head_id))
        return found if isinstance(found, Journey) else None

    def compared_journeys(self) -> list[tuple[Journey, Journey]]:
        """(base version, head version) of every changed journey both sides have."""
        out = []
        for kind, ident in self.counts:
            head = self.head.index.entity(kind, ident) if kind == "journey" else None
            base = self.base_journey(ident) if isinstance(head, Journey) else None
            if isinstance(head, Journey) and base is not None:
                out.append((base, head))
        return out


def make_preview(base: BaseVersion, head: CheckResult) -> Preview:
    """The changes from the base version to the head, by the one diff engine."""
    return Preview(base.result, head, diff_workspaces(base.result, head), base.label)


def step_anchor(step_id: str) -> str:
    """The anchor of a step on its journey's page (``step-sign-in``)."""
    return f"step-{anchor_id(step_id)}"


def preview_doc(kind: str, entity: str, step: str | None = None) -> str | None:
    """The docs-relative page (and anchor) of an entity, or of one step of a journey
    (``journeys/renew.md#step-sign-in``); None for a kind the site has no page for."""
    if kind not in BY_NAME:
        return None
    doc = entity_path(kind, entity)
    if step and kind == "journey":
        doc += f"#{step_anchor(step)}"
    return doc


def changes_entry_doc(kind: str, entity: str) -> str:
    """The docs-relative entry of an entity on the Changes page."""
    return f"{CHANGES_PAGE}#{entry_anchor(kind, entity)}"


def entry_anchor(kind: str, entity: str) -> str:
    """The anchor of an entity's entry on the Changes page (``change-journey-renew``)."""
    return f"change-{anchor_id(kind)}-{anchor_id(entity)}"


def before_after_doc(journey_id: str) -> str:
    """The docs-relative before/after view of a changed journey."""
    return f"{CHANGES_FOLDER}/{entity_path('journey', journey_id)}"


def doc_url(doc: str) -> str:
    """A docs-relative page as its URL in a language's site (mkdocs' directory URLs):
    ``journeys/renew.md#step-x`` → ``journeys/renew/#step-x``, ids URL-quoted."""
    page, _, anchor = doc.partition("#")
    parts = page.removesuffix(".md").split("/")
    if parts[-1] == "index":
        parts.pop()
    url = "".join(f"{quote(part, safe='')}/" for part in parts)
    return url + (f"#{quote(anchor, safe='')}" if anchor else "")


def preview_path(kind: str, entity: str, lang: str, step: str | None = None) -> str | None:
    """The URL of a change's page in the preview site, relative to the site's root
    (``en/journeys/renew/#step-sign-in``); None for a kind the site has no page for.

    Join it to where the preview is served (``cxdsl diff --preview-url``). The entity
    must be on the head: a removed one has no page (its entry on the Changes page,
    :func:`change_path`, says it was removed)."""
    doc = preview_doc(kind, entity, step)
    return None if doc is None else f"{quote(lang, safe='')}/{doc_url(doc)}"


def change_doc(change: Change, head: CheckResult) -> str | None:
    """The docs-relative page where a change is seen on the head: its entity's page, at
    the step where the step is still there; the entity's entry on the Changes page when
    the head no longer has the entity; None for a kind the site has no page for."""
    if change.kind not in BY_NAME:
        return None
    if head.index.get(change.kind, change.entity) is None:
        return changes_entry_doc(change.kind, change.entity)
    return preview_doc(change.kind, change.entity, _head_step(change, head))


def change_path(change: Change, lang: str, head: CheckResult) -> str | None:
    """:func:`change_doc` as a URL relative to the preview site's root (see
    :func:`preview_path`): what ``cxdsl diff --preview-url`` links a change to."""
    doc = change_doc(change, head)
    return None if doc is None else f"{quote(lang, safe='')}/{doc_url(doc)}"


def _head_step(change: Change, head: CheckResult) -> str | None:
    """The change's step, where the head's journey still has it."""
    if change.kind != "journey" or not change.step:
        return None
    found = head.index.get("journey", change.entity)
    journey = found.entity if found is not None else None
    if isinstance(journey, Journey) and any(s.id == change.step for s in journey.steps()):
        return change.step
    return None
