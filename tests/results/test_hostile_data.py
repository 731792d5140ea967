"""Hostile and broken data files through the whole check: a located diagnostic, exit 1,
never a traceback (the reading itself is tested in test_sources.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main

SMALL = Path(__file__).parent / "fixtures" / "small"
HEADER = b"response_id,submitted_at,step,segment,nps,csat,feeling,phone\n"
ROW = b"r01,2026-01-05T10:00:00,fill,citizens,10,5,1,+966\n"


def workspace(tmp_path: Path, data: bytes | None = None, source: str | None = None) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    if data is not None:
        (ws / "results/responses.csv").write_bytes(data)
    if source is not None:
        plan = ws / "journeys/pay.yaml"
        plan.write_text(plan.read_text().replace("results/responses.csv", source))
    return ws


def check(ws: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "responses.csv:1:1: error CX303"),
        (HEADER, "responses.csv:2:1: error CX303"),
        (HEADER.replace(b",", b";") + ROW.replace(b",", b";"), "responses.csv:1:1: error CX302"),
        (HEADER + b"r01,2026-01-05,fill,citizens,1\xff0,5,1,x\n", "responses.csv:2:"),
        (HEADER + b'r01,2026-01-05,fill,citizens,10,5,1,"never closed\n', "responses.csv:2:"),
        (HEADER + b"\x00\x01\x02binary", "error CX302"),
        (HEADER + b"r01,2026-01-05,fill\n", "responses.csv:2:1: error CX302"),
    ],
    ids=["empty", "header-only", "semicolons", "not-utf8", "unclosed-quote", "nul", "short-row"],
)
def test_broken_csv_is_located(tmp_path: Path, data: bytes, expected: str) -> None:
    code, output = check(workspace(tmp_path, data))
    assert code == 1, output
    assert expected in output, output


def test_bom_crlf_and_quoted_newlines_are_valid_and_keep_locations(tmp_path: Path) -> None:
    rows = [
        b"\xef\xbb\xbf" + HEADER.rstrip(b"\n"),
        b'r01,2026-01-05T10:00:00,fill,citizens,10,5,1,"a comment\nover two lines"',
        b"r02,2026-01-06T10:00:00,fill,citizens,12,5,1,x",
    ]
    _code, output = check(workspace(tmp_path, b"\r\n".join(rows) + b"\r\n"))
    # r02 starts on line 4 (the quoted line break moved it down); "r02,2026-01-06T10:00:00,
    # fill,citizens," is 38 characters: its nps at column 39.
    assert "results/responses.csv:4:39: error CX305 answer '12' to 'nps'" in output, output
    assert "CX302" not in output


def test_a_sparse_2_gb_csv_is_refused_unread(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    with (ws / "results/responses.csv").open("r+b") as f:
        f.truncate(2 * 1024**3)
    code, output = check(ws)
    assert code == 1 and "CX302" in output and "Parquet" in output


def test_a_parquet_file_that_is_not_parquet(tmp_path: Path) -> None:
    ws = workspace(tmp_path, source="results/responses.parquet")
    (ws / "results/responses.parquet").write_bytes(HEADER + ROW)
    code, output = check(ws)
    assert code == 1 and "results/responses.parquet:1:1: error CX302" in output, output


@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.csv"])
def test_sources_outside_the_workspace_are_refused(tmp_path: Path, target: str) -> None:
    (tmp_path / "outside.csv").write_bytes(HEADER + ROW)
    ws = workspace(tmp_path, source=target)
    code, output = check(ws)
    assert code == 1 and "journeys/pay.yaml" in output and "CX301" in output, output


def test_a_symlink_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_bytes(HEADER + ROW)
    ws = workspace(tmp_path)
    os.remove(ws / "results/responses.csv")
    os.symlink(tmp_path / "secret.csv", ws / "results/responses.csv")
    code, output = check(ws)
    assert code == 1 and "symbolic link" in output and "CX301" in output, output


def test_an_uninstalled_backend_is_located(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    plan = ws / "journeys/pay.yaml"
    plan.write_text(
        plan.read_text().replace(
            "source: results/responses.csv",
            "backend: definitely_not_a_backend\ntable: answers\nconnection: ${CX_DB}",
        )
    )
    code, output = check(ws)
    assert code == 1 and "CX301" in output and "journeys/pay.yaml:" in output, output


def test_arabic_digits_are_numbers(tmp_path: Path) -> None:
    # An Arabic form exports ٣ for 3 and ١٠ for 10; a space around a number is no matter.
    rows = HEADER + "r01,2026-01-05T10:00:00,fill,citizens,١٠, ٣ ,1,x\n".encode()
    _code, output = check(workspace(tmp_path, rows))
    assert "CX305" not in output, output
    from cxdsl.compiler import check_workspace

    results = check_workspace(tmp_path / "ws").results
    assert results is not None
    (csat,) = [
        f
        for f in results.figures
        if f.metric == "csat" and f.cell.breakdown is None and f.cell.period == "2026-Q1"
    ]
    assert csat.n == 1  # the ٣ counted (suppressed below min_cell_size, but counted)
