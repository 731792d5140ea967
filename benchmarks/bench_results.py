"""Time measured results against their floor: bare DuckDB SQL over the same Parquet files.

    python benchmarks/bench_results.py [--responses 10000000] [--events 50000000] [--repeat 3]

``scripts/generate_results.py --scale`` writes (once, then reused) the example's
post-service survey at ``--responses`` rows and its licence portal funnel at about
``--events`` rows, as Parquet, into a workspace under benchmarks/out/: the example's
model (settings, personas, journeys) and a ``results/datasets.yaml`` declaring the two
files. Then, best of --repeat:

- the floor: ``duckdb.connect()`` and ``read_parquet``, computing the counts cxdsl needs
  and nothing else: per question the plan reads (csat, nps, ces), the count of each
  answer by month, journey, step, segment and channel, and the response ids given twice
  (cxdsl checks them before any figure); for the events, one row per case
  (start, completion, steps reached) folded into cases per month, breakdown, steps
  reached and completion, with the minutes to complete as a histogram;
- cxdsl's data time: ``compute_results`` in-process on the loaded workspace (every
  dataset read, validated and folded into figures);
- ``cxdsl results <ws> --format json`` as a command, and its peak memory.

The floor's answer counts are checked against the n of cxdsl's figures. The last line is
``RESULT results tool=<s> floor=<s> ratio=<x>`` (compute_results against the floor).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import ibis  # noqa: F401  (cxdsl imports it on first use: not part of the data time)

from cxdsl.loading import load_workspace
from cxdsl.resolve import build_index

try:  # the public entry point, where the package exports it
    from cxdsl.results import compute_results  # type: ignore[attr-defined]
except ImportError:
    from cxdsl.results.engine import compute_results

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = ("csat", "nps", "ces")
GOAL = 1.5

DATASETS = """\
# The benchmark's data: the example's post-service survey and portal funnel, at scale.
kind: dataset
id: bench-post-service
shape: responses
instrument: post-service-survey
source: results/post-service-survey.parquet
---
kind: dataset
id: bench-portal-events
shape: events
instrument: portal-funnel
journey: issue-commercial-licence
source: results/portal-events.parquet
start_event: application_form_opened
"""


def generator() -> ModuleType:
    """scripts/generate_results.py, imported as a module."""
    spec = importlib.util.spec_from_file_location(
        "generate_results", REPO / "scripts" / "generate_results.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def workspace(root: Path, responses: int, events: int) -> tuple[Path, Path]:
    """The bench workspace (written once): the example's model and the two Parquet files."""
    data = root / "results"
    answers, log = data / "post-service-survey.parquet", data / "portal-events.parquet"
    if not (answers.exists() and log.exists()):
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        for name in ("cxdsl.yaml", "personas", "journeys", "schemas"):
            src = REPO / name
            copy = shutil.copytree if src.is_dir() else shutil.copyfile
            copy(src, root / name)
        start = time.perf_counter()
        written = generator().generate_scaled(data, 2026, responses, events, "parquet")
        took = time.perf_counter() - start
        (data / "datasets.yaml").write_text(DATASETS, encoding="utf-8")
        rows = ", ".join(f"{n:,} {kind}" for kind, (_, n) in written.items())
        print(f"generated {rows} in {took:.1f} s")
    return answers, log


def floor_answers(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, list[Any]]:
    """Per question: the count of each answer by month and breakdown."""
    out = {}
    for question in QUESTIONS:
        out[question] = con.execute(
            f"""
            SELECT year(submitted_at) * 100 + month(submitted_at) AS month,
                   journey, step, segment, channel, {question} AS value, count(*) AS n
            FROM read_parquet(?) GROUP BY ALL
            """,
            [str(path)],
        ).fetchall()
    return out


