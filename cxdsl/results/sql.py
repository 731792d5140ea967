"""``cxdsl results --show-sql DIALECT``: the SQL the engine runs, in another dialect.

Each query is built exactly as ``compute_results`` builds it, on an unbound table named
after the dataset (its ``table:`` on a backend, else its id), so what is printed runs on
BigQuery, Trino or Spark against a table of that name with the source's columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ..loading import LoadOptions


def queries_sql(
    root: Path, options: LoadOptions, dialect: str, now: dt.datetime | None = None
) -> str:
    """Every query of every dataset of the workspace at ``root``, as ``dialect`` SQL
    (``now``: the moment later timestamps count as future; the clock by default). In
    untrusted mode a dataset outside the workspace is not opened, its SQL not printed."""
    moment = now or dt.datetime.now().replace(microsecond=0)
    untrusted = options.allow_python is False
    import ibis

    from ..compiler import check_workspace
    from ..model import Dataset, Instrument, Journey
    from .aggregate import answer_query, cases_query
    from .engine import outside_reach
    from .events import step_events
    from .tables import ROW, Engine, open_dataset

    checked = check_workspace(root, options)
    index = checked.index
    engine = Engine()
    blocks = []
    for dataset, _ in index.entities(Dataset):
        if untrusted and outside_reach(dataset):
            blocks.append(f"-- {dataset.id}: not read in untrusted mode\n")
            continue
        instrument = index.entity("instrument", dataset.instrument)
        instrument = instrument if isinstance(instrument, Instrument) else None
        wanted = {q.id for q in instrument.questions} if instrument else set()
        from ..diagnostics import Span

        data, _issues = open_dataset(engine, root, dataset, Span(file="-"), wanted)
        if data is None:
            continue
        name = dataset.table or dataset.id
        schema = {k: v for k, v in data.table.schema().items() if k != ROW}
        bare = ibis.table(schema, name=name)
        data = replace(data, table=bare)
        seasons = checked.workspace.settings.seasons
        if dataset.shape == "responses" and instrument is not None:
            for q in instrument.questions:
                if data.has(q.id):
                    expr = answer_query(data, q.id, engine, seasons, moment)
                    blocks.append(_block(f"{dataset.id}: answers to {q.id}", expr, dialect))
        elif dataset.shape == "events":
            journey = index.entity("journey", dataset.journey) if dataset.journey else None
            mapping = {**(instrument.events if instrument else {}), **dataset.events}
            steps = step_events(journey, mapping) if isinstance(journey, Journey) else []
            end = dataset.end_event or (instrument.event if instrument else None)
            expr = cases_query(data, steps, end, engine, seasons, moment)
            blocks.append(_block(f"{dataset.id}: cases", expr, dialect))
    return "\n".join(blocks)


def _block(title: str, expr: object, dialect: str) -> str:
    import ibis

    if dialect == "spark":
        # ibis compiles Spark SQL only with a live Spark session; sqlglot translates the
        # Trino form (TRY_CAST and all) into Spark's.
        import sqlglot

        trino = str(ibis.to_sql(expr, dialect="trino"))
        sql = sqlglot.transpile(trino, read="trino", write="spark", pretty=True)[0]
    else:
        sql = str(ibis.to_sql(expr, dialect=dialect))
    return f"-- {title}\n{sql.strip()};\n"
