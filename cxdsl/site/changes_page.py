"""The pages a pull request's preview adds to a language's site (``cxdsl build --base``).

- the Changes page: every change, grouped by the entity it is about (in the order of
  :data:`~cxdsl.model.kinds.KINDS`), each in the designer's words (:mod:`cxdsl.diff.words`,
  the same words as the pull-request comment) and linked to where it is seen
  (:func:`.preview.change_doc`); a removed entity's entry says so, with no link;
- a before/after view per journey both sides have: the base version against the head's,
  rendered as the as-is vs to-be comparison is (:func:`.compare_page.comparison_sections`);
- on every page an entity of a change lives on, a notice near its top: "Changed in this
  pull request", how many changes, and a link to the before/after view (a journey) or to
  the entity's entry on the Changes page.

Words come as HTML fragments whose model text is escaped; :func:`markdown_safe` also
writes every character Markdown would read as syntax as an entity, so no model text
becomes emphasis, a link or an attribute list on its way through Markdown.
"""

from __future__ import annotations

import re
from typing import Any

from ..diff.engine import Change
from ..diff.picture import change_window, emotion_series
from ..diff.view import DiffView
from ..diff.words import describe_html
from ..model import Journey
from ..model.kinds import BY_NAME, KINDS
from ..paths import anchor_id, entity_path
from ..render.change_curve import change_curve_svg
from ..render.context import RenderContext
from .compare_page import Sides, comparison_sections, versions
from .content import PageContext, SiteContent
from .markdown import Writer, relative
from .measured_figures import chart_md
from .preview import (
    CHANGES_PAGE,
    Key,
    Preview,
    before_after_doc,
    change_doc,
    changes_entry_doc,
    entry_anchor,
)

#: Who writes the preview's pages (named if a page path is taken twice).
OWN = "the pull request's preview"
#: Past this many changed journeys, their before/after views are reached from the Changes
#: page only, not listed in the navigation (which every page carries).
NAV_VIEWS = 25
#: Tags, kept as they are, and the text between them.
_TAG = re.compile(r"(<[^>]*>)")
#: What Markdown (and its attribute lists) could read as syntax in a text; ``&``, ``<`` and
#: ``>`` are escaped in a safe fragment already.
_MD_SYNTAX = re.compile(r"[\\`*_{}\[\]()!~^=|]")
#: At the start of a line, these also start blocks (headings, lists, quotes).
_BLOCK_START = re.compile(r"^(\s*)([#+\-]|\d+(?=[.)]))")


def change_html(change: Change, view: DiffView, lang: str) -> str:
    """One change in the designer's words, as a safe HTML fragment: the one place the
    preview site gets a change's words from."""
    return describe_html(change, view, lang)


def markdown_safe(fragment: str) -> str:
    """A safe HTML fragment as inline Markdown that renders exactly as that HTML: the
    tags kept, every Markdown character of the text between them written as an entity,
    line breaks as ``<br>``."""
    parts = _TAG.split(fragment)
    for i in range(0, len(parts), 2):  # the text between tags
        parts[i] = _MD_SYNTAX.sub(lambda m: f"&#{ord(m.group())};", parts[i])
    parts[0] = _BLOCK_START.sub(
        lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), parts[0]
    )
    return "".join(parts).replace("\r", "").replace("\n", "<br>")


def base_context(pc: PageContext, preview: Preview) -> PageContext:
    """A page context over the base revision's workspace, in ``pc``'s language: what
    names the base's personas, channels and steps as they were."""
    base = preview.base
    ctx = RenderContext(base.index, base.workspace.settings, pc.lang)
    return PageContext(base, ctx, Writer(ctx), {}, pc.diagrams_out, pc.repo_url)


