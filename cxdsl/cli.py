"""The command line: every ``cxdsl`` command, and one exit-code contract for all of them.

0 clean, 1 findings at error level, 2 usage error or failure (:class:`CxdslGroup`).
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
import traceback
from pathlib import Path

import click

from . import __version__
from .cli_diff import diff
from .cli_export import export
from .cli_results import results
from .cli_schema import schema
from .compiler import check_workspace
from .emit import CHECK_EMITTERS, CheckOutput, format_text, summary_line
from .emit.check_text import seen_from_here
from .errors import (
    EXIT_FAILURE,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CxdslError,
    describe_os_error,
    error_from,
)
from .fixes import FixRun, fix_workspace
from .loading import LoadOptions
from .render.pipeline import INSTALL_HINT, RenderReport
from .rules import load_rules

__all__ = ["EXIT_FAILURE", "EXIT_FINDINGS", "EXIT_OK", "main"]
#: Set to 1 for a traceback with every failure, like ``cxdsl --debug``.
DEBUG_VARIABLE = "CXDSL_DEBUG"


def debug_requested(ctx: click.Context) -> bool:
    """``--debug`` on the command line, or ``CXDSL_DEBUG`` set to anything but 0/false/no."""
    env = os.environ.get(DEBUG_VARIABLE, "").strip().lower()
    return bool(ctx.params.get("debug")) or env not in ("", "0", "false", "no", "off")


class CxdslGroup(click.Group):
    """The exit-code contract: any failure is one line ``cxdsl: error: ...`` and exit 2.

    click's own usage errors (exit 2), ``--help``/``--version`` and ``sys.exit(code)``
    from a command pass through untouched; everything else (an ``OSError`` from the file
    system, a mkdocs or Graphviz failure, a bug) becomes a ``CxdslError``, which click
    prints and exits with. ``--debug`` adds the traceback first.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.UsageError, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("\ncxdsl: interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except BaseException as exc:
            if _passes_through(exc):
                raise
            if debug_requested(ctx):
                click.echo("".join(traceback.format_exception(exc)).rstrip("\n"), err=True)
            failure = error_from(exc)
            if failure is exc:
                raise
            raise failure from exc


def _passes_through(exc: BaseException) -> bool:
    """``sys.exit(code)`` from a command, and a closed pipe (click quietens it)."""
    if isinstance(exc, OSError):
        return exc.errno == errno.EPIPE
    if isinstance(exc, SystemExit) and not isinstance(exc, click.ClickException):
        return exc.code is None or isinstance(exc.code, int)  # mkdocs' Abort is both
    return False


@click.group(cls=CxdslGroup)
@click.version_option(__version__, prog_name="cxdsl")
@click.option(
    "--debug", is_flag=True, help=f"Show the traceback of a failure (also: {DEBUG_VARIABLE}=1)."
)
def main(debug: bool) -> None:
    """cxdsl: personas, customer trees, journeys and measurement plans as code.

    Exit codes: 0 clean, 1 findings at error level, 2 usage error or failure
    (one line on stderr, "cxdsl: error: ...").
    """


workspace_arg = click.argument(
    "path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Diagrams rendered in parallel (default: one per core).",
)
no_python_option = click.option(
    "--no-python",
    is_flag=True,
    help="Untrusted mode: run no code from the workspace (no Python model files, no mkdocs "
    "hooks, plugins or Markdown extensions outside the allow-list); see SECURITY.md.",
)


@main.command()
@workspace_arg
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(CHECK_EMITTERS)),
    default="text",
    show_default=True,
    help="Output format: text, json, github (workflow annotations) or sarif (2.1.0).",
)
@click.option("--fix", is_flag=True, help="Apply the fixes findings carry, then check again.")
@no_python_option
def check(path: Path, fmt: str, fix: bool, no_python: bool) -> None:
    """Validate the workspace at PATH; exit 1 when there are errors."""
    options = LoadOptions(allow_python=False if no_python else None)
    run = fix_workspace(path, options) if fix else FixRun(check_workspace(path, options))
    for line in run.report(seen_from_here(path)):  # machine formats keep stdout to themselves
        click.echo(line, err=fmt != "text")
    for rel, error in run.errors:
        click.echo(f"cxdsl: error: {rel}: {error}", err=True)
    click.echo(CHECK_EMITTERS[fmt](CheckOutput(run.result, path)), nl=False)
    sys.exit(EXIT_FAILURE if run.errors else EXIT_OK if run.result.ok else EXIT_FINDINGS)


def _echo_render_problems(report: RenderReport) -> None:
    """A missing Graphviz, said once with how to install it; each failed diagram."""
    if report.dot_missing:
        click.echo(
            f"cxdsl: Graphviz's 'dot' was not found: {len(report.skipped)} diagrams "
            f"were skipped; {INSTALL_HINT}",
            err=True,
        )
    for where, error in report.failed:
        click.echo(f"cxdsl: error: diagram {where} failed: {error}", err=True)


