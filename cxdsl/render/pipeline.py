"""Plan, cache and render every diagram of a workspace, in every language.

A diagram is rendered from its *source* (DOT, or the finished SVG for charts); the cache
key is a hash of that source, its title and text alternative, the renderer version and
the Graphviz version. Anything that changes the picture changes the source, so an
unchanged journey is never rendered again, and a new Graphviz re-renders everything.
Rendering runs ``dot`` in parallel threads (the work is in the subprocess).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Literal

import graphviz

from ..i18n import is_rtl, overrides, ui
from ..model import Journey, Settings
from ..resolve import Index
from ..site.markdown import escape_markdown
from . import alt
from .blueprint import blueprint_dot
from .context import RenderContext
from .emotion_curve import emotion_curve_svg
from .journey_map import journey_map_dot
from .workspace_maps import (
    actor_map_dot,
    customer_tree_dot,
    customer_tree_text,
    tree_kinds,
    tree_title,
    workspace_trees,
)

#: Bump when a renderer changes its output, so cached diagrams are redrawn.
RENDERER_VERSION = "1"
MANIFEST = ".cxdsl-diagrams.json"
INSTALL_HINT = "install it with: sudo apt-get install graphviz"


@dataclass(frozen=True)
class Diagram:
    """One picture to produce: where it goes, what it says, and its source."""

    kind: str
    lang: str
    path: str  # relative, without extension: "en/journeys/<id>/journey-map"
    title: str
    alt_text: str  # Markdown, model text escaped
    description: str  # one plain line, for the SVG <desc>
    engine: Literal["dot", "svg"]
    source: str

    def key(self, graphviz_version: str) -> str:
        digest = hashlib.sha256()
        for part in (
            RENDERER_VERSION,
            graphviz_version,
            self.engine,
            self.title,
            self.description,
            self.source,
        ):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()[:32]


@dataclass
class RenderReport:
    rendered: int = 0
    reused: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    dot_missing: bool = False

    def summary(self) -> str:
        text = f"diagrams: {self.rendered} rendered, {self.reused} reused"
        if self.skipped:
            text += f", {len(self.skipped)} skipped (no Graphviz)"
        if self.failed:
            text += f", {len(self.failed)} failed"
        return text


def plan_diagrams(index: Index, settings: Settings) -> list[Diagram]:
    """Every diagram of the workspace, in every workspace language, in a stable order."""
    diagrams = []
    journeys = [d.entity for d in index.docs("journey") if isinstance(d.entity, Journey)]
    with overrides(settings):  # the workspace's own interface strings (ui: in cxdsl.yaml)
        for lang in settings.languages:
            ctx = RenderContext(index, settings, lang)
            for journey in journeys:
                base = index.entity("journey", journey.based_on)
                base = base if isinstance(base, Journey) else None
                diagrams += _journey_diagrams(ctx, journey, base)
            diagrams += _workspace_diagrams(ctx)
    return diagrams


def _texts(make: Callable[..., str], lang: str, *args: object) -> tuple[str, str]:
    """A diagram's text alternative: (Markdown, plain one-line description)."""
    md = make(*args, f=lambda text: escape_markdown(text, is_rtl(lang)))
    return md, make(*args).split("\n", 1)[0]


def _journey_diagrams(ctx: RenderContext, journey: Journey, base: Journey | None) -> list[Diagram]:
    """A journey's map, service blueprint and emotion curve (against its as-is ``base``)."""
    lang = ctx.lang
    folder = f"{lang}/journeys/{journey.id}"
    name = ctx.text(journey.title)
    curve_title = f"{ui('emotion_curve', lang)}: {name}"
    curve_alt, curve_desc = _texts(alt.emotion_curve_alt, lang, ctx, journey, base)
    return [
        Diagram(
            "journey-map",
            lang,
            f"{folder}/journey-map",
            f"{ui('journey_map', lang)}: {name}",
            *_texts(alt.journey_map_alt, lang, ctx, journey),
            "dot",
            journey_map_dot(ctx, journey),
        ),
        Diagram(
            "service-blueprint",
            lang,
            f"{folder}/service-blueprint",
            f"{ui('service_blueprint', lang)}: {name}",
            *_texts(alt.blueprint_alt, lang, ctx, journey),
            "dot",
            blueprint_dot(ctx, journey),
        ),
        Diagram(
            "emotion-curve",
            lang,
            f"{folder}/emotion-curve",
            curve_title,
            curve_alt,
            curve_desc,
            "svg",
            emotion_curve_svg(ctx, journey, base, curve_title, curve_desc),
        ),
    ]


