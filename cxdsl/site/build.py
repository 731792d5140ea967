"""``cxdsl build`` and ``cxdsl serve``: check, render diagrams, build the site with mkdocs.

Both read ``mkdocs.yml`` through :mod:`cxdsl.site.mkdocs_config` (vetted plain data, never
mkdocs' own YAML loader), with or without the file, and both turn any mkdocs failure into
a ``CxdslError`` (one line, exit 2).
"""

from __future__ import annotations

import functools
import html
import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from ..compiler import check_workspace
from ..diagnostics import Diagnostic, Issue
from ..errors import BuildError, ConfigurationError, CxdslError
from ..loading import LoadOptions
from ..loading.workspace import load_settings
from ..model import Settings
from ..render.i18n import is_rtl
from ..render.pipeline import RenderReport
from ..rules import load_rules
from .mkdocs_config import VettedConfig, make_config, read_mkdocs_config
from .plugin import LANGUAGE_NAMES, CxdslPlugin, Prepared, prepare

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

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
class SiteReport:
    prepared: Prepared
    render: RenderReport
    languages: list[str]
    pages: int
    #: False when ``mkdocs.yml`` was refused (CX016/CX017 among the diagnostics).
    built: bool = True


class _Collect(logging.Handler):
    """mkdocs' warnings and errors, to print after the build (and to explain an abort)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())


def build_site(
    root: Path, site_dir: Path, no_python: bool = False, jobs: int | None = None
) -> tuple[SiteReport, list[str]]:
    """Build ``site_dir/<lang>/`` for every workspace language, and a root redirect.

    A ``mkdocs.yml`` that cannot be used safely (CX016, and CX017 in untrusted mode) is
    reported among the check's diagnostics and nothing is built (``SiteReport.built``).
    """
    # Vet mkdocs.yml before anything else runs: no workspace code, no diagrams.
    vetted = read_mkdocs_config(root, untrusted=no_python)
    options = LoadOptions(allow_python=False if no_python else None)
    if vetted.issues:
        result = check_workspace(root, options)  # the check reports mkdocs.yml's issues
        prepared = Prepared(
            result, [], root / ".cxdsl-cache" / "build" / "diagrams", RenderReport(), root
        )
        return SiteReport(
            prepared, prepared.report, list(result.workspace.settings.languages), 0, built=False
        ), []

    # Check the workspace and render its diagrams once, for every language.
    prepared = prepare(root, no_python, jobs)
    settings = prepared.result.workspace.settings
    site_dir = site_dir.resolve()
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(
            f"cannot create the site folder {site_dir}: {exc.strerror or exc}"
        ) from exc

    # Build each language into its own folder with mkdocs.
    handler = _Collect()
    pages = 0
    with _collecting(handler):
        for number, lang in enumerate(settings.languages):
            config, warnings = make_config(vetted, site_dir / lang)
            for warning in [*vetted.warnings, *warnings] if number == 0 else ():
                log.warning(warning)
            plugin = attach_plugin(config, vetted, no_python)
            plugin.prepared = prepared
            plugin.per_language_folders = True
            plugin.config.language = lang
            _run_mkdocs(functools.partial(mkdocs_build, config), handler, f"the '{lang}' site")
            assert plugin.content is not None
            pages += len(plugin.content.pages)

    # The root page leads to the default language.
    (site_dir / "index.html").write_text(redirect_page(settings), encoding="utf-8")
    return SiteReport(prepared, prepared.report, list(settings.languages), pages), handler.messages


def stamp(issues: list[Issue], settings: Settings) -> list[Diagnostic]:
    """Issues as diagnostics, named and with their severity from the catalogue."""
    registry = load_rules()
    return [d for d in (registry.stamp(issue, settings) for issue in issues) if d is not None]


def attach_plugin(config: MkDocsConfig, vetted: VettedConfig, no_python: bool) -> CxdslPlugin:
    """The config's cxdsl plugin (added when ``mkdocs.yml`` does not list it), pointed at
    this workspace and never running Python model files in untrusted mode, whatever
    ``mkdocs.yml`` says."""
    plugin = config.plugins.get("cxdsl")
    if not isinstance(plugin, CxdslPlugin):
        plugin = CxdslPlugin()
        plugin.load_config({})
        config.plugins["cxdsl"] = plugin
    plugin.config.workspace = str(vetted.root)
    plugin.config.no_python = no_python or plugin.config.no_python
    return plugin


def _run_mkdocs(action: Callable[[], object], handler: _Collect, what: str) -> None:
    """Run a mkdocs build; any failure becomes one ``BuildError`` line."""
    try:
        action()
    except CxdslError:
        raise
    except MkDocsException as exc:  # includes Abort, after mkdocs logged the reason
        reason = handler.errors[-1] if handler.errors else exc.format_message()
        raise BuildError(f"mkdocs could not build {what}: {reason}") from exc
    except Exception as exc:  # a plugin or a hook that raised
        raise BuildError(f"mkdocs could not build {what}: {type(exc).__name__}: {exc}") from exc


class _collecting:
    """Route mkdocs' log records at WARNING and above to ``handler`` while building."""

    def __init__(self, handler: _Collect) -> None:
        self.handler = handler
        self.logger = logging.getLogger("mkdocs")
        self.previous = self.logger.level

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.WARNING)

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.previous)


