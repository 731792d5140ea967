"""The example's measured results (``results/``) come from ``scripts/generate_results.py``:
a seed writes the same bytes every time, and what is committed is what seed 2026 writes,
so the data can never drift from the script that tells its story."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from cxdsl.loading import load_workspace
from cxdsl.model import Journey, Metric
from cxdsl.resolve import build_index

from ..conftest import REPO

SCRIPT = REPO / "scripts" / "generate_results.py"
DATA_SUFFIXES = (".csv", ".parquet")
REGENERATE = "run: .venv/bin/python scripts/generate_results.py --out results --seed 2026"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """The script, imported as a module (it is not part of the cxdsl package)."""
    spec = importlib.util.spec_from_file_location("generate_results", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


def test_a_seed_writes_the_same_bytes_every_time(generator: ModuleType, tmp_path: Path) -> None:
    first = generator.generate(tmp_path / "first", seed=7)
    again = generator.generate(tmp_path / "again", seed=7)
    assert [p.name for p in first] == [p.name for p in again]
    for a, b in zip(first, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    other = generator.generate(tmp_path / "other", seed=8)
    assert first[0].read_bytes() != other[0].read_bytes()


def test_the_committed_data_is_what_seed_2026_writes(generator: ModuleType, tmp_path: Path) -> None:
    written = generator.generate(tmp_path, seed=2026)
    committed = sorted(p.name for p in (REPO / "results").iterdir() if p.suffix in DATA_SUFFIXES)
    assert committed == sorted(p.name for p in written), REGENERATE
    for path in written:
        ours = REPO / "results" / path.name
        if path.suffix == ".csv":
            assert ours.read_bytes() == path.read_bytes(), f"{path.name}: {REGENERATE}"
        else:  # the content: Parquet's footer names the writer's version
            assert pq.read_table(ours).equals(pq.read_table(path)), f"{path.name}: {REGENERATE}"


def test_the_committed_data_stays_small() -> None:
    size = sum(p.stat().st_size for p in (REPO / "results").rglob("*") if p.is_file())
    assert size < 1_600_000


def test_personal_columns_hold_only_obviously_fake_values() -> None:
    for name in ("post-service-licence.csv", "post-service-permit.csv"):
        table = pacsv.read_csv(REPO / "results" / name)
        phones = [p for p in table["phone"].to_pylist() if p]
        assert phones and all(p.startswith("000-000-") and len(p) == 12 for p in phones)
        comments = {c for c in table["comment"].to_pylist() if c}
        assert comments and all(
            c.startswith(("Sample comment:", "تعليق تجريبي:")) for c in comments
        )


def test_the_scaled_files_are_written_in_chunks(generator: ModuleType, tmp_path: Path) -> None:
    chunk = generator.CHUNK_ROWS
    generator.CHUNK_ROWS = 500  # many chunks from a small run
    try:
        written = generator.generate_scaled(tmp_path, 1, responses=3_000, events=6_000)
    finally:
        generator.CHUNK_ROWS = chunk
    path, rows = written["responses"]
    responses = pq.read_table(path)
    assert rows == responses.num_rows == 3_000
    assert pq.ParquetFile(path).metadata.num_row_groups > 6
    ids = responses["response_id"]
    assert pc.count_distinct(ids).as_py() == 3_000 and pc.max(ids).as_py() == 3_000
    path, rows = written["events"]
    events = pq.read_table(path)
    assert rows == events.num_rows and abs(rows - 6_000) < 200  # whole cases: about 6,000
    funnel = [name for name, _ in generator.FUNNEL]
    assert set(events["event"].to_pylist()) <= set(funnel)


def test_the_generator_agrees_with_the_example(generator: ModuleType) -> None:
    """Every id it writes is one the model defines; its seasons and index weights are the
    workspace's (the published seasonal figures are computed with them)."""
    workspace, _ = load_workspace(REPO)
    index, _ = build_index(workspace)
    ids = {kind: set(index.ids(kind)) for kind in ("journey", "channel", "segment")}
    journeys = [journey for journey, _ in index.entities(Journey)]
    steps = {step.id for journey in journeys for step in journey.steps()}
    stages = {stage.id for journey in journeys for stage in journey.stages}
    assert set(generator.JOURNEYS) <= ids["journey"]
    assert set(generator.CHANNELS) <= ids["channel"]
    assert set(generator.SEGMENTS) <= ids["segment"]
    used_steps = {*generator.LICENCE_STEPS, *generator.SURVEY_STEPS}
    used_steps |= {e.step for events in generator.CASES.values() for e in events}
    assert used_steps <= steps
    assert set(generator.LICENCE_STAGES) <= stages
    seasons = {s.id: (str(s.start), str(s.end)) for s in workspace.settings.seasons}
    assert seasons == {k: (str(a), str(b)) for k, (a, b) in generator.SEASONS.items()}
    metrics = {metric.id: metric for metric, _ in index.entities(Metric)}
    composite = metrics["licence-service-index"]
    weights = {metrics[c.metric].question: c.weight for c in composite.components}
    assert weights == generator.CRITERIA_WEIGHTS