def _workspace_diagrams(ctx: RenderContext) -> list[Diagram]:
    """The customer tree (one per segmentation dimension) and the actor map."""
    lang = ctx.lang
    return [
        *_customer_trees(ctx),
        Diagram(
            "actor-map",
            lang,
            f"{lang}/actor-map",
            ui("actor_map", lang),
            *_texts(alt.actor_map_alt, lang, ctx),
            "dot",
            actor_map_dot(ctx),
        ),
    ]


def _customer_trees(ctx: RenderContext) -> list[Diagram]:
    """The customer tree; with several segmentation dimensions, one per dimension (the
    first keeps the kind ``customer-tree``, which the home page shows)."""
    lang = ctx.lang
    trees = workspace_trees(ctx)
    if len(trees) <= 1:
        return [
            Diagram(
                "customer-tree",
                lang,
                f"{lang}/customer-tree",
                ui("customer_tree", lang),
                *_texts(customer_tree_text, lang, ctx, None),
                "dot",
                customer_tree_dot(ctx),
            )
        ]
    return [
        Diagram(
            kind,
            lang,
            f"{lang}/{kind}",
            tree_title(ctx, tree),
            *_texts(customer_tree_text, lang, ctx, tree),
            "dot",
            customer_tree_dot(ctx, tree),
        )
        for kind, tree in zip(tree_kinds(trees), trees, strict=True)
    ]


@cache
def graphviz_version() -> str | None:
    """``dot -V`` of the Graphviz on PATH, or None when it is missing."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    done = subprocess.run([dot, "-V"], capture_output=True, text=True, check=False)
    return (done.stderr or done.stdout).strip() or "unknown"


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def finish_svg(svg: str, title: str, description: str) -> str:
    """Give a Graphviz SVG an accessible title and description (role=img, labelled)."""
    match = _SVG_OPEN.search(svg)
    if match is None:
        return svg
    tag = match.group()
    tag = tag[:-1] + ' role="img" aria-labelledby="title desc">'
    head = (
        f'\n<title id="title">{escape(title, quote=False)}</title>\n'
        f'<desc id="desc">{escape(description, quote=False)}</desc>'
    )
    return svg[: match.start()] + tag + head + svg[match.end() :]


def _render(diagram: Diagram) -> str:
    if diagram.engine == "svg":
        return diagram.source
    svg = graphviz.pipe("dot", "svg", diagram.source.encode("utf-8"), quiet=True)
    return finish_svg(svg.decode("utf-8"), diagram.title, diagram.description)


def _write_if_changed(path: Path, content: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)


def render_diagrams(
    diagrams: Iterable[Diagram], out: Path, cache_dir: Path, jobs: int | None = None
) -> RenderReport:
    """Write ``<out>/<path>.svg`` and its text alternative ``<path>.md`` for each diagram."""
    report = RenderReport()
    version = graphviz_version()
    report.dot_missing = version is None
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[Diagram, Path]] = []
    ready: list[tuple[Diagram, Path]] = []
    for diagram in diagrams:
        if diagram.engine == "dot" and version is None:
            report.skipped.append(diagram.path)
            continue
        cached = cache_dir / f"{diagram.key(version or 'none')}.svg"
        (ready if cached.exists() else todo).append((diagram, cached))
    report.reused = len(ready)

    def work(item: tuple[Diagram, Path]) -> tuple[Diagram, Path, str | None]:
        diagram, cached = item
        try:
            _write_if_changed(cached, _render(diagram))
            return diagram, cached, None
        except (graphviz.CalledProcessError, graphviz.ExecutableNotFound, OSError) as exc:
            return diagram, cached, str(exc).strip().splitlines()[-1] if str(exc) else repr(exc)

    workers = jobs or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for diagram, cached, error in pool.map(work, todo):
            if error is None:
                report.rendered += 1
                ready.append((diagram, cached))
            else:
                report.failed.append((diagram.path, error))

    written: list[str] = []
    for diagram, cached in sorted(ready, key=lambda item: item[0].path):
        _write_if_changed(out / f"{diagram.path}.svg", cached.read_text(encoding="utf-8"))
        _write_if_changed(out / f"{diagram.path}.md", diagram.alt_text)
        written += [f"{diagram.path}.svg", f"{diagram.path}.md"]
    _prune(out, cache_dir, written, {c.name for _, c in ready})
    return report


def _prune(out: Path, cache_dir: Path, written: list[str], keys: set[str]) -> None:
    """Remove outputs of diagrams that no longer exist, and cache entries not used now."""
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            previous = json.loads(manifest.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            previous = []
        for rel in set(previous) - set(written):
            stale = out / rel
            if stale.is_file():
                stale.unlink()
    _write_if_changed(manifest, json.dumps(sorted(written), indent=0) + "\n")
    for entry in cache_dir.glob("*.svg"):
        if entry.name not in keys:
            entry.unlink()
