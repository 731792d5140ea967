"""``cxdsl diff``: the semantic changes of a pull request, for its reviewers and for CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from .compiler import CheckResult, check_workspace
from .emit import DIFF_EMITTERS, DiffOutput
from .errors import EXIT_FINDINGS, CxdslError, describe_os_error
from .loading import LoadOptions


def _require_a_workspace(path: Path, trees: list[Path], worktree: bool) -> None:
    """A folder that is a workspace on neither side would diff as "No changes": refuse."""
    folders = [*trees, *([path] if worktree else [])]
    if not any(os.path.lexists(folder / "cxdsl.yaml") for folder in folders):
        raise click.UsageError(
            f"{path} is not a cxdsl workspace in either revision (no cxdsl.yaml); "
            "give the workspace's folder with --path, e.g. --path cx"
        )


def _preview_url(value: str | None) -> str | None:
    """An http(s) URL with a host, or a usage error (it becomes a link in the comment)."""
    if value is None:
        return None
    parts = urlsplit(value)
    unsafe = any(ch.isspace() or ch in "<>\"'`" or not ch.isprintable() for ch in value)
    if parts.scheme not in ("http", "https") or not parts.netloc or unsafe:
        raise click.UsageError(
            f"--preview-url must be an http(s) address without spaces or quotes: {value!r}"
        )
    return value


@click.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--path",
    "path",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The workspace (inside a git repository).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF_EMITTERS)),
    default="markdown",
    show_default=True,
)
@click.option(
    "--fail-on",
    default="",
    metavar="CATEGORIES",
    help="Comma-separated change categories or attention flags that make the command exit 1, "
    "e.g. metric.removed,step.removed,attention.emotion-worse (a prefix ending in '.' "
    "works: 'attention.' is every flag).",
)
@click.option(
    "--direct",
    is_flag=True,
    help="Compare BASE itself with HEAD (two trees), not their merge base as a pull request does.",
)
@click.option(
    "--lang",
    default=None,
    metavar="LANG",
    help="The comment's language (default: the workspace's first language).",
)
@click.option(
    "--preview-url",
    default=None,
    metavar="URL",
    help="Where the preview site (cxdsl build --base) is published: each change links to "
    "its page there.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the full report to FILE (the Markdown comment is shortened to fit "
    "the code host's limit; the file never is).",
)
@click.option(
    "--no-python",
    is_flag=True,
    help="Untrusted mode: run no code from the workspace (no Python model files); see SECURITY.md.",
)
def diff(
    base: str | None,
    head: str | None,
    path: Path,
    fmt: str,
    fail_on: str,
    direct: bool,
    lang: str | None,
    preview_url: str | None,
    out_file: Path | None,
    no_python: bool,
) -> None:
    """Semantic changes HEAD made since it branched from BASE, as a pull request shows them.

    BASE defaults to the default branch (origin/HEAD, main or master), HEAD to the working
    tree; the comparison starts at their merge base (--direct: at BASE itself).
    """
    from .diff.engine import diff_workspaces

    url = _preview_url(preview_url)
    check_fail_on(fail_on)
    before, after, names = _checked_pair(path, base, head, direct, no_python)
    languages = list(after.workspace.settings.languages)
    if lang is not None and lang not in languages:
        raise click.UsageError(
            f"--lang {lang}: the workspace is written in {', '.join(languages)}; pick one"
        )
    changes = diff_workspaces(before, after)
    output = DiffOutput(changes, *names, after, base=before, lang=lang, preview_url=url)
    click.echo(DIFF_EMITTERS[fmt](output), nl=False)
    if out_file is not None:
        _write_full(output, fmt, out_file)
    refused = refused_categories(_categories(output), fail_on)
    if refused:
        click.echo(f"cxdsl diff: refused changes: {', '.join(refused)}", err=True)
        sys.exit(EXIT_FINDINGS)


def _checked_pair(
    path: Path, base: str | None, head: str | None, direct: bool, no_python: bool
) -> tuple[CheckResult, CheckResult, tuple[str, str]]:
    """Both sides checked (the head may be the working tree), and their short names."""
    from .diff.revisions import (
        WORKTREE,
        MissingHistory,
        RevisionError,
        checkout,
        resolve_pair,
        short,
        temporary,
    )

    options = LoadOptions(allow_python=False if no_python else None)
    try:
        base, head = resolve_pair(path, base, head, direct=direct)  # verified ids, or WORKTREE
        with temporary() as tmp:
            trees = [
                checkout(path, rev, Path(tmp) / name)
                for rev, name in ((base, "base"), (head, "head"))
                if rev != WORKTREE
            ]
            for tree in trees:
                for note in tree.skipped:
                    click.echo(f"cxdsl diff: warning: {note}", err=True)
            _require_a_workspace(path, [t.root for t in trees], head == WORKTREE)
            before = check_workspace(trees[0].root, options, trees[0].refused)
            after = (
                check_workspace(path, options)
                if head == WORKTREE
                else check_workspace(trees[1].root, options, trees[1].refused)
            )
    except MissingHistory as exc:  # not a usage mistake: the clone lacks history
        raise CxdslError(str(exc)) from exc
    except RevisionError as exc:
        raise click.UsageError(f"git: {exc}") from exc
    return before, after, (short(path, base), short(path, head))


def _write_full(output: DiffOutput, fmt: str, out_file: Path) -> None:
    """The full report (the comment unshortened, or the JSON) into ``out_file``."""
    from .emit.diff_comment import comment

    text = comment(output).full if fmt == "markdown" else DIFF_EMITTERS[fmt](output)
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CxdslError(f"cannot write {out_file}: {describe_os_error(exc)}") from exc


def _categories(output: DiffOutput) -> list[str]:
    """The change categories and the attention flags of a diff (what --fail-on matches)."""
    from .emit.diff_attention import flags_and_findings

    flags, _ = flags_and_findings(output)
    return [*(c.category for c in output.diff.changes), *(f.code for f in flags)]


def check_fail_on(fail_on: str) -> None:
    """A usage error for a --fail-on name no change or flag can have (a typo would turn
    the gate off silently)."""
    from .diff.attention import FLAG_CODES
    from .diff.engine import CATEGORY_WORDS

    for wanted in (w.strip() for w in fail_on.split(",") if w.strip()):
        first = wanted.split(".", 1)[0]
        known_flag = wanted in FLAG_CODES or wanted == "attention."
        if (first == "attention" and not known_flag) or first not in CATEGORY_WORDS:
            names = ", ".join(sorted({*CATEGORY_WORDS} - {"attention"}))
            raise click.UsageError(
                f"--fail-on {wanted}: no change or flag has that name; a category starts "
                f"with one of {names} (e.g. metric.removed, step.), a flag is one of "
                f"{', '.join(FLAG_CODES)} (or attention. for all)"
            )


def refused_categories(categories: list[str], fail_on: str) -> list[str]:
    """The change categories that ``--fail-on`` names, exactly or by a prefix ending in '.'."""
    wanted = [c.strip() for c in fail_on.split(",") if c.strip()]
    return sorted(
        {
            category
            for category in categories
            if any(w == category or (w.endswith(".") and category.startswith(w)) for w in wanted)
        }
    )
