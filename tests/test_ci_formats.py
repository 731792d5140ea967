"""One snapshot per output format of cxdsl check; SARIF through Microsoft's validator."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main

from .conftest import FIXTURES, make_workspace
from .test_sarif_limits import VALIDATOR, validator_report

SNAPSHOTS = Path(__file__).parent / "snapshots" / "formats"


@pytest.fixture
def findings(tmp_path: Path) -> Path:
    """A workspace with an error, an error with a related location, and a warning."""
    ws = make_workspace(tmp_path, FIXTURES / "cases" / "unknown-channel")
    shutil.copyfile(
        FIXTURES / "cases" / "duplicate-id" / "journeys" / "extra.yaml",
        ws / "journeys" / "dup.yaml",
    )
    shutil.copyfile(
        FIXTURES / "cases" / "unreachable-step" / "journeys" / "extra.yaml",
        ws / "journeys" / "unreachable.yaml",
    )
    text = (ws / "journeys" / "unreachable.yaml").read_text(encoding="utf-8")
    (ws / "journeys" / "unreachable.yaml").write_text(
        text.replace("id: extra\n", "id: extra2\n", 1), encoding="utf-8"
    )
    return ws


def check(ws: Path, fmt: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(ws), "--format", fmt])
    return result.exit_code, result.output.replace(ws.resolve().as_uri(), "file:///WORKSPACE")


@pytest.mark.parametrize(
    "fmt,suffix", [("text", "txt"), ("json", "json"), ("github", "txt"), ("sarif", "json")]
)
def test_format_snapshot(
    findings: Path, fmt: str, suffix: str, snapshot: Callable[[Path, str], None]
) -> None:
    code, out = check(findings, fmt)
    assert code == 1
    snapshot(SNAPSHOTS / f"{fmt}.{suffix}", out)


def test_github_annotations_escape_their_data(workspace: Path) -> None:
    (workspace / "journeys" / "x.yaml").write_text(
        "kind: channel\nid: x\nname: X\ntype: digital\nowner: 'a,b:c%d'\n", encoding="utf-8"
    )
    _, out = check(workspace, "github")
    assert out == (
        "::error file=journeys/x.yaml,line=5,col=8,endLine=5,endColumn=17,"
        "title=CX105 ref.unknown-actor::unknown actor 'a,b:c%25d'\n"
    )


def validate(ws: Path, tmp_path: Path) -> str:
    """SARIF of ``ws`` through Microsoft's validator (GitHub's rules too); the log back."""
    assert VALIDATOR.exists(), "make test installs tools/ (npm)"
    _, out = check(ws, "sarif")
    log = tmp_path / "cxdsl.sarif"
    log.write_text(out.replace("file:///WORKSPACE", ws.resolve().as_uri()), encoding="utf-8")
    report = validator_report(log)  # GitHub's ingestion rules (GHnnnn) too
    assert "error" not in report.lower() and "warning" not in report.lower(), report
    return out


def test_sarif_is_valid_for_microsofts_validator(findings: Path, tmp_path: Path) -> None:
    payload = json.loads(validate(findings, tmp_path))
    rules = payload["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"CX104", "CX101", "CX212"}
    [dup] = [r for r in payload["runs"][0]["results"] if r["ruleId"] == "CX101"]
    assert dup["relatedLocations"][0]["message"]["text"] == "first defined here"


def test_sarif_fixes_are_valid_for_microsofts_validator(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, FIXTURES / "fix" / "trap")
    results = json.loads(validate(ws, tmp_path))["runs"][0]["results"]
    assert [r["fixes"][0]["description"]["text"] for r in results] == [
        "quote the en text",
        "quote the ar text",
        "rename the key to 'channel'",
    ]