def add_preview_pages(site: SiteContent, pc: PageContext, preview: Preview) -> dict[str, Any]:
    """Add the Changes page and the before/after views to ``site``; their navigation
    section back."""
    t = pc.w.t
    view = DiffView(preview.base, preview.head)
    base_pc = base_context(pc, preview)
    site.add_page(CHANGES_PAGE, changes_page(pc, base_pc, preview, view), OWN)
    nav: list[Any] = [{t("preview.all_changes"): CHANGES_PAGE}]
    compared = preview.compared_journeys()
    for before, after in compared:
        path = before_after_doc(after.id)
        page = before_after_page(pc, base_pc, preview, view, (before, after))
        site.add_page(path, page, f"the before/after view of journey '{after.id}'")
        if len(compared) <= NAV_VIEWS:
            nav.append({f"{t('preview.before_after')}: {pc.ctx.text(after.title)}": path})
    return {t("preview.changes"): nav}


def changes_page(pc: PageContext, base_pc: PageContext, preview: Preview, view: DiffView) -> str:
    """Every change of the pull request, by the entity it is about."""
    w, t = pc.w, pc.w.t
    out = [f"# {t('preview.changes')}\n"]
    if not preview.changes:
        return "\n".join([*out, f"{t('preview.nothing')}\n"])
    counted = pc.ctx.count(len(preview.changes), "change")
    out.append(w.plain(t("preview.intro").format(base=preview.label, changes=counted)) + "\n")
    groups = _grouped(preview.changes)
    for kind in [*(k.name for k in KINDS), *sorted(k for k in groups if k not in BY_NAME)]:
        entities = groups.get(kind)
        if not entities:
            continue
        title = t(BY_NAME[kind].title_key) if kind in BY_NAME else w.plain(kind)
        out.append(f"\n## {title}\n")
        for ident, changes in entities.items():
            out += _entry(pc, base_pc, preview, view, (kind, ident), changes)
    return "\n".join(out)


def _grouped(changes: list[Change]) -> dict[str, dict[str, list[Change]]]:
    """Changes by kind, then by entity, each in the order the diff gives them."""
    out: dict[str, dict[str, list[Change]]] = {}
    for change in changes:
        out.setdefault(change.kind, {}).setdefault(change.entity, []).append(change)
    return out


def _entry(
    pc: PageContext,
    base_pc: PageContext,
    preview: Preview,
    view: DiffView,
    key: Key,
    changes: list[Change],
) -> list[str]:
    """One entity's entry: its name, where to see it (nothing for a removed one), and
    each of its changes in words, linked to the page (and step) it is seen at."""
    w, t = pc.w, pc.w.t
    kind, ident = key
    here = CHANGES_PAGE
    exists = preview.exists(kind, ident)
    name = (pc if exists else base_pc).ctx.name_of(kind, ident)
    out = [f"\n### {w.plain(name)} {{#{entry_anchor(kind, ident)}}}\n"]
    links = [w.plain(pc.ctx.count(len(changes), "change"))]
    if not exists:
        links.append(t("preview.removed"))
    elif kind in BY_NAME:
        links.append(w.link(t("preview.open_page"), relative(here, entity_path(kind, ident))))
    if exists and kind == "journey" and preview.base_journey(ident) is not None:
        view_doc = before_after_doc(ident)
        links.append(w.link(t("preview.before_after"), relative(here, view_doc)))
    out += [" · ".join(links), ""]
    for change in changes:
        line = markdown_safe(change_html(change, view, pc.lang))
        doc = change_doc(change, preview.head) if exists else None
        seen = f" ({w.link(t('preview.see_on_page'), relative(here, doc))})" if doc else ""
        head, sub, subs = line.partition("<ul>")  # the link before a change's field lines
        out.append(f"- {head}{seen}{sub}{subs}")
    return out


