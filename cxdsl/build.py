"""The build pipeline: from a workspace and its ``mkdocs.yml`` to a site, stage by stage.

    vet mkdocs.yml ─► check ─► plan diagrams ─► render (cached) ─► per language:
    generate pages ─► mkdocs ─► site/<lang>/ ─► redirect (site/index.html)

``cxdsl build`` runs every stage (:func:`build_site`); ``cxdsl render`` the middle ones
(:func:`prepare`); ``cxdsl serve`` (:func:`serve_site`) and the mkdocs plugin, used in a
plain ``mkdocs build``, run :func:`prepare` and generate pages on every (re)build.

A mistake in the model is a diagnostic and the build goes on; a ``mkdocs.yml`` that cannot
be used safely stops it before anything runs (CX016/CX017, ``SiteReport.built``); a failure
(mkdocs, Graphviz's output, the file system) raises a ``CxdslError`` (one line, exit 2).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import build as mkdocs_build

from .cache import BUILT_DIAGRAMS, DIAGRAM_CACHE
from .compiler import CheckResult, check_workspace
from .diagnostics import Diagnostic
from .errors import BuildError, ConfigurationError, CxdslError
from .loading import LoadOptions
from .loading.workspace import load_settings
from .render.pipeline import Diagram, RenderReport, plan_diagrams, render_diagrams
from .site.generate import generate_site
from .site.mkdocs_config import VettedConfig, make_config, read_mkdocs_config
from .site.mkdocs_run import MkdocsLog, attach_plugin, run_mkdocs
from .site.plugin import CxdslPlugin
from .site.redirect import redirect_page
from .site.serve import serve_live, stamp

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .site.preview import BaseVersion, Preview

#: The configuration used when the workspace has no ``mkdocs.yml`` (the benchmark writes it).
DEFAULT_MKDOCS = """site_name: {name}
theme:
  name: material
  font: false
plugins:
  - search
  - cxdsl
"""
log = logging.getLogger("mkdocs.cxdsl")


@dataclass
class Prepared:
    """A checked workspace with its diagrams rendered (shared across languages)."""

    result: CheckResult
    diagrams: list[Diagram]
    diagrams_out: Path
    report: RenderReport
    root: Path


@dataclass
class SiteReport:
    prepared: Prepared
    render: RenderReport
    languages: list[str]
    pages: int
    #: False when ``mkdocs.yml`` was refused (CX016/CX017 among the diagnostics).
    built: bool = True
    #: The pull request's changes, for a preview site (``cxdsl build --base``).
    preview: Preview | None = None


def prepare(
    root: Path, no_python: bool = False, jobs: int | None = None, out: Path | None = None
) -> Prepared:
    """Check the workspace and render every diagram into ``out`` (default: the cache's
    build folder), in every workspace language."""
    # Check: load, validate, resolve references, run the rules; mistakes are diagnostics.
    result = check_workspace(root, load_options(no_python))

    # Plan every diagram of every journey and of the workspace, in every language.
    diagrams = plan_diagrams(result.index, result.workspace.settings)

    # Render what changed since the last run; the rest comes from the cache.
    out = root / BUILT_DIAGRAMS if out is None else out
    report = render_diagrams(diagrams, out, root / DIAGRAM_CACHE, jobs)
    return Prepared(result, diagrams, out, report, root)


def build_site(
    root: Path,
    site_dir: Path,
    no_python: bool = False,
    jobs: int | None = None,
    base: BaseVersion | None = None,
    site_url: str | None = None,
) -> tuple[SiteReport, list[str]]:
    """Build ``site_dir/<lang>/`` for every workspace language, and a root redirect; the
    report and mkdocs' warnings back.

    With ``base`` (:func:`~cxdsl.site.preview.check_base`), the site is a pull request's
    preview: changed pages say so; a Changes page and before/after views are added.
    ``site_url`` (``cxdsl build --site-url``) says where the site will be served, over
    ``mkdocs.yml``'s.

    A ``mkdocs.yml`` that cannot be used safely (CX016, and CX017 in untrusted mode) is
    reported among the check's diagnostics and nothing is built (``SiteReport.built``).
    """
    # Vet mkdocs.yml before anything else runs: no workspace code, no diagrams.
    vetted = read_mkdocs_config(root, untrusted=no_python, site_url=site_url)
    if vetted.issues:
        result = check_workspace(root, load_options(no_python))  # it reports mkdocs.yml too
        prepared = Prepared(result, [], root / BUILT_DIAGRAMS, RenderReport(), root)
        languages = list(result.workspace.settings.languages)
        return SiteReport(prepared, prepared.report, languages, 0, built=False), []

    # The site folder is cxdsl's to fill (never a folder of other files).
    site_dir = _site_folder(site_dir)

    # Check the workspace, plan its diagrams and render them, once for every language.
    prepared = prepare(root, no_python, jobs)
    settings = prepared.result.workspace.settings
    preview = _preview(base, prepared.result)

    pages = 0
    with MkdocsLog() as mkdocs_log:
        for number, lang in enumerate(settings.languages):
            # Configure mkdocs for this language's folder (mkdocs.yml's warnings said once).
            config = site_config(vetted, site_dir / lang, no_python, warn=number == 0)

            # Generate the language's pages and navigation from the checked model.
            result, diagrams = prepared.result, prepared.diagrams
            content = generate_site(
                result, diagrams, prepared.diagrams_out, lang, config.repo_url, preview
            )

            # Build with mkdocs: the plugin adds those pages to the workspace's own.
            plugin = config.plugins["cxdsl"]
            assert isinstance(plugin, CxdslPlugin)
            plugin.use(prepared, content, per_language_folders=True)
            build = functools.partial(mkdocs_build, config)
            run_mkdocs(build, mkdocs_log, f"the '{lang}' site")
            pages += len(content.pages)

    # The root page leads to the default language.
    (site_dir / "index.html").write_text(redirect_page(settings), encoding="utf-8")
    languages = list(settings.languages)
    report = SiteReport(prepared, prepared.report, languages, pages, preview=preview)
    return report, mkdocs_log.messages


def _preview(base: BaseVersion | None, head: CheckResult) -> Preview | None:
    """The pull request's changes from ``base`` to the checked workspace (None: no base)."""
    if base is None:
        return None
    from .site.preview import make_preview

    return make_preview(base, head)


