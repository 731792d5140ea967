"""The pipeline: discover → load → validate → resolve → rules → diagnostics."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import codes
from .diagnostics import Diagnostic, Issue, Severity, sort_diagnostics
from .errors import InternalError as InternalError  # raised here; kept importable from here
from .loading import LoadOptions, Workspace, load_workspace
from .loading.errors import dotted
from .loading.locate import node_at
from .loading.workspace import SETTINGS_FILE
from .loading.yamlsafe import mark_span
from .resolve import Index, build_index, resolve_references
from .results.figures import Results
from .rules import RuleContext, load_rules
from .schema_check import stale_schemas
from .suggest import did_you_mean


@dataclass
class CheckResult:
    """The loaded workspace, its index and every diagnostic, sorted."""

    workspace: Workspace
    index: Index
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Measured results (``cxdsl.results``), when the workspace declares datasets.
    results: Results | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def ok(self) -> bool:
        return self.count(Severity.ERROR) == 0


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch of work.

    Loading allocates millions of small, acyclic objects; with the collector on, CPython
    rescans the ones still alive again and again (measured: ~40% of a 1,000-journey check).
    Reference counting still frees everything; one collection runs at the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_workspace(
    root: Path,
    options: LoadOptions | None = None,
    reported: Sequence[Issue] = (),
    now: dt.datetime | None = None,
) -> CheckResult:
    """Run the whole check on the workspace at ``root``; user mistakes never raise.

    ``now``: the moment measured data are judged at (timestamps after it are in the
    future); the clock by default."""
    with paused_gc():
        return _check(root, options, reported, now)


def _check(
    root: Path, options: LoadOptions | None, reported: Sequence[Issue], now: dt.datetime | None
) -> CheckResult:
    registry = load_rules()

    # Load every file: settings, YAML documents, Python model files.
    workspace, issues = load_workspace(root, options)
    settings = workspace.settings
    issues.extend(_unknown_rule_levels(workspace))
    # The site's configuration is input too: a mkdocs.yml the build would refuse (CX016,
    # and CX017 in untrusted mode) fails the check that CI runs on a pull request.
    issues.extend(_mkdocs_issues(root, options))
    # What the caller found before the files reached us (links refused in a git archive).
    issues.extend(reported)
    # The workspace's schemas/ (what editors check against) as this version writes it.
    issues.extend(stale_schemas(root, workspace.sources))

    # Index ids and resolve every reference across the workspace.
    index, duplicates = build_index(workspace)
    issues.extend(duplicates)
    issues.extend(resolve_references(workspace, index))

    # Semantic rules (skipping those the workspace turned off).
    context = RuleContext(workspace, index)
    for rule in registry.rules:
        if registry.severity(rule.code, settings) is None:
            continue
        try:
            issues.extend(rule.issues(context))
        except Exception as exc:  # a bug in a rule, not in the user's model
            raise InternalError(
                f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}"
            ) from exc

    # Measured results: datasets read, validated and folded into figures.
    results = None
    if index.docs("dataset"):
        from .results.engine import compute_results

        untrusted = options is not None and options.allow_python is False
        results, data_issues = compute_results(workspace, index, now=now, untrusted=untrusted)
        issues.extend(data_issues)

    # Stamp names and severities from the catalogue, in a stable order.
    stamped = [registry.stamp(issue, settings) for issue in issues]
    diagnostics = sort_diagnostics([d for d in stamped if d is not None])
    return CheckResult(workspace, index, diagnostics, results)


def _mkdocs_issues(root: Path, options: LoadOptions | None) -> list[Issue]:
    from .site.mkdocs_config import read_mkdocs_config
    from .site.mkdocs_yaml import CONFIG_FILE

    if not os.path.lexists(root / CONFIG_FILE):
        return []
    untrusted = options is not None and options.allow_python is False
    return read_mkdocs_config(root, untrusted=untrusted).issues


def _unknown_rule_levels(ws: Workspace) -> list[Issue]:
    registry = load_rules()
    out = []
    for key in ws.settings.rules:
        if registry.code_of(key) is None:
            span = None
            if ws.settings_root is not None:
                span = mark_span(
                    SETTINGS_FILE, node_at(ws.settings_root, ("rules", key))[1] or ws.settings_root
                )
            names = [*registry.checks, *(c.name for c in registry.checks.values())]
            out.append(
                Issue(
                    codes.CX013_SETTINGS_INVALID,
                    f"unknown rule '{key}' in {dotted(('rules',))}",
                    span,
                    did_you_mean(key, names),
                )
            )
    return out