def redirect_page(settings: Settings) -> str:
    """``site/index.html``: the workspace's name as its title, in the default language's
    direction, an immediate redirect, and links a screen reader announces."""
    default = settings.language
    name = (
        settings.name
        if isinstance(settings.name, str)
        else (settings.name.get(default) or next(iter(settings.name.values()), ""))
    )
    direction = "rtl" if is_rtl(default) else "ltr"
    ordered = [default, *(code for code in settings.languages if code != default)]
    links = "".join(
        f'<li><a href="{quote(code)}/" hreflang="{html.escape(code)}" '
        f'lang="{html.escape(code)}" dir="{"rtl" if is_rtl(code) else "ltr"}">'
        f"{html.escape(LANGUAGE_NAMES.get(code, code))}</a></li>"
        for code in ordered
    )
    target = f"{quote(default)}/"
    return (
        f'<!doctype html>\n<html lang="{html.escape(default)}" dir="{direction}">\n'
        f'<head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{target}">'
        f"<title>{html.escape(name)}</title></head>\n"
        f"<body><main><h1>{html.escape(name)}</h1><ul>{links}</ul></main></body>\n"
        "</html>\n"
    )


def serve_site(root: Path, dev_addr: str, no_python: bool = False) -> list[Diagnostic]:
    """Preview the default language with live reload until interrupted.

    ``mkdocs.yml`` is vetted again before every rebuild. What refused to start the
    server comes back as diagnostics (an empty list after a normal shutdown).
    """
    from mkdocs.livereload import LiveReloadServer

    vetted = read_mkdocs_config(root, untrusted=no_python)
    if vetted.issues:
        return stamp(vetted.issues, load_settings(root)[0])
    site_dir = Path(tempfile.mkdtemp(prefix="cxdsl-serve-"))

    def get_config() -> MkDocsConfig:
        current = read_mkdocs_config(root, untrusted=no_python)
        if current.issues:
            problems = stamp(current.issues, load_settings(root)[0])
            raise ConfigurationError("; ".join(d.render() for d in problems))
        config, warnings = make_config(current, site_dir, dev_addr=dev_addr)
        for warning in [*current.warnings, *warnings]:
            log.warning(warning)
        attach_plugin(config, current, no_python)
        return config

    try:
        config = get_config()
    except BaseException:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path}"
    config.site_url = serve_url
    handler = _Collect()

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is not None:  # the first build: its failure ends the command
            _run_mkdocs(lambda: mkdocs_build(config, serve_url=serve_url), handler, "the preview")
            return
        try:  # a rebuild: say what is wrong and keep serving the last good site
            fresh = get_config()
            fresh.site_url = serve_url
            _run_mkdocs(lambda: mkdocs_build(fresh, serve_url=serve_url), handler, "the preview")
        except CxdslError as exc:
            log.error(f"cxdsl: error: {exc.format_message()}")

    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path
    )

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("mkdocs: %(message)s"))
    console.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(console)
    try:
        builder(config)
        server.watch(config.docs_dir)
        for path in vetted.watched:  # mkdocs.yml and the files it INHERITs from
            server.watch(str(path))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(console)
        shutil.rmtree(site_dir, ignore_errors=True)
    return []