def _render(path: Path, out: Path, no_python: bool, jobs: int | None) -> tuple[int, str]:
    """Check, then render every diagram into ``out``; (exit code, summary) back."""
    from .build import prepare

    started = time.perf_counter()
    prepared = prepare(path, no_python, jobs, out)
    result, report = prepared.result, prepared.report
    if result.diagnostics:
        click.echo(format_text(result), nl=False)
    _echo_render_problems(report)
    elapsed = time.perf_counter() - started
    summary = (
        f"{summary_line(result)}; {report.summary()} "
        f"({len(result.workspace.settings.languages)} languages) in {elapsed:.1f} s"
    )
    # A diagram Graphviz could not draw (or write) is a failure, not a finding in the model.
    code = EXIT_FAILURE if report.failed else EXIT_OK if result.ok else EXIT_FINDINGS
    return code, summary


@main.command()
@workspace_arg
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the diagrams into.",
)
@jobs_option
@no_python_option
def render(path: Path, out: Path, jobs: int | None, no_python: bool) -> None:
    """Render every diagram of the workspace at PATH into OUT, in every language."""
    code, summary = _render(path, out, no_python, jobs)
    click.echo(summary)
    sys.exit(code)


@main.command()
@workspace_arg
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: site/ in the workspace).",
)
@jobs_option
@no_python_option
@click.option(
    "--base",
    metavar="REV",
    default=None,
    help="Build the preview of a pull request: mark every page that changed since REV "
    "(its merge base with HEAD; the working tree is the head) and add a Changes page.",
)
@click.option(
    "--direct",
    is_flag=True,
    help="With --base: compare with REV itself, not its merge base with HEAD.",
)
@click.option(
    "--site-url",
    metavar="URL",
    default=None,
    callback=lambda _ctx, _param, url: _site_url(url),
    help="Where the site will be served (https://example.org/cx/), over mkdocs.yml's "
    "site_url: sitemaps, canonical links and links between languages use it.",
)
def build(
    path: Path,
    out: Path | None,
    jobs: int | None,
    no_python: bool,
    base: str | None,
    direct: bool,
    site_url: str | None,
) -> None:
    """Check the workspace, render its diagrams and build the site in every language.

    With --base REV, the site is the preview of a pull request, as cxdsl diff compares it.
    """
    from .build import build_site
    from .diff.revisions import MissingHistory, RevisionError
    from .i18n import count_text
    from .site.preview import check_base

    started = time.perf_counter()
    site_dir = out or path / "site"
    if direct and base is None:
        raise click.UsageError("--direct compares with the revision --base names: give --base")
    before = None
    try:
        if base is not None:
            before = check_base(path, base, direct=direct, no_python=no_python)
    except MissingHistory as exc:  # not a usage mistake: the clone lacks history
        raise CxdslError(str(exc)) from exc
    except RevisionError as exc:
        raise click.UsageError(f"git: {exc}") from exc
    for note in before.notes if before else ():
        click.echo(f"cxdsl build: warning: {note}", err=True)
    report, warnings = build_site(path, site_dir, no_python, jobs, before, site_url)
    result, render_report = report.prepared.result, report.render
    if result.diagnostics:
        click.echo(format_text(result), nl=False)
    if not report.built:
        click.echo(
            f"build: {summary_line(result)}; site not built: mkdocs.yml cannot be used (see above)"
        )
        sys.exit(EXIT_FINDINGS)
    _echo_render_problems(render_report)
    for message in warnings:
        click.echo(f"mkdocs: {message}", err=True)
    elapsed = time.perf_counter() - started
    click.echo(
        f"build: {summary_line(result)}; {render_report.summary()}; site: "
        f"{report.pages} pages in {len(report.languages)} languages "
        f"({', '.join(report.languages)}) -> {site_dir} in {elapsed:.1f} s"
    )
    if report.preview is not None:
        counted = count_text(len(report.preview.changes), "change", "en")
        click.echo(f"build: preview of a pull request: {counted} since {report.preview.label}")
    if render_report.failed:  # Graphviz failed: a failure, not a finding (see render)
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


def _site_url(url: str | None) -> str | None:
    """--site-url, checked: an http(s) address with a host."""
    from .site.site_url import site_url_problem

    problem = site_url_problem(url) if url else None
    if problem:
        raise click.BadParameter(problem, param_hint="--site-url")
    return url


