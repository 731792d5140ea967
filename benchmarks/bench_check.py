"""Time `cxdsl check` against its floor: a bare libyaml parse of the same files.

    python benchmarks/bench_check.py [--journeys 1000] [--steps 20] [--repeat 3]

The floor is what any YAML tool pays: reading every model file and
``yaml.load_all(text, Loader=yaml.CSafeLoader)``, in one process. ``cxdsl check`` is timed
in-process (load, validate, resolve, rules) and end to end as a command. Both run in this
same process and run, best of --repeat; the ratio is what the goal is about (1.3x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from cxdsl.compiler import check_workspace, paused_gc
from cxdsl.loading.workspace import discover


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_parse(root: Path) -> None:
    for path in [root / "cxdsl.yaml", *discover(root)]:
        text = path.read_text(encoding="utf-8")
        list(yaml.load_all(text, Loader=yaml.CSafeLoader))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journeys", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    root = args.out / f"check-{args.journeys}x{args.steps}"
    if not (root / "cxdsl.yaml").exists():
        generate(root, args.journeys, args.steps)
    files = len(discover(root)) + 1
    size = sum(p.stat().st_size for p in root.rglob("*.yaml")) / 1_048_576

    floor = best_of(args.repeat, lambda: bare_parse(root))
    with paused_gc():  # the same collector setting cxdsl check uses, for a strict floor
        floor_no_gc = best_of(args.repeat, lambda: bare_parse(root))
    in_process = best_of(args.repeat, lambda: check_workspace(root))
    result = check_workspace(root)
    assert result.ok and not result.diagnostics, "the synthetic workspace must be clean"
    cli = [str(Path(sys.executable).parent / "cxdsl"), "check", str(root)]
    command = best_of(args.repeat, lambda: subprocess.run(cli, check=True,
                                                          capture_output=True))

    print(f"workspace: {args.journeys} journeys x {args.steps} steps, {files} files, "
          f"{size:.1f} MB, {os.cpu_count()} cores, best of {args.repeat}")
    print(f"floor: bare libyaml parse (CSafeLoader)        {floor:8.3f} s")
    print(f"floor: the same with the cyclic GC paused     {floor_no_gc:8.3f} s")
    print(f"cxdsl check, in-process                       {in_process:8.3f} s   "
          f"ratio {in_process / floor:.2f}x (strict: {in_process / floor_no_gc:.2f}x)")
    print(f"cxdsl check, as a command (with start-up)     {command:8.3f} s   "
          f"ratio {command / floor:.2f}x (strict: {command / floor_no_gc:.2f}x)")
    print("goal: cxdsl check within 1.3x of the floor")


if __name__ == "__main__":
    main()
