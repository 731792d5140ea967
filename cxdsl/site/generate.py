"""Assemble every generated page of one language, and its navigation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compiler import CheckResult
from ..i18n import overrides
from ..model import Journey
from ..model.kinds import KINDS
from ..paths import compare_path, entity_path
from ..render.context import RenderContext
from ..render.pipeline import Diagram
from . import changes_page, compare_page, journey_pages, metrics_page, other_pages
from .attention_view import ATTENTION_PAGE, attention_page
from .check_page import check_page
from .content import PageContext, SiteContent, diagram_file
from .markdown import Writer

if TYPE_CHECKING:
    from .preview import Preview

#: Past this many journeys the navigation groups them by life event and material prunes
#: it (only the open section is written into each page), so pages stay small.
LARGE = 30
#: Who writes the pages that belong to no entity (named if a page path is taken twice).
OWN = "a page of cxdsl's own"
#: The most entries one navigation section holds before it is split.
GROUP = 25
#: Where charts of measured results are written, inside the rendered diagrams' folder.
RESULTS_CHARTS = "results"


def generate_site(
    result: CheckResult,
    diagrams: list[Diagram],
    diagrams_out: Path,
    lang: str,
    repo_url: str | None = None,
    preview: Preview | None = None,
) -> SiteContent:
    """Markdown pages, navigation and diagram files for the site in ``lang``, in the
    workspace's own interface strings (``ui:`` in ``cxdsl.yaml``); with ``preview``, the
    preview of a pull request (:mod:`.preview`)."""
    with overrides(result.workspace.settings):
        return _generate(result, diagrams, diagrams_out, lang, repo_url, preview)


def _generate(
    result: CheckResult,
    diagrams: list[Diagram],
    diagrams_out: Path,
    lang: str,
    repo_url: str | None,
    preview: Preview | None,
) -> SiteContent:
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    w = Writer(ctx)
    t = w.t
    mine = {
        (d.kind, d.path.split("/")[-2] if "/journeys/" in d.path else "workspace"): d
        for d in diagrams
        if d.lang == lang
    }
    pc = PageContext(result, ctx, w, mine, diagrams_out, repo_url, preview=preview)
    site = SiteContent(lang)
    for diagram in mine.values():
        site.files[diagram_file(diagram)] = diagrams_out / f"{diagram.path}.svg"

    site.add_page("index.md", other_pages.home_page(pc), OWN)
    site.add_page(ATTENTION_PAGE, attention_page(pc), OWN)  # the home page's lists, whole
    site.add_page("customer-tree.md", other_pages.customer_tree_page(pc), OWN)
    persona_nav = _persona_pages(site, pc)
    journey_nav = _journey_pages(site, pc)
    site.add_page("metrics/index.md", metrics_page.metrics_page(pc), OWN)
    site.add_page("metrics/coverage.md", other_pages.coverage_page(pc), OWN)
    catalog_nav = _catalog_pages(site, pc)
    site.add_page("check.md", check_page(pc), OWN)
    preview_nav = _preview_pages(site, pc)
    _chart_files(site, pc)
    site.nav = [
        {t("home"): "index.md"},
        *preview_nav,
        {t("customer_tree"): "customer-tree.md"},
        {t("personas"): persona_nav},
        {t("journeys_title"): journey_nav},
        {
            t("metrics_title"): [
                {t("catalogue"): "metrics/index.md"},
                {t("coverage_matrix"): "metrics/coverage.md"},
            ]
        },
        {t("catalog"): catalog_nav},
        {t("check_report"): "check.md"},
    ]
    return site


def _preview_pages(site: SiteContent, pc: PageContext) -> list[Any]:
    """A pull request's preview (``cxdsl build --base``): the changed pages marked, the
    Changes page and the before/after views added; their navigation (none without one)."""
    preview = pc.preview
    if preview is None:
        return []
    changes_page.mark_changed_pages(site, pc, preview)
    return [changes_page.add_preview_pages(site, pc, preview)]


def _chart_files(site: SiteContent, pc: PageContext) -> None:
    """Write the charts of measured results the pages show (``pc.charts``) beside the
    rendered diagrams, and add them to the site; drop the ones no page shows any more."""
    folder = pc.diagrams_out / RESULTS_CHARTS / pc.lang
    written = set()
    for path, svg in sorted(pc.charts.items()):
        target = folder / path.removeprefix("diagrams/")
        if not target.exists() or target.read_text(encoding="utf-8") != svg:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(svg, encoding="utf-8")
        site.files[path] = target
        written.add(target)
    if folder.is_dir():
        for stale in sorted(folder.rglob("*.svg")):
            if stale not in written:
                stale.unlink()


def _persona_pages(site: SiteContent, pc: PageContext) -> list[Any]:
    """The personas' overview and a page per persona; their navigation back."""
    site.add_page("personas/index.md", other_pages.personas_index(pc), OWN)
    nav: list[Any] = [{pc.w.t("overview"): "personas/index.md"}]
    for persona in pc.personas():
        path = entity_path("persona", persona.id)
        site.add_page(path, journey_pages.persona_page(pc, persona), f"persona '{persona.id}'")
        nav.append({pc.ctx.text(persona.name): path})
    return nav


def _journey_pages(site: SiteContent, pc: PageContext) -> list[Any]:
    """The journeys' overview, a page per journey and per to-be comparison; navigation."""
    t, ctx = pc.w.t, pc.ctx
    site.add_page("journeys/index.md", other_pages.journeys_index(pc), OWN)
    journeys = pc.journeys()
    entries: list[tuple[str, dict[str, str]]] = []
    for journey in journeys:
        path = entity_path("journey", journey.id)
        site.add_page(path, journey_pages.journey_page(pc, journey), f"journey '{journey.id}'")
        group = ctx.text(journey.life_event) or t("other")
        entries.append((group, {ctx.text(journey.title): path}))
        base = pc.result.index.entity("journey", journey.based_on)
        if journey.state == "to-be" and isinstance(base, Journey):
            compare = compare_path(journey.id)
            site.add_page(
                compare,
                compare_page.compare_page(pc, journey, base),
                f"the comparison page of journey '{journey.id}'",
            )
            entries.append((group, {f"{t('comparison')}: {ctx.text(journey.title)}": compare}))
    nav: list[Any] = [{t("overview"): "journeys/index.md"}]
    if len(journeys) <= LARGE:
        return nav + [entry for _, entry in entries]
    return nav + _grouped(entries)


def _grouped(entries: list[tuple[str, dict[str, str]]]) -> list[Any]:
    """Navigation entries by life event, in sections of at most ``GROUP``."""
    groups: dict[str, list[Any]] = {}
    for group, entry in entries:
        groups.setdefault(group, []).append(entry)
    nav: list[Any] = []
    for group, items in groups.items():
        if len(items) <= GROUP:
            nav.append({group: items})
            continue
        # Pruning writes only the open section's entries into each page: keep every
        # section short, so a page's size does not grow with the workspace.
        for start in range(0, len(items), GROUP):
            chunk = items[start : start + GROUP]
            nav.append({f"{group} ({start + 1}–{start + len(chunk)})": chunk})
    return nav


def _catalog_pages(site: SiteContent, pc: PageContext) -> list[Any]:
    """A page per catalog kind (channels, actors, ...); their navigation back."""
    nav: list[Any] = []
    for kind in KINDS:
        if kind.catalog:
            site.add_page(kind.catalog_page, other_pages.catalog_page(pc, kind.name), OWN)
            nav.append({pc.w.t(kind.title_key): kind.catalog_page})
    return nav