def floor_duplicates(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Response ids given more than once (cxdsl validates this before any figure)."""
    found = con.execute(
        """
        SELECT count(*) FROM (
            SELECT response_id FROM read_parquet(?) GROUP BY ALL HAVING count(*) > 1
        )
        """,
        [str(path)],
    ).fetchone()
    return int(found[0]) if found else 0


def floor_cases(con: duckdb.DuckDBPyConnection, path: Path, steps: list[list[str]]) -> list[Any]:
    """Cases by month, breakdown, steps reached and completion, with minutes to complete."""
    reached = ", ".join(
        f"bool_or(event IN ({', '.join(repr(e) for e in names)})) AS r{i}"
        for i, names in enumerate(steps)
    )
    flags = ", ".join(f"r{i}" for i in range(len(steps)))
    return con.execute(
        f"""
        WITH cases AS (
            SELECT "case", min(submitted_at) AS started,
                   min(submitted_at) FILTER (WHERE event = 'application_submitted') AS ended,
                   min(segment) AS segment, min(channel) AS channel, {reached}
            FROM read_parquet(?) GROUP BY "case"
        )
        SELECT year(started) * 100 + month(started) AS month, segment, channel, {flags},
               ended IS NOT NULL AS completed,
               floor((epoch(ended) - epoch(started)) / 60) AS minutes, count(*) AS n
        FROM cases GROUP BY ALL
        """,
        [str(path)],
    ).fetchall()


def funnel_steps() -> list[list[str]]:
    """The portal funnel's event names, grouped by the step they mark, in journey order."""
    funnel = generator().FUNNEL
    order = list(dict.fromkeys(step for _, step in funnel))
    return [[event for event, s in funnel if s == step] for step in order]


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def quarter(month: int) -> str:
    return f"{month // 100}-Q{(month % 100 - 1) // 3 + 1}"


def check_counts(floor: dict[str, list[Any]], figures: list[Any]) -> int:
    """The floor's CSAT answers per journey and quarter equal the n of cxdsl's figures."""
    ours: Counter[tuple[str, str]] = Counter()
    for month, journey, _, _, _, value, n in floor["csat"]:
        if value is not None:
            ours[(journey, quarter(month))] += n
    theirs = {
        (f.cell.journey, f.cell.period): f.n
        for f in figures
        if f.metric == "csat" and f.cell.breakdown is None and f.cell.period in _quarters(ours)
    }
    assert theirs and all(ours[key] == n for key, n in theirs.items()), (ours, theirs)
    return len(theirs)


def _quarters(counts: Counter[tuple[str, str]]) -> set[str]:
    return {period for _, period in counts}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=10_000_000)
    parser.add_argument("--events", type=int, default=50_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    root = args.out / f"results-{args.responses}x{args.events}"
    answers, log = workspace(root, args.responses, args.events)
    steps = funnel_steps()

    def floor() -> dict[str, list[Any]]:
        con = duckdb.connect()
        counts = floor_answers(con, answers)
        counts["cases"] = floor_cases(con, log, steps)
        counts["duplicates"] = [floor_duplicates(con, answers)]
        con.close()
        return counts

    floor_time, counts = best_of(args.repeat, floor)
    ws, _ = load_workspace(root)
    index, _ = build_index(ws)
    tool_time, (results, issues) = best_of(args.repeat, lambda: compute_results(ws, index))
    errors = [i for i in issues if i.code.startswith("CX3") and i.code not in ("CX310", "CX311")]
    cells = check_counts(counts, results.figures)

    cli = [str(Path(sys.executable).parent / "cxdsl"), "results", str(root), "--format", "json"]
    command_time, done = best_of(args.repeat, lambda: subprocess.run(cli, capture_output=True))
    assert done.returncode in (0, 1), done.stderr.decode()[-2000:]
    payload = json.loads(done.stdout)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(
        f"data: {args.responses:,} responses ({answers.stat().st_size / 1_048_576:.0f} MB), "
        f"about {args.events:,} events ({log.stat().st_size / 1_048_576:.0f} MB) in Parquet; "
        f"{os.cpu_count()} cores, best of {args.repeat}"
    )
    queries = f"{len(QUESTIONS)} answer counts, 1 duplicate count, 1 case query"
    print(f"floor: bare DuckDB SQL ({queries})    {floor_time:8.3f} s")
    print(
        f"cxdsl compute_results, in-process                        {tool_time:8.3f} s   "
        f"ratio {tool_time / floor_time:.2f}x  ({len(results.figures):,} figures; "
        f"n of {cells} CSAT figures checked against the floor)"
    )
    print(
        f"cxdsl results --format json, as a command                {command_time:8.3f} s   "
        f"peak memory {peak_mb:,.0f} MB  ({len(payload['results']):,} figures)"
    )
    if errors:
        print(f"data diagnostics: {sorted({i.code for i in errors})} (see cxdsl check {root})")
    print(f"goal: cxdsl's data time within {GOAL}x of the floor")
    ratio = tool_time / floor_time
    print(f"RESULT results tool={tool_time:.3f} floor={floor_time:.3f} ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
