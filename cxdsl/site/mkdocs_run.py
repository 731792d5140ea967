"""Running mkdocs for cxdsl: its log collected, any failure as one line, the plugin attached."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs.exceptions import MkDocsException

from ..errors import BuildError, CxdslError
from .mkdocs_config import VettedConfig
from .plugin import CxdslPlugin

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class MkdocsLog(logging.Handler):
    """mkdocs' warnings and errors while building, to print after the build (and to explain
    an abort); used as a context manager around the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.errors: list[str] = []
        self.logger = logging.getLogger("mkdocs")
        self.previous = self.logger.level

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())

    def __enter__(self) -> MkdocsLog:
        self.logger.addHandler(self)
        self.logger.setLevel(logging.WARNING)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self.previous)


def run_mkdocs(action: Callable[[], object], mkdocs_log: MkdocsLog, what: str) -> None:
    """Run a mkdocs build; any failure becomes one ``BuildError`` line."""
    try:
        action()
    except CxdslError:
        raise
    except MkDocsException as exc:  # includes Abort, after mkdocs logged the reason
        reason = mkdocs_log.errors[-1] if mkdocs_log.errors else exc.format_message()
        raise BuildError(f"mkdocs could not build {what}: {reason}") from exc
    except Exception as exc:  # a plugin or a hook that raised
        raise BuildError(f"mkdocs could not build {what}: {type(exc).__name__}: {exc}") from exc


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
