"""``cxdsl schema``: print or write the JSON Schemas, or check a workspace against them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .diagnostics import printable
from .errors import EXIT_FINDINGS, EXIT_OK, CxdslError, describe_os_error


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write every schema into this folder instead of printing one.",
)
@click.option(
    "--kind",
    type=click.Choice(["model", "settings"]),
    default="model",
    show_default=True,
    help="Which schema to print.",
)
@click.option(
    "--validate",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    is_flag=False,
    flag_value=Path("."),
    default=None,
    metavar="[PATH]",
    help="Check cxdsl.yaml and each document of each model file of the workspace at PATH "
    "(default: here) against the schemas; file:line:column per error, exit 1 if any.",
)
def schema(out: Path | None, kind: str, validate: Path | None) -> None:
    """JSON Schema (draft 2020-12) of model files and of cxdsl.yaml, for editors and CI."""
    from .schema import MODEL_FILE, SETTINGS_FILE, schemas

    if validate is not None:
        sys.exit(_validate(validate))
    texts = schemas()
    if out is None:
        click.echo(texts[MODEL_FILE if kind == "model" else SETTINGS_FILE], nl=False)
        return
    for name, text in texts.items():
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CxdslError(f"cannot write the schemas: {describe_os_error(exc)}") from exc
        click.echo(f"wrote {out / name}")


def _validate(root: Path) -> int:
    from .schema_check import ValidatorMissing, validate_workspace

    try:
        result = validate_workspace(root)
    except ValidatorMissing as exc:
        raise CxdslError(str(exc)) from exc
    for where, message in result.errors:
        click.echo(f"{printable(where)}: {printable(message)}")
    summary = f"checked {result.documents} documents in {result.files} files against the schemas"
    click.echo(f"{summary}: {len(result.errors) or 'no'} errors")
    return EXIT_FINDINGS if result.errors else EXIT_OK
