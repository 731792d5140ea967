"""Time the site build and measure page sizes as the workspace grows.

    python benchmarks/bench_site.py [--journeys 50 200] [--steps 20]

For each size: a cold build (diagrams rendered), a warm build (diagrams reused), the
number of pages, and the size of a journey page and of the home page. With navigation
pruning, a journey page's size should stay about flat as journeys are added (a full
navigation in every page makes total output grow with the square of the page count).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from cxdsl.site.build import DEFAULT_MKDOCS, build_site


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journeys", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; each size: cold build, then warm build")
    print(
        f"{'journeys':>8} {'pages':>6} {'cold s':>7} {'warm s':>7} {'journey page KB':>16} "
        f"{'home KB':>8} {'site MB':>8}"
    )
    for n in args.journeys:
        root = args.out / f"site-{n}x{args.steps}"
        if root.exists():
            shutil.rmtree(root)
        generate(root, n, args.steps)
        (root / "mkdocs.yml").write_text(DEFAULT_MKDOCS.format(name="Synthetic"), encoding="utf-8")
        (root / "docs").mkdir()
        start = time.perf_counter()
        report, _ = build_site(root, root / "site")
        cold = time.perf_counter() - start
        start = time.perf_counter()
        warm_report, _ = build_site(root, root / "site")
        warm = time.perf_counter() - start
        assert warm_report.render.rendered == 0
        page = root / "site/en/journeys/journey-0/index.html"
        home = root / "site/en/index.html"
        total = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        print(
            f"{n:>8} {report.pages:>6} {cold:>7.1f} {warm:>7.1f} "
            f"{page.stat().st_size / 1024:>16.0f} {home.stat().st_size / 1024:>8.0f} "
            f"{total / 1_048_576:>8.1f}"
        )


if __name__ == "__main__":
    main()
