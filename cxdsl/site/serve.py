"""The live preview behind ``cxdsl serve``: mkdocs' reload server over a temporary folder."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build

from ..diagnostics import Diagnostic, Issue
from ..errors import CxdslError
from ..model import Settings
from ..rules import load_rules
from .mkdocs_run import MkdocsLog, run_mkdocs

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.cxdsl")
#: What a preview is built from: a validated configuration that writes into the folder.
SiteConfig = Callable[[Path], "MkDocsConfig"]


def stamp(issues: list[Issue], settings: Settings) -> list[Diagnostic]:
    """Issues as diagnostics, named and with their severity from the catalogue."""
    registry = load_rules()
    return [d for d in (registry.stamp(issue, settings) for issue in issues) if d is not None]


def serve_live(site_config: SiteConfig, watched: list[Path]) -> None:
    """Build the site ``site_config`` describes and serve it, rebuilding on every change to
    the docs, ``watched`` files and what plugins watch, until interrupted.

    The first build's failure ends the command; a rebuild's is logged and the last good
    site stays served.
    """
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="cxdsl-serve-"))
    try:
        config = site_config(site_dir)
    except BaseException:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path}"
    config.site_url = serve_url
    builder = _builder(site_config, site_dir, serve_url)
    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path
    )
    server.error_handler = _error_pages(site_dir)
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("mkdocs: %(message)s"))
    console.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(console)
    try:
        builder(config)
        _serve(server, config, builder, watched)
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(console)
        shutil.rmtree(site_dir, ignore_errors=True)


def _builder(site_config: SiteConfig, site_dir: Path, serve_url: str) -> Callable[..., None]:
    mkdocs_log = MkdocsLog()  # not attached: the console shows mkdocs' messages as they come

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is not None:  # the first build: its failure ends the command
            run_mkdocs(lambda: mkdocs_build(config, serve_url=serve_url), mkdocs_log, "the preview")
            return
        try:  # a rebuild: say what is wrong and keep serving the last good site
            fresh = site_config(site_dir)
            fresh.site_url = serve_url
            run_mkdocs(lambda: mkdocs_build(fresh, serve_url=serve_url), mkdocs_log, "the preview")
        except CxdslError as exc:
            log.error(f"cxdsl: error: {exc.format_message()}")

    return builder


def _error_pages(site_dir: Path) -> Callable[[int], bytes | None]:
    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    return error_page


def _serve(
    server: Any, config: MkDocsConfig, builder: Callable[..., None], watched: list[Path]
) -> None:
    server.watch(config.docs_dir)
    for path in watched:  # mkdocs.yml and the files it INHERITs from
        server.watch(str(path))
    server = config.plugins.on_serve(server, config=config, builder=builder)
    for item in config.watch:
        server.watch(item)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