def before_after_page(
    pc: PageContext,
    base_pc: PageContext,
    preview: Preview,
    view: DiffView,
    journeys: tuple[Journey, Journey],
) -> str:
    """A changed journey before (the base revision's version) and after (the head's):
    the emotion curves, the effort, step by step, then every change in words."""
    w, t = pc.w, pc.w.t
    before, after = journeys
    here = before_after_doc(after.id)
    out = [
        f"# {t('preview.before_after')}: {w.inline(after.title)}\n",
        f"- {w.plain(t('preview.before_at').format(base=preview.label))}",
        f"- {t('preview.after_here')}: {w.entity_link('journey', after.id, here)}\n",
    ]

    def words(change: Change) -> str:
        return markdown_safe(change_html(change, view, pc.lang))

    sides = Sides("preview.before", "preview.after", base_pc, scoped=False, words=words)
    curve = change_curves(pc, base_pc, journeys, here)
    out += comparison_sections(pc, versions(before, after), sides, curve)
    changes = [c for c in preview.changes if (c.kind, c.entity) == ("journey", after.id)]
    out.append(f"\n## {t('preview.journey_changes')}\n")
    out += [f"- {words(change)}" for change in changes]
    entry = relative(here, changes_entry_doc("journey", after.id))
    out.append(f"\n{w.link(t('preview.see_changes'), entry)}\n")
    return "\n".join(out)


def change_curves(
    pc: PageContext, base_pc: PageContext, journeys: tuple[Journey, Journey], here: str
) -> str:
    """Each persona's emotion before and after, one chart per persona whose feeling moved,
    over the stages that changed and their neighbours (Markdown); the journey's own
    emotion curve when no feeling moved."""
    before, after = journeys
    ctx = pc.ctx
    window = change_window(before, after)
    out = []
    for series in emotion_series(base_pc.ctx, ctx, before, after, window):
        if not series.moved:
            continue
        svg = change_curve_svg(ctx, before, after, series.persona, window)
        who = f" · {ctx.short_name_of(series.persona)}" if series.persona else ""
        title = f"{pc.w.t('change_curve')}: {ctx.text(after.title)}{who}"
        name = f"changes/{anchor_id(after.id)}/change-curve-{anchor_id(series.persona or '-')}"
        out.append(chart_md(pc, name, svg, title, here))
    return "".join(out) or pc.figure("emotion-curve", after.id, here)


def mark_changed_pages(site: SiteContent, pc: PageContext, preview: Preview) -> None:
    """Put the "changed in this pull request" notice near the top of every page an
    entity of a change lives on (a shared page, such as the metrics page, lists each)."""
    by_page: dict[str, list[Key]] = {}
    for kind, ident in preview.counts:
        if kind in BY_NAME and preview.exists(kind, ident):
            page = entity_path(kind, ident).split("#", 1)[0]
            by_page.setdefault(page, []).append((kind, ident))
    for page, keys in by_page.items():
        if page in site.pages:
            site.pages[page] = with_notice(site.pages[page], notice(pc, preview, page, keys))


def notice(pc: PageContext, preview: Preview, here: str, keys: list[Key]) -> str:
    """The notice of the entities of a page a change touched: each by name, its number of
    changes, and where to see them."""
    w, t = pc.w, pc.w.t
    lines = []
    for kind, ident in keys:
        said = w.plain(pc.ctx.count(preview.counts[(kind, ident)], "change"))
        said += f" · {_see(pc, preview, here, (kind, ident))}"
        if "#" in entity_path(kind, ident):  # a section of a shared page: named, linked
            name = w.plain(pc.ctx.name_of(kind, ident))
            said = f"{w.link(name, relative(here, entity_path(kind, ident)))}: {said}"
        lines.append(f"    - {said}")
    return f'!!! info cx-changed "{t("preview.changed")}"\n\n' + "\n".join(lines) + "\n"


def _see(pc: PageContext, preview: Preview, here: str, key: Key) -> str:
    """Where a changed entity's changes are shown: a journey's before/after view, else
    its entry on the Changes page."""
    kind, ident = key
    t = pc.w.t
    if kind == "journey" and preview.base_journey(ident) is not None:
        return pc.w.link(t("preview.see_before_after"), relative(here, before_after_doc(ident)))
    return pc.w.link(t("preview.see_changes"), relative(here, changes_entry_doc(kind, ident)))


def with_notice(markdown: str, text: str) -> str:
    """``markdown`` with ``text`` after its title (its first ``# `` line), else first."""
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", text, *lines[at:]])
