"""Time diagram rendering against its floor: a bare ``dot -Tsvg`` of the same DOT.

    python benchmarks/bench_render.py [--journeys 200] [--steps 20]

On a synthetic workspace (benchmarks/generate.py) it measures, in one run:

- the floor: ``dot -Tsvg`` run once per journey map (English), sequentially, on exactly
  the DOT cxdsl produces;
- cxdsl rendering only those journey maps, cold, on one thread (the like-for-like ratio)
  and on every core;
- a cold and a warm ``render_diagrams`` of everything (every kind, every language); the
  warm run must render nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from cxdsl.compiler import check_workspace
from cxdsl.render.pipeline import plan_diagrams, render_diagrams


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    root = args.out / f"render-{args.journeys}x{args.steps}"
    if not (root / "cxdsl.yaml").exists():
        generate(root, args.journeys, args.steps)
    result = check_workspace(root)
    assert result.ok
    plan_time, diagrams = timed(lambda: plan_diagrams(result.index, result.workspace.settings))
    maps = [d for d in diagrams if d.kind == "journey-map" and d.lang == "en"]
    dot = shutil.which("dot")
    assert dot, "Graphviz is needed"

    def bare_dot() -> None:
        for d in maps:
            subprocess.run([dot, "-Tsvg"], input=d.source.encode(), capture_output=True, check=True)

    floor, _ = timed(bare_dot)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        one, report1 = timed(lambda: render_diagrams(maps, t / "o1", t / "c1", jobs=1))
        many, report2 = timed(lambda: render_diagrams(maps, t / "o2", t / "c2"))
        cold, cold_report = timed(lambda: render_diagrams(diagrams, t / "all", t / "ca"))
        warm, warm_report = timed(lambda: render_diagrams(diagrams, t / "all", t / "ca"))
    assert report1.rendered == report2.rendered == len(maps)
    assert warm_report.rendered == 0, "a warm build must render nothing"
    n = len(maps)
    print(
        f"workspace: {args.journeys} journeys x {args.steps} steps, {os.cpu_count()} cores, "
        f"{len(diagrams)} diagrams in {len(result.workspace.settings.languages)} languages"
    )
    print(f"planning every diagram (DOT/SVG sources):   {plan_time:7.2f} s")
    print(
        f"floor: bare dot -Tsvg per journey map:       {floor:7.2f} s  "
        f"{1000 * floor / n:6.1f} ms/map"
    )
    print(
        f"cxdsl journey maps, cold, 1 thread:          {one:7.2f} s  "
        f"{1000 * one / n:6.1f} ms/map  ratio {one / floor:.2f}x"
    )
    print(
        f"cxdsl journey maps, cold, {os.cpu_count()} threads:         {many:7.2f} s  "
        f"{1000 * many / n:6.1f} ms/map  ratio {many / floor:.2f}x"
    )
    print(f"all diagrams, cold: {cold_report.summary()} in {cold:.2f} s")
    print(f"all diagrams, warm: {warm_report.summary()} in {warm:.2f} s")
    print("goal: cold within 1.5x of the floor per diagram; warm renders nothing")


if __name__ == "__main__":
    main()