def serve_site(root: Path, dev_addr: str, no_python: bool = False) -> list[Diagnostic]:
    """Preview the default language with live reload until interrupted.

    What refused to start the server comes back as diagnostics (an empty list after a
    normal shutdown).
    """
    # Vet mkdocs.yml before anything runs; it is vetted again before every rebuild.
    vetted = read_mkdocs_config(root, untrusted=no_python)
    if vetted.issues:
        return stamp(vetted.issues, load_settings(root)[0])

    def preview_config(site_dir: Path) -> MkDocsConfig:
        current = read_mkdocs_config(root, untrusted=no_python)
        if current.issues:
            problems = stamp(current.issues, load_settings(root)[0])
            raise ConfigurationError("; ".join(d.render() for d in problems))
        return site_config(current, site_dir, no_python, dev_addr=dev_addr)

    # Serve: every (re)build runs the plugin, which checks the workspace, renders its
    # diagrams (prepare) and generates its pages again.
    serve_live(preview_config, vetted.watched)
    return []


def site_config(
    vetted: VettedConfig, site_dir: Path, no_python: bool, warn: bool = True, **overrides: Any
) -> MkDocsConfig:
    """mkdocs' configuration from the vetted ``mkdocs.yml``, writing into ``site_dir``, with
    the cxdsl plugin pointed at the workspace; its warnings logged when ``warn``."""
    config, warnings = make_config(vetted, site_dir, **overrides)
    for warning in [*vetted.warnings, *warnings] if warn else ():
        log.warning(warning)
    attach_plugin(config, vetted, no_python)
    return config


def load_options(no_python: bool) -> LoadOptions:
    """How to load the workspace: ``--no-python`` runs no Python model file whatever
    ``cxdsl.yaml`` allows; otherwise the workspace decides."""
    return LoadOptions(allow_python=False if no_python else None)


#: Written into every site folder cxdsl builds: a folder without it is not cxdsl's to clean.
SITE_MARKER = ".cxdsl-site"


def _site_folder(site_dir: Path) -> Path:
    """The resolved site folder, created; refused when it holds files cxdsl did not write
    (mkdocs empties each language's folder before building into it)."""
    site_dir = site_dir.resolve()
    if site_dir.is_dir() and not _is_cxdsl_site(site_dir):
        raise CxdslError(
            f"{site_dir} is not empty and was not written by cxdsl build: building would "
            "replace what is in it; choose an empty or a new folder"
        )
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(
            f"cannot create the site folder {site_dir}: {exc.strerror or exc}"
        ) from exc
    (site_dir / SITE_MARKER).write_text("written by cxdsl build\n", encoding="utf-8")
    return site_dir


def _is_cxdsl_site(folder: Path) -> bool:
    if (folder / SITE_MARKER).is_file() or not any(folder.iterdir()):
        return True
    # A site from before the marker existed: its root page is cxdsl's redirect.
    index = folder / "index.html"
    try:
        return index.is_file() and 'http-equiv="refresh"' in index.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