@main.command()
@workspace_arg
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
@no_python_option
def serve(path: Path, dev_addr: str, no_python: bool) -> None:
    """Preview the site in the default language, rebuilding when a model file changes."""
    from .build import serve_site

    refused = serve_site(path, dev_addr, no_python)
    for diagnostic in refused:
        click.echo(diagnostic.render())
    if refused:
        click.echo("serve: mkdocs.yml cannot be used (see above)")
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--install-spec",
    metavar="SPEC",
    help="What the workflow and pre-commit install (a pip requirement: name==version on "
    "your index, a git URL, a wheel's path). Default: cxdsl==<this version>.",
)
def init(path: Path, install_spec: str | None) -> None:
    """Create a new workspace in PATH: settings, a sample persona and journey, a site, CI.

    Inside a git repository, the workflows and the pre-commit config go to its top,
    scoped to PATH; where one exists already, init prints what to add to it.
    """
    from .scaffold import ScaffoldError, init_workspace
    from .scaffold_ci import check_install_spec, install_warnings

    try:
        spec = None if install_spec is None else check_install_spec(install_spec)
        path.mkdir(parents=True, exist_ok=True)
        done = init_workspace(path, spec)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        raise CxdslError(f"cannot create the workspace: {describe_os_error(exc)}") from exc
    for rel in done.written:
        click.echo(f"created {rel}")
    for rel, snippet in done.snippets:
        click.echo(f"{rel} exists already, so init left it as it is; merge this into it:")
        click.echo(snippet.rstrip("\n"))
    for warning in install_warnings(spec):
        click.echo(f"cxdsl init: warning: {warning}", err=True)
    click.echo(f"next: cxdsl check {path} && cxdsl build {path}")


@main.command()
@click.argument("kind", type=click.Choice(["journey", "persona", "metric"]))
@click.argument("ident", metavar="ID")
@click.option(
    "--path",
    "path",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def new(kind: str, ident: str, path: Path) -> None:
    """Scaffold a journey, persona or metric with id ID."""
    import re

    from .model import Segment, leaf_segments
    from .model.base import ID_PATTERN
    from .scaffold import ScaffoldError, new_entity

    if not re.match(ID_PATTERN, ident):
        raise click.UsageError(f"'{ident}' is not a valid id (letters, digits, - _ .)")
    result = check_workspace(path)
    existing = {kind_: result.index.ids(kind_) for kind_ in result.index.by_kind}
    segments = [d.entity for d in result.index.docs("segment") if isinstance(d.entity, Segment)]
    existing["leaf-segment"] = [s.id for s in leaf_segments(segments)]
    try:
        rel = new_entity(path, kind, ident, existing, list(result.workspace.settings.languages))
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        raise CxdslError(f"cannot write the new {kind}: {describe_os_error(exc)}") from exc
    click.echo(f"created {rel}")


@main.command()
@workspace_arg
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; exit 1 listing the files that would change.",
)
def fmt(path: Path, check_only: bool) -> None:
    """Format the workspace's YAML files canonically, keeping comments and values."""
    from .fmt import format_workspace
    from .loading.workspace import SETTINGS_FILE, load_settings

    if not os.path.lexists(path / SETTINGS_FILE):
        raise click.UsageError(f"{path} is not a cxdsl workspace: it has no {SETTINGS_FILE}")
    settings = load_settings(path)[0]
    result = format_workspace(path, list(settings.languages), check_only)
    for where, error in result.failed:
        click.echo(f"{where}: not formatted: {error} (run cxdsl check)", err=True)
    for where, why in result.skipped:
        click.echo(f"{where}: {why}", err=True)
    for where, error in result.errors:
        click.echo(f"cxdsl: error: {where}: {error}", err=True)
    verb = "would reformat" if check_only else "reformatted"
    for rel in result.changed:
        click.echo(f"{verb} {rel}")
    if not (result.changed or result.failed or result.skipped or result.errors):
        click.echo("all files already formatted")
    if result.errors:
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_FINDINGS if (check_only and result.changed) or result.failed else EXIT_OK)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def rules(fmt: str) -> None:
    """Print the catalogue of diagnostic codes and rules."""
    catalogue = load_rules().catalogue()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": c.code,
                        "name": c.name,
                        "severity": c.severity.value,
                        "configurable": c.configurable,
                        "doc": c.doc,
                        "example": c.example,
                    }
                    for c in catalogue
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for c in catalogue:
        if fmt == "markdown":
            click.echo(f"### {c.code} `{c.name}` ({c.severity.value})\n\n{c.documentation}\n")
        else:
            first = c.doc.split("\n\n")[0].replace("\n", " ")
            click.echo(f"{c.code}  {c.name:40} {c.severity.value:8} {first}")


# cxdsl schema lives in its own module (print, write, --validate).
main.add_command(schema)
main.add_command(results)
main.add_command(export)
main.add_command(diff)
