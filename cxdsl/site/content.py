"""What a generated site holds for one language: pages, navigation and files."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compiler import CheckResult
from ..errors import CxdslError
from ..model import Journey, Metric, Persona
from ..render.context import RenderContext
from ..render.pipeline import Diagram
from .diagram_embed import figure as figure_md
from .markdown import Writer, escape_markdown, relative

if TYPE_CHECKING:
    from .measured_figures import JourneyResults
    from .preview import Preview

#: An SVG's description (:func:`cxdsl.render.pipeline.finish_svg` and the charts write one).
_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.S)


def image_alt(summary: str, title: str) -> str:
    """An image's alt text under a caption of ``title``: the one-line ``summary`` of what
    it shows (the caption already says what it is, so the alt does not repeat it), else
    the title; escaped Markdown without isolating markup (it becomes an attribute)."""
    return escape_markdown(" ".join(summary.split()) or title)


def chart_alt(svg: str, title: str) -> str:
    """:func:`image_alt` of a chart from the description its SVG carries (``<desc>``)."""
    found = _DESC.search(svg)
    return image_alt(html.unescape(found.group(1)) if found else "", title)


@dataclass
class SiteContent:
    """Docs-relative paths to Markdown, the navigation, and files to copy in."""

    lang: str
    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    #: Who each page belongs to, said for a person (by folded path).
    owners: dict[str, str] = field(default_factory=dict)

    def add_page(self, path: str, markdown: str, owner: str) -> None:
        """Add a page; two owners of one output path end the build (exit 2, both named)."""
        other = self.owners.get(path.casefold())
        if other is not None:
            raise CxdslError(
                f"two pages would be written to {path}: {other} and {owner} "
                "(cxdsl check names the id to change: CX101 or CX113)"
            )
        self.owners[path.casefold()] = owner
        self.pages[path] = markdown


@dataclass
class PageContext:
    """The check result, the language, and the diagrams written for it."""

    result: CheckResult
    ctx: RenderContext
    w: Writer
    diagrams: dict[tuple[str, str], Diagram]  # (kind, subject) -> diagram
    diagrams_out: Path
    repo_url: str | None = None
    #: Charts of measured results the pages show: docs-relative path -> SVG document
    #: (:mod:`.measured_pages` adds them, :func:`.generate.generate_site` writes them).
    charts: dict[str, str] = field(default_factory=dict)
    #: The measured results grouped by journey id (once per site, on first use).
    by_journey: dict[str, JourneyResults] | None = None
    #: The pull request a preview site shows (``cxdsl build --base``); None otherwise.
    preview: Preview | None = None
    #: Pages that already show a diagram (the first on a page loads at once, not lazily).
    figured: set[str] = field(default_factory=set)

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def journeys(self) -> list[Journey]:
        return [
            d.entity for d in self.result.index.docs("journey") if isinstance(d.entity, Journey)
        ]

    def personas(self) -> list[Persona]:
        return [
            d.entity for d in self.result.index.docs("persona") if isinstance(d.entity, Persona)
        ]

    def metrics(self) -> list[Metric]:
        return [d.entity for d in self.result.index.docs("metric") if isinstance(d.entity, Metric)]

    def figure(self, kind: str, subject: str, here: str) -> str:
        """A diagram with its caption and its text alternative (collapsed)."""
        diagram = self.diagrams.get((kind, subject))
        if diagram is None:
            return ""
        title = self.w.plain(diagram.title)
        alt_text = "\n".join(
            "    " + line if line else "" for line in diagram.alt_text.rstrip().splitlines()
        )
        if not (self.diagrams_out / f"{diagram.path}.svg").exists():
            # Not rendered (no Graphviz): the text alternative stands in, open.
            return f'!!! info "{title}"\n\n{alt_text}\n\n'
        src = relative(here, diagram_file(diagram))
        svg = (self.diagrams_out / f"{diagram.path}.svg").read_text(encoding="utf-8")
        # The image's alt says what the diagram shows (its one-line summary), not its title.
        alt = image_alt(diagram.description, diagram.title)
        # Markdown (not raw HTML) links, so mkdocs resolves them for directory URLs.
        lazy = here in self.figured
        self.figured.add(here)
        return (
            figure_md(src, alt, title, escape_markdown(self.w.t("open_full_size")), svg, lazy)
            + f'??? info "{self.w.t("text_alternative")}"\n\n{alt_text}\n\n'
        )


def diagram_file(diagram: Diagram) -> str:
    """Where a diagram lives inside a language's site: ``diagrams/...svg``."""
    return "diagrams/" + diagram.path.split("/", 1)[1] + ".svg"
