"""``cxdsl build``: check, render diagrams, and build the site in every language."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from ..render.pipeline import RenderReport
from .plugin import CxdslPlugin, Prepared, prepare

DEFAULT_MKDOCS = """site_name: {name}
theme:
  name: material
  font: false
plugins:
  - search
  - cxdsl
"""


@dataclass
class SiteReport:
    prepared: Prepared
    render: RenderReport
    languages: list[str]
    pages: int


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(root: Path, site_dir: Path, no_python: bool = False,
               jobs: int | None = None) -> tuple[SiteReport, list[str]]:
    """Build ``site_dir/<lang>/`` for every workspace language, and a root redirect."""
    prepared = prepare(root, no_python, jobs)
    settings = prepared.result.workspace.settings
    config_file = root / "mkdocs.yml"
    if not config_file.exists():
        config_file = root / ".cxdsl-cache" / "mkdocs.yml"
        config_file.parent.mkdir(parents=True, exist_ok=True)
        (root / ".cxdsl-cache" / "docs").mkdir(exist_ok=True)
        name = settings.name if isinstance(settings.name, str) else next(
            iter(settings.name.values()))
        config_file.write_text(DEFAULT_MKDOCS.format(name=name.replace(":", " ")) +
                               "docs_dir: docs\n", encoding="utf-8")
    handler = _Collect()
    mkdocs_logger = logging.getLogger("mkdocs")
    previous = mkdocs_logger.level
    mkdocs_logger.addHandler(handler)
    mkdocs_logger.setLevel(logging.WARNING)
    pages = 0
    try:
        for lang in settings.languages:
            config = load_config(str(config_file), site_dir=str(site_dir / lang))
            plugin = config.plugins.get("cxdsl")
            if not isinstance(plugin, CxdslPlugin):
                plugin = CxdslPlugin()
                plugin.load_config({})
                config.plugins["cxdsl"] = plugin
            plugin.prepared = prepared
            plugin.per_language_folders = True
            plugin.config.language = lang
            mkdocs_build(config)
            assert plugin.content is not None
            pages += len(plugin.content.pages)
    finally:
        mkdocs_logger.removeHandler(handler)
        mkdocs_logger.setLevel(previous)
    default = settings.language
    (site_dir / "index.html").write_text(
        f'<!doctype html><html lang="{default}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={default}/">'
        f'<link rel="canonical" href="{default}/"><title>{default}</title></head>'
        f'<body><a href="{default}/">{default}</a></body></html>\n', encoding="utf-8")
    return SiteReport(prepared, prepared.report, list(settings.languages), pages), \
        handler.messages
