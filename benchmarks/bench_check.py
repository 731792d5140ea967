"""Time `cxdsl check` against its floor: a bare libyaml parse of the same files.

    python benchmarks/bench_check.py [--journeys 1000] [--steps 20] [--repeat 3]
                                     [--python-files 100]

The floor is what any YAML tool pays: reading every model file and
``yaml.load_all(text, Loader=yaml.CSafeLoader)``, in one process. ``cxdsl check`` is timed
in-process (load, validate, resolve, rules) and end to end as a command. Both run in this
same process and run, best of --repeat; the ratio is what the goal is about (1.3x).

Python model files run in a bounded child of one worker process; their cost is measured
apart, on --python-files journeys written as Python instead of YAML: the worker's start
(once per cxdsl process), the per-file cost through the worker, and the in-process
``exec`` of the same files (what cxdsl did before isolation) as that part's floor.
The last line is ``RESULT check tool=<s> floor=<s> ratio=<x>`` (the in-process check
against the bare parse).
"""

from __future__ import annotations

import argparse
import ast
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
from cxdsl.loading import python_files
from cxdsl.loading._python_worker import id_lines
from cxdsl.loading.workspace import discover
from cxdsl.model import Journey


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


def python_workspace(root: Path, journeys: int, steps: int) -> list[Path]:
    """The synthetic workspace with every journey written as a Python model file."""
    if not (root / "cxdsl.yaml").exists():
        generate(root, journeys, steps)
        with (root / "cxdsl.yaml").open("a", encoding="utf-8") as f:
            f.write("allow_python: true\n")
        for path in sorted((root / "journeys").glob("journey-*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            path.with_suffix(".py").write_text(
                f"from cxdsl.api import Journey\n\njourney = Journey.model_validate({data!r})\n",
                encoding="utf-8",
            )
            path.unlink()
    return sorted((root / "journeys").glob("journey-*.py"))


def exec_in_process(files: list[Path]) -> None:
    """The floor for Python files: what the loader did before isolation, in-process."""
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        id_lines(tree)
        namespace: dict[str, object] = {}
        exec(compile(tree, str(path), "exec"), namespace)
        assert isinstance(namespace["journey"], Journey)


def run_isolated(root: Path, files: list[Path]) -> None:
    for path in files:
        rel = path.relative_to(root).as_posix()
        docs, issues, _ = python_files.load_python_file(path, rel, path.read_text(encoding="utf-8"))
        assert docs and not issues, issues


def bench_python(args: argparse.Namespace) -> None:
    """Print what running Python model files in the worker costs."""
    n = args.python_files
    root = args.out / f"python-{n}x{args.steps}"
    files = python_workspace(root, n, args.steps)
    python_files._shutdown()
    start = time.perf_counter()
    python_files.run_in_worker({"file": str(files[0]), "text": "", "timeout": 10, "cwd": str(root)})
    worker_start = time.perf_counter() - start
    floor = best_of(args.repeat, lambda: exec_in_process(files))
    isolated = best_of(args.repeat, lambda: run_isolated(root, files))
    check = best_of(args.repeat, lambda: check_workspace(root))
    result = check_workspace(root)
    assert result.ok and not result.diagnostics, result.diagnostics[:3]
    print(f"python: {n} journeys x {args.steps} steps written as Python model files")
    print(f"python: worker start (once per cxdsl process)   {worker_start:8.3f} s")
    print(
        f"python: exec in-process, no isolation (floor)  {floor:8.3f} s   "
        f"{floor / n * 1000:6.1f} ms/file"
    )
    print(
        f"python: through the worker, validated again    {isolated:8.3f} s   "
        f"{isolated / n * 1000:6.1f} ms/file   ratio {isolated / floor:.2f}x"
    )
    print(f"python: cxdsl check of that workspace          {check:8.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journeys", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument(
        "--python-files",
        type=int,
        default=100,
        help="journeys written as Python model files (0: skip)",
    )
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
    command = best_of(args.repeat, lambda: subprocess.run(cli, check=True, capture_output=True))

    print(
        f"workspace: {args.journeys} journeys x {args.steps} steps, {files} files, "
        f"{size:.1f} MB, {os.cpu_count()} cores, best of {args.repeat}"
    )
    print(f"floor: bare libyaml parse (CSafeLoader)        {floor:8.3f} s")
    print(f"floor: the same with the cyclic GC paused     {floor_no_gc:8.3f} s")
    print(
        f"cxdsl check, in-process                       {in_process:8.3f} s   "
        f"ratio {in_process / floor:.2f}x (strict: {in_process / floor_no_gc:.2f}x)"
    )
    print(
        f"cxdsl check, as a command (with start-up)     {command:8.3f} s   "
        f"ratio {command / floor:.2f}x (strict: {command / floor_no_gc:.2f}x)"
    )
    print("goal: cxdsl check within 1.3x of the floor")
    if args.python_files:
        bench_python(args)
    print(f"RESULT check tool={in_process:.3f} floor={floor:.3f} ratio={in_process / floor:.2f}")


if __name__ == "__main__":
    main()
