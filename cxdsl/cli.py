"""The command line: ``cxdsl check``, ``cxdsl rules``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .compiler import InternalError, check_workspace
from .loading import LoadOptions
from .report import format_json, format_text
from .rules import load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


class CxdslGroup(click.Group):
    """Turns an unexpected exception into exit code 2 with a short message."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InternalError as exc:
            click.echo(f"cxdsl: internal error: {exc}", err=True)
            sys.exit(EXIT_FAILURE)


@click.group(cls=CxdslGroup)
@click.version_option(__version__, prog_name="cxdsl")
def main() -> None:
    """cxdsl: personas, customer trees, journeys and measurement plans as code."""


workspace_arg = click.argument(
    "path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))


@main.command()
@workspace_arg
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--no-python", is_flag=True,
              help="Never run Python model files (use for untrusted pull requests).")
def check(path: Path, fmt: str, no_python: bool) -> None:
    """Validate the workspace at PATH; exit 1 when there are errors."""
    options = LoadOptions(allow_python=False if no_python else None)
    result = check_workspace(path, options)
    click.echo(format_json(result) if fmt == "json" else format_text(result), nl=False)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
def rules(fmt: str) -> None:
    """Print the catalogue of diagnostic codes and rules."""
    catalogue = load_rules().catalogue()
    if fmt == "json":
        click.echo(json.dumps([{"code": c.code, "name": c.name, "severity": c.severity.value,
                                "configurable": c.configurable, "doc": c.doc}
                               for c in catalogue], ensure_ascii=False, indent=2))
        return
    for c in catalogue:
        if fmt == "markdown":
            click.echo(f"### {c.code} `{c.name}` ({c.severity.value})\n\n{c.doc}\n")
        else:
            first = c.doc.split("\n\n")[0].replace("\n", " ")
            click.echo(f"{c.code}  {c.name:40} {c.severity.value:8} {first}")
