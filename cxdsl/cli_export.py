"""``cxdsl export``: documents made from the workspace, such as a questionnaire to print."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import EXIT_FINDINGS, EXIT_OK


@click.group()
def export() -> None:
    """Write documents made from the workspace (a questionnaire to print or load)."""


@export.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--instrument", "ident", required=True, help="Id of the instrument.")
@click.option("--lang", required=True, help="A language the instrument is asked in (ar, id).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write <instrument>.<lang>.html and .csv into (created if needed).",
)
@click.option(
    "--no-python",
    is_flag=True,
    help="Untrusted mode: run no workspace code (no Python model files).",
)
def questionnaire(path: Path, ident: str, lang: str, out: Path, no_python: bool) -> None:
    """The questionnaire of an instrument of the workspace at PATH in one language: a
    printable HTML file and a CSV (question id, number, text, answer value, label). Exit 1
    when a question, an answer label or the instrument's name (the title) is not written
    in that language."""
    from .compiler import check_workspace
    from .emit.check_text import seen_from_here
    from .export import ExportRefused, write_questionnaire
    from .loading import LoadOptions

    result = check_workspace(path, LoadOptions(allow_python=False if no_python else None))
    try:
        exported = write_questionnaire(result, ident, lang, out)
    except ExportRefused as refused:
        raise click.BadParameter(str(refused), param_hint=refused.option) from None
    prefix = seen_from_here(path)
    for gap in exported.gaps:
        click.echo(f"{prefix}{gap.span}: error {gap.code} {gap.message}", err=True)
    if exported.gaps:
        count = len(exported.gaps)
        texts = "1 text is" if count == 1 else f"{count} texts are"
        click.echo(f"cxdsl: no questionnaire written: {texts} not written in {lang}", err=True)
        sys.exit(EXIT_FINDINGS)
    for written in exported.files:
        click.echo(f"wrote {written}")
    sys.exit(EXIT_OK)
