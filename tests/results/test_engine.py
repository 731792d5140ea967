"""The results engine on a small fixture whose figures are computed by hand below."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cxdsl.cli import main

SMALL = Path(__file__).parent / "fixtures" / "small"
SQL_SNAPSHOTS = Path(__file__).parent / "sql_snapshots"
Z = 1.959963984540054
AS_OF = "2026-11-30"


def run_results(ws: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["results", str(ws), "--as-of", AS_OF, *args])
    return result.exit_code, result.output


def results_json(ws: Path = SMALL) -> dict[str, Any]:
    code, output = run_results(ws, "--format", "json")
    assert code == 1, output  # the fixture holds one out-of-scale answer
    payload: dict[str, Any] = json.loads(output)
    return payload


def figure(payload: dict[str, Any], **where: object) -> dict[str, Any]:
    keys = ("step", "stage", "segment", "channel", "persona", "statistic")
    wanted = {k: None for k in keys} | where
    found = [f for f in payload["results"] if all(f[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (where, found)
    return found[0]


def wilson(successes: int, n: int) -> tuple[float, float]:
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return 100 * (centre - half), 100 * (centre + half)


def test_nps_by_hand() -> None:
    payload = results_json()
    # 2026-Q1 answers 10, 9, 7, 3, 10, 6, 8, 0: promoters 3, detractors 3, n = 8.
    q1 = figure(payload, metric="nps", period="2026-Q1")
    var = (3 / 8 + 3 / 8 - 0.0**2) / 8
    half = Z * 100 * math.sqrt(var)
    assert (q1["n"], q1["value"]) == (8, 0.0)
    assert q1["ci_low"] == pytest.approx(-half) and q1["ci_high"] == pytest.approx(half)
    assert (q1["target"], q1["status"], q1["method"]) == (10, "inconclusive", "nps")
    # 2026-Q2 answers 9, 10, 5, 9, 2 (the 11 is out of scale, left out): 3 − 2 of 5 = 20.
    q2 = figure(payload, metric="nps", period="2026-Q2")
    var = (3 / 5 + 2 / 5 - 0.2**2) / 5
    assert (q2["n"], q2["value"]) == (5, pytest.approx(20.0))
    assert q2["ci_low"] == pytest.approx(20 - Z * 100 * math.sqrt(var))
    assert q2["ci_high"] == 100  # 20 + 85.9 clipped to the scale of NPS
    assert q2["change"] == pytest.approx(20.0) and q2["change_significant"] is False
    assert q2["provisional"] is True  # the dataset has an error (the 11)


def test_csat_by_hand() -> None:
    payload = results_json()
    # 2026-Q1 answers 5, 4, 3, 2, 5, 4, 2, 1 on 1..5: the top two (4, 5) are 4 of 8.
    q1 = figure(payload, metric="csat", period="2026-Q1")
    low, high = wilson(4, 8)
    assert (q1["n"], q1["value"], q1["method"]) == (8, 50.0, "wilson")
    assert (q1["ci_low"], q1["ci_high"]) == (pytest.approx(low), pytest.approx(high))
    # 2026-Q2: 5, 4, 4, 3, 5, 2: four of six.
    q2 = figure(payload, metric="csat", period="2026-Q2")
    assert (q2["n"], q2["value"]) == (6, pytest.approx(400 / 6))


def test_events_by_hand() -> None:
    payload = results_json()
    # Cases c1..c8 all start in 2026-Q1; c1, c2, c3, c6, c8 reach "paid": 5 of 8.
    done = figure(payload, metric="completion", period="2026-Q1")
    low, high = wilson(5, 8)
    assert (done["n"], done["value"]) == (8, 62.5)
    assert (done["ci_low"], done["ci_high"]) == (pytest.approx(low), pytest.approx(high))
    # Hours to pay: 1, 2, 3, 4, 5. Median 3; order statistics 1st and 5th for n = 5.
    median = figure(payload, metric="time-to-pay", period="2026-Q1", statistic="median")
    assert (median["value"], median["ci_low"], median["ci_high"]) == (3.0, 1.0, 5.0)
    assert median["status"] == "inconclusive"  # target 2 hours lies inside [1, 5]
    p90 = figure(payload, metric="time-to-pay", period="2026-Q1", statistic="p90")
    assert p90["value"] == 5.0 and p90["target"] is None


def test_small_groups_are_suppressed() -> None:
    payload = results_json()
    # Two answers at the pay step in 2026-Q2, below min_cell_size: 3.
    cell = figure(payload, metric="nps", period="2026-Q2", step="pay")
    # Neither its value nor its n is shown.
    assert (cell["n"], cell["value"], cell["ci_low"], cell["status"]) == (
        None,
        None,
        None,
        "suppressed",
    )


def test_a_lone_suppressed_cell_takes_a_second_one_with_it() -> None:
    payload = results_json()
    # 2026-Q1 by segment: citizens 6 answers, residents 2 (suppressed). Showing citizens
    # would give residents away (journey minus citizens): citizens is suppressed too.
    by_segment = [
        f
        for f in payload["results"]
        if f["metric"] == "nps" and f["period"] == "2026-Q1" and f["segment"] is not None
    ]
    assert sorted((f["segment"], f["status"], f["value"]) for f in by_segment) == [
        ("citizens", "suppressed", None),
        ("residents", "suppressed", None),
    ]


def test_out_of_scale_answer_is_located() -> None:
    payload = results_json()
    found = [d for d in payload["diagnostics"] if d["code"] == "CX305"]
    # r11 is the 11th data row: line 12 (the header is line 1); its nps field starts after
    # "r11,2026-04-04T10:00:00,upload,citizens," (40 characters): column 41.
    assert [(d["file"], d["line"], d["column"]) for d in found] == [
        ("results/responses.csv", 12, 41)
    ]
    line = (SMALL / "results/responses.csv").read_text().splitlines()[11]
    assert line[40:].startswith("11,")


def test_personal_columns_never_leave_the_computation() -> None:
    code, text = run_results(SMALL, "--format", "json")
    assert "+966" not in text and "phone" not in text
    code, sql = run_results(SMALL, "--show-sql", "duckdb")
    assert code == 0 and "phone" not in sql


def test_readings_funnel_and_association() -> None:
    from cxdsl.compiler import check_workspace

    results = check_workspace(SMALL).results
    assert results is not None
    emotion = {r.step: r for r in results.readings if r.measure == "emotion"}
    # fill: 1, 1, 0, 0, 1; upload: −2, −1, −2, −1, −2; pay: 2, 1, 2, 1.
    assert emotion["fill"].estimate and emotion["fill"].estimate.value == pytest.approx(0.6)
    assert emotion["upload"].estimate and emotion["upload"].estimate.value == pytest.approx(-1.6)
    assert emotion["pay"].n == 4
    funnel = {f.step: f for f in results.funnels if f.period == "2026-Q1"}
    assert [funnel[s].reached for s in ("fill", "upload", "pay")] == [8, 7, 5]
    assert funnel["upload"].drop_off and funnel["upload"].drop_off.value == pytest.approx(200 / 7)
    # At the last step, the drop-off is the cases that reached it and never completed: 0.
    assert funnel["pay"].drop_off and funnel["pay"].drop_off.value == 0
    (association,) = results.associations
    # Emotions 0.6, −1.6, 1.5 against drop-offs 12.5, 28.6, 0: perfectly inverse ranks,
    # but three steps are too few to conclude.
    assert (association.n, association.rho, association.conclusive) == (3, -1.0, False)
    assert results.volumes == {"citizens": 12}  # residents (2) are below min_cell_size


def parquet_copy(tmp_path: Path) -> Path:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    options = pcsv.ConvertOptions(timestamp_parsers=["%Y-%m-%dT%H:%M:%S"])
    for name in ("responses", "events"):
        table = pcsv.read_csv(ws / f"results/{name}.csv", convert_options=options)
        pq.write_table(table, ws / f"results/{name}.parquet")
        (ws / f"results/{name}.csv").unlink()
    plan = ws / "journeys/pay.yaml"
    plan.write_text(plan.read_text().replace(".csv", ".parquet"))
    return ws


def test_duckdb_and_polars_give_identical_figures(tmp_path: Path) -> None:
    import datetime as dt

    from cxdsl.compiler import check_workspace
    from cxdsl.results.engine import compute_results

    ws = parquet_copy(tmp_path)
    checked = check_workspace(ws)
    now = dt.datetime(2026, 11, 30)
    figures = {}
    for engine in ("duckdb", "polars"):
        found, _ = compute_results(checked.workspace, checked.index, engine=engine, now=now)
        figures[engine] = sorted(json.dumps(f.as_json(), sort_keys=True) for f in found.figures)
    assert len(figures["duckdb"]) == 25
    assert figures["duckdb"] == figures["polars"]
    # The same numbers as from the CSV.
    csv_figures = [f for f in results_json()["results"] if f["metric"] == "nps"]
    parquet = [json.loads(f) for f in figures["duckdb"]]
    assert sorted(json.dumps(f, sort_keys=True) for f in csv_figures) == sorted(
        json.dumps(f, sort_keys=True) for f in parquet if f["metric"] == "nps"
    )


def test_parquet_rows_are_located(tmp_path: Path) -> None:
    ws = parquet_copy(tmp_path)
    code, output = run_results(ws)
    assert code == 1
    assert "results/responses.parquet:row 11, column nps: error CX305" in output


@pytest.mark.parametrize("dialect", ["bigquery", "trino", "spark"])
def test_show_sql_snapshot(dialect: str, snapshot: Callable[[Path, str], None]) -> None:
    code, sql = run_results(SMALL, "--show-sql", dialect)
    assert code == 0, sql
    snapshot(SQL_SNAPSHOTS / f"small.{dialect}.sql", sql)


def test_no_datasets_no_engine_imported(workspace: Path) -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from cxdsl.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        f"r = CliRunner().invoke(main, ['check', {str(workspace)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in ('ibis', 'duckdb', 'pyarrow', 'polars', 'scipy', 'numpy')"
        " if m in sys.modules)\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_untrusted_mode_reads_no_file_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    private = tmp_path / "private.csv"
    shutil.copy(SMALL / "results/responses.csv", private)
    monkeypatch.setenv("CX_PRIVATE", str(private))
    plan = ws / "journeys/pay.yaml"
    plan.write_text(
        plan.read_text().replace("source: results/responses.csv", "source: ${CX_PRIVATE}")
    )
    code, trusted = run_results(ws)
    assert "nps  pay  2026-Q1" in trusted
    code, untrusted = run_results(ws, "--no-python")
    assert code == 1
    assert "CX301 dataset 'responses' is not read in untrusted mode" in untrusted
    assert "nps  pay" not in untrusted


def test_season_reporting_needs_declared_seasons(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    plan = ws / "journeys/pay.yaml"
    plan.write_text(
        plan.read_text().replace(
            "  - metric: nps\n    trigger: {step: pay}\n    cadence: quarterly",
            "  - metric: nps\n    trigger: {step: pay}\n    cadence: season",
        )
    )
    _code, output = run_results(ws)
    assert "warning CX311 'nps' is reported by season, but cxdsl.yaml declares no seasons" in output
    assert "nps  pay" not in output  # no period to report in
    (ws / "cxdsl.yaml").write_text(
        (ws / "cxdsl.yaml").read_text()
        + "seasons:\n  - {id: spring, name: Spring, start: 2026-03-01, end: 2026-05-31}\n"
    )
    _code, output = run_results(ws)
    # Spring holds r07, r08 (March), r09, r10, r11 (April; its 11 is out of scale), r12,
    # r13 (May): answers 8, 0, 9, 10, 5, 9 → promoters 3, detractors 2 of 6: 16.7 points.
    line = next(x for x in output.splitlines() if x.startswith("nps  pay  spring  all"))
    assert "n=6  16.7" in line
    assert "timestamp '2026-01-05T10:00:00' is outside every declared season" in output


def test_a_design_quota_short_of_its_segment(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    plan = ws / "journeys/pay.yaml"
    text = plan.read_text().replace(
        "  - metric: nps\n    trigger: {step: pay}\n    cadence: quarterly",
        "  - metric: nps\n    trigger: {step: pay}\n    cadence: quarterly\n    design: wave",
    )
    plan.write_text(
        text + "---\nkind: sample_design\nid: wave\nname: Wave\n"
        "quotas:\n  - {segment: citizens, sample_size: 6}\n"
        "  - {segment: residents, sample_size: 1}\n"
    )
    _code, output = run_results(ws)
    # Citizens gave 6 answers in 2026-Q1 and 5 in 2026-Q2 (the 11 left out): Q2 is short.
    short = [line for line in output.splitlines() if "quota" in line]
    assert len(short) == 1, output
    assert short[0].endswith(
        "warning CX312 sample design 'wave' has 5 responses from segment 'citizens' in "
        "2026-Q2, fewer than its quota of 6 (its figures for that segment rest on fewer "
        "answers than designed)"
    )


def test_printed_sql_runs_on_a_table_named_after_the_dataset() -> None:
    import duckdb

    _code, sql = run_results(SMALL, "--show-sql", "duckdb")
    con = duckdb.connect()
    for name in ("responses", "events"):
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, all_varchar = true)",
            [str(SMALL / f"results/{name}.csv")],
        )
    blocks = [b for b in sql.split("-- ") if b.strip()]
    assert len(blocks) == 4  # nps, csat, feeling; the cases
    counts = [
        sum(row[-1] for row in con.execute(b.split("\n", 1)[1]).fetchall()) for b in blocks[:1]
    ]
    assert counts == [14]  # every response counted once, by answer


def test_reported_figures_are_validated(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    (ws / "results/reported.csv").write_text(
        "period,metric,value,n\n"
        "2026-Q1,csat,80,200\n"
        "2026-Q1,csat,70,10\n"
        "2026-Q2,csat,150,50\n"
        "2027-Q1,csat,50,20\n"
        "2026-Q3,csat,60,20.5\n"
    )
    plan = ws / "journeys/pay.yaml"
    plan.write_text(
        plan.read_text() + "---\nkind: dataset\nid: published\nshape: reported\n"
        "journey: pay\nsource: results/reported.csv\n"
    )
    _code, output = run_results(ws, "--format", "json")
    payload = json.loads(output)
    (q1,) = [
        f
        for f in payload["results"]
        if f["metric"] == "csat"
        and f["period"] == "2026-Q1"
        and f["method"] == "wilson"
        and f["n"] == 200
    ]
    low, high = wilson(160, 200)  # 80 % of 200 answers
    assert (q1["value"], q1["ci_low"], q1["ci_high"]) == (
        80,
        pytest.approx(low),
        pytest.approx(high),
    )
    found = sorted(
        (d["line"], d["code"], d["message"])
        for d in payload["diagnostics"]
        if d["file"] == "results/reported.csv"
    )
    assert [(line, code) for line, code, _ in found] == [
        (3, "CX307"),
        (4, "CX305"),
        (5, "CX305"),
        (6, "CX305"),
    ], found
    assert "outside 0..100" in found[1][2] and "has not begun" in found[2][2]
    assert "not a whole number" in found[3][2]


def test_parquet_rows_are_named_in_every_format(tmp_path: Path) -> None:
    ws = parquet_copy(tmp_path)
    for fmt in ("github", "sarif", "json"):
        result = CliRunner().invoke(main, ["check", str(ws), "--format", fmt])
        assert "row 11, column nps" in result.output, (fmt, result.output)


def test_what_the_engine_refuses_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    from cxdsl.compiler import check_workspace
    from cxdsl.results.engine import compute_results

    ws = parquet_copy(tmp_path)
    # Timestamps as text with offsets: DuckDB reads them, Polars' strict cast refuses.
    table = pq.read_table(ws / "results/responses.parquet")
    stamps = [f"{t.isoformat()}+03:00" for t in table["submitted_at"].to_pylist()]
    table = table.set_column(
        table.schema.get_field_index("submitted_at"), "submitted_at", pa.array(stamps)
    )
    pq.write_table(table, ws / "results/responses.parquet")
    checked = check_workspace(ws)
    found, issues = compute_results(
        checked.workspace, checked.index, engine="polars", now=dt.datetime(2026, 11, 30)
    )
    refused = [i for i in issues if i.code == "CX302"]
    assert refused and "polars engine could not compute dataset 'responses'" in refused[0].message
    assert refused[0].span is not None and refused[0].span.file == "journeys/pay.yaml"
    assert any(f.metric == "completion" for f in found.figures)  # the other dataset still


def test_a_programme_design_is_counted_over_its_journeys(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    plan = ws / "journeys/pay.yaml"
    text = plan.read_text()
    head, _, rest = text.partition("---\nkind: dataset\nid: responses")
    journey = head.replace(
        "    trigger: {step: pay}\n    cadence: quarterly\n  - metric: csat",
        "    trigger: {step: pay}\n    cadence: quarterly\n    design: wave\n  - metric: csat",
    )
    second = journey.replace("id: pay\n", "id: pay-again\n", 1).replace(
        "title: Pay a fee", "title: Pay again"
    )
    plan.write_text(
        journey
        + "---\nkind: dataset\nid: responses"
        + rest
        + "---\n"
        + second
        + "---\nkind: dataset\nid: responses-again\ninstrument: survey\njourney: pay-again\n"
        "source: results/responses.csv\ncolumns:\n  phone: {personal: true}\n"
        "---\nkind: sample_design\nid: wave\nname: Wave\njourneys: [pay, pay-again]\n"
        "population: 100\nconfidence_level: 0.95\nmargin_of_error: 0.1\n"
    )
    _code, output = run_results(ws)
    # Cochran with the finite population correction: n0 = 1.96² · 0.25 / 0.1² = 96.04,
    # 96.04 / (1 + 95.04 / 100) = 49.2 → 50. Each journey got 8 answers in 2026-Q1: 16.
    assert (
        "warning CX312 sample design 'wave' has 16 responses in 2026-Q1 over its journeys, "
        "fewer than the 50 it requires" in output
    ), output
    # Neither journey's own figure is judged against the whole design's sample.
    assert "underpowered" not in output
    # A journey whose plan names the design must be one of the design's journeys.
    (ws / "journeys/pay.yaml").write_text(
        (ws / "journeys/pay.yaml")
        .read_text()
        .replace("journeys: [pay, pay-again]", "journeys: [pay]")
    )
    _code, output = run_results(ws)
    assert "CX219 sample design 'wave' lists the journeys pay, not 'pay-again'" in output
