"""Invalid fixture workspaces, one per rule and per loader error, against snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.rules import load_rules

from .conftest import FIXTURES, make_workspace

CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir())
#: Codes exercised by generated inputs in test_hostile_input.py instead of fixture files.
GENERATED_CODES = {"CX005", "CX006", "CX007", "CX014", "CX015", "CX016", "CX017"}


def run_check(ws: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(ws), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_matches_snapshot(
    case: Path, tmp_path: Path, snapshot: Callable[[Path, str], None]
) -> None:
    ws = make_workspace(tmp_path, case)
    code, output = run_check(ws)
    assert code in (0, 1), output
    snapshot(case / "expected.txt", f"exit {code}\n{output}")


def test_base_workspace_is_clean(workspace: Path) -> None:
    assert run_check(workspace) == (0, "checked 4 files: no problems\n")


def test_every_code_has_a_case() -> None:
    seen = set(GENERATED_CODES)
    for case in CASES:
        expected = (case / "expected.txt").read_text(encoding="utf-8")
        seen.update(code for code in load_rules().checks if f" {code} " in expected)
    missing = sorted(set(load_rules().checks) - seen)
    assert not missing, f"codes without a fixture case: {missing}"
