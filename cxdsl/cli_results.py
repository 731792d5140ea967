"""``cxdsl results``: the measured figures of a workspace, with intervals and statuses."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .errors import EXIT_FINDINGS, EXIT_OK

BREAKDOWN_CHOICES = ("none", "step", "stage", "segment", "channel", "persona", "all")
DIALECTS = ("bigquery", "trino", "spark", "snowflake", "postgres", "duckdb")


@click.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text (a line per figure), json ({results, diagnostics}) or csv.",
)
@click.option("--period", default=None, help="Only this period (2026-Q1, 2026-03, 2026, a season).")
@click.option("--journey", default=None, help="Only this journey's figures.")
@click.option(
    "--by",
    type=click.Choice(BREAKDOWN_CHOICES),
    default=None,
    help="Breakdowns to show: one dimension, all, or none (default: none in text, all "
    "in json and csv).",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    default=None,
    help="Take this moment as now (timestamps after it are in the future).",
)
@click.option(
    "--show-sql",
    type=click.Choice(DIALECTS),
    default=None,
    metavar="DIALECT",
    help=f"Print the SQL of every query in this dialect ({', '.join(DIALECTS)}) instead "
    "of running it.",
)
@click.option(
    "--no-python",
    is_flag=True,
    help="Untrusted mode: run no workspace code and read no data outside the workspace.",
)
def results(
    path: Path,
    fmt: str,
    period: str | None,
    journey: str | None,
    by: str | None,
    as_of: dt.datetime | None,
    show_sql: str | None,
    no_python: bool,
) -> None:
    """Figures of the workspace at PATH per metric × journey × period: value, 95 %
    interval, n, target, status; exit 1 when the data have errors."""
    from .compiler import check_workspace
    from .loading import LoadOptions
    from .results.report import as_csv, as_json, as_text

    options = LoadOptions(allow_python=False if no_python else None)
    if show_sql is not None:
        from .results.sql import queries_sql

        click.echo(queries_sql(path, options, show_sql, as_of), nl=False)
        sys.exit(EXIT_OK)
    checked = check_workspace(path, options, now=as_of)
    if journey is not None and journey not in checked.index.ids("journey"):
        raise click.BadParameter(f"no journey '{journey}' in the workspace", param_hint="--journey")
    found = checked.results
    figures = [] if found is None else found.figures
    wanted = by or ("none" if fmt == "text" else "all")
    figures = [
        f
        for f in figures
        if (period is None or f.cell.period == period)
        and (journey is None or f.cell.journey == journey)
        and (wanted == "all" or f.cell.breakdown == (None if wanted == "none" else wanted))
    ]
    data = checked.diagnostics
    if fmt == "json":
        click.echo(as_json(figures, data), nl=False)
    elif fmt == "csv":
        click.echo(as_csv(figures), nl=False)
    else:
        from .emit.check_text import seen_from_here

        click.echo(as_text(figures, data, seen_from_here(path)), nl=False)
    sys.exit(EXIT_OK if all(d.severity.value != "error" for d in data) else EXIT_FINDINGS)
