"""Measured results for a checked workspace: every dataset read once, validated, and
folded into figures, step readings, funnels and the emotion–behaviour association.

``compute_results`` is the one entry point (the check, the build and ``cxdsl results``
call it). ibis and its engine are imported here, only when a workspace declares datasets.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import codes
from ..diagnostics import Issue, Severity
from ..loading import Workspace
from ..model import Dataset, Instrument, Journey, Settings
from ..resolve import Index
from ..rules.registry import RuleContext
from . import events as event_results
from . import responses as response_results
from .associate import associations
from .compute import Context, with_trends
from .figures import Figure, Results
from .gaps import gap_issues
from .indices import index_figures
from .periods import order_periods
from .plan import PlanItem, known_ids, plan_items, step_stages
from .privacy import suppress_complements
from .programme import design_journey_issues, programme_issues
from .quotas import quota_issues
from .reported import reported_figures
from .tables import Engine, open_dataset


@dataclass
class Run:
    """What one computation gathers while it reads datasets."""

    root: Path
    rules: RuleContext
    engine: Engine
    items: list[PlanItem]
    context: Context
    now: dt.datetime
    results: Results = field(default_factory=Results)
    issues: list[Issue] = field(default_factory=list)


def compute_results(
    workspace: Workspace,
    index: Index,
    *,
    engine: str = "duckdb",
    now: dt.datetime | None = None,
    untrusted: bool = False,
) -> tuple[Results, list[Issue]]:
    """Figures and data diagnostics for the workspace's datasets (empty without any).

    ``untrusted`` (a pull request's workspace, ``--no-python``): sources named by an
    environment variable and tables on other backends are not read, so a workspace cannot
    make the check read a file or a database it was not given.
    """
    if not index.docs("dataset"):
        return Results(), []
    settings = workspace.settings
    stages = {j.id: step_stages(j) for j, _ in index.entities(Journey)}
    run = Run(
        workspace.root,
        RuleContext(workspace, index),
        Engine(engine),
        plan_items(index),
        Context(settings.min_cell_size, stages, known_ids(index)),
        now or dt.datetime.now(),
    )
    errors = _error_codes(settings)
    for dataset, _ in index.entities(Dataset):
        before = len(run.issues)
        if untrusted and outside_reach(dataset):
            run.issues.append(_not_in_untrusted(run, dataset))
            continue
        found = _read_guarded(run, dataset)
        provisional = any(i.code in errors for i in run.issues[before:])
        run.results.figures += [replace(f, provisional=f.provisional or provisional) for f in found]
    _finish(run)
    return run.results, run.issues


def _read_guarded(run: Run, dataset: Dataset) -> list[Figure]:
    """:func:`_read`, with what the engine refuses in the data (a value its casts reject,
    a type a backend cannot compare) reported at the dataset (CX302) rather than raised;
    ``--debug`` raises it."""
    try:
        return _read(run, dataset)
    except Exception as exc:
        if _debugging():
            raise
        where = ("source",) if dataset.source is not None else ("table",)
        lines = str(exc).strip().splitlines() or [type(exc).__name__]
        run.issues.append(
            Issue(
                codes.CX302_SOURCE_MALFORMED,
                f"the {run.engine.name} engine could not compute dataset '{dataset.id}': "
                f"{type(exc).__name__}: {lines[0][:300]}",
                run.rules.span(dataset, where),
                "check the column types of the source; run with --debug for the traceback",
            )
        )
        return []


def _debugging() -> bool:
    """``cxdsl --debug`` or ``CXDSL_DEBUG``: failures keep their traceback."""
    import click

    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    flag = bool(root is not None and root.params.get("debug"))
    env = os.environ.get("CXDSL_DEBUG", "").strip().lower()
    return flag or env not in ("", "0", "false", "no", "off")


def _read(run: Run, dataset: Dataset) -> list[Figure]:
    """The dataset's figures; its diagnostics, readings and funnels go into the run."""
    instrument = run.rules.index.entity("instrument", dataset.instrument)
    instrument = instrument if isinstance(instrument, Instrument) else None
    items = [i for i in run.items if dataset.instrument and i.instrument_id == dataset.instrument]
    if instrument is not None and not _planned(run, instrument):
        run.issues.append(
            Issue(
                codes.CX310_INSTRUMENT_UNPLANNED,
                f"no measurement plan entry or metric uses instrument '{instrument.id}': "
                "this dataset feeds no figure",
                run.rules.span(dataset, ("instrument",)),
            )
        )
    span = run.rules.span(dataset, ("source",) if dataset.source is not None else ("table",))
    wanted = {q.id for q in instrument.questions} if instrument else set()
    data, issues = open_dataset(run.engine, run.root, dataset, span, wanted)
    run.issues.extend(issues)
    if data is None:
        return []
    default_journey = dataset.journey or _sole_journey(items)
    if default_journey is None and dataset.shape != "reported" and not data.has("journey"):
        journeys = sorted({i.journey.id for i in items})
        run.issues.append(
            Issue(
                codes.CX304_COLUMN_MISSING,
                f"dataset '{dataset.id}' says no journey and has no 'journey' column, while "
                f"{len(journeys)} journeys plan its instrument ({', '.join(journeys)}): its "
                "rows feed no figure",
                run.rules.span(dataset, ("instrument",)),
                "set `journey:` on the dataset, or give the rows a journey column",
            )
        )
        return []
    if dataset.shape == "responses" and instrument is not None:
        found = response_results.read(run, data, instrument, items, default_journey)
    elif dataset.shape == "events":
        found = event_results.read(run, data, instrument, items, default_journey)
    else:
        found = reported_figures(run, data)
    return found


def _planned(run: Run, instrument: Instrument) -> bool:
    """Whether the instrument's data feed anything: a plan entry, a metric, or the step
    readings drawn beside the design (questions that measure emotion, expected,
    perceived)."""
    if any(i.instrument_id == instrument.id for i in run.items):
        return True
    if any(q.measures is not None for q in instrument.questions):
        return True
    from ..model import Metric

    return any(m.instrument == instrument.id for m, _ in run.rules.index.entities(Metric))


def _sole_journey(items: list[PlanItem]) -> str | None:
    journeys = {i.journey.id for i in items}
    return next(iter(journeys)) if len(journeys) == 1 else None


def _finish(run: Run) -> None:
    results = run.results
    results.figures.extend(index_figures(run.items, results.figures, run.context))
    seasons = run.rules.settings.seasons
    results.periods = order_periods((f.cell.period for f in results.figures), seasons)
    results.figures = with_trends(suppress_complements(results.figures), results.periods)
    results.associations = associations(results)
    run.issues.extend(gap_issues(run, results.figures))
    run.issues.extend(quota_issues(run, results.figures))
    run.issues.extend(programme_issues(run, results.figures))
    run.issues.extend(design_journey_issues(run))


def _error_codes(settings: Settings) -> frozenset[str]:
    """The data codes that are errors in this workspace (its figures turn provisional)."""
    from ..rules import load_rules

    registry = load_rules()
    return frozenset(
        code
        for code in registry.checks
        if code.startswith("CX3") and registry.severity(code, settings) is Severity.ERROR
    )


def outside_reach(dataset: Dataset) -> bool:
    """A table on a backend, or a source that names the environment anywhere in it."""
    return dataset.table is not None or "$" in (dataset.source or "")


def _not_in_untrusted(run: Run, dataset: Dataset) -> Issue:
    field_name = "table" if dataset.table is not None else "source"
    return Issue(
        codes.CX301_SOURCE_UNAVAILABLE,
        f"dataset '{dataset.id}' is not read in untrusted mode: its {field_name} lies outside "
        "the workspace",
        run.rules.span(dataset, (field_name,)),
        "run without --no-python where the data may be read",
    )
