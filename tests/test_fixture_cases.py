"""Invalid fixture workspaces, one per rule and per loader error, against snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from cxdsl.cli import main
from cxdsl.model import KINDS
from cxdsl.model.base import Ref
from cxdsl.model.introspect import field_specs
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


def referenced_kinds() -> set[str]:
    """The kinds some field of some entity (at any depth) holds a reference to."""
    found: set[str] = set()
    todo: list[type[BaseModel]] = [kind.cls for kind in KINDS]
    done: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop()
        if model in done:
            continue
        done.add(model)
        for spec in field_specs(model).values():
            if isinstance(spec.marker, Ref):
                found.add(spec.marker.kind)
            todo.extend(spec.models)
    return found


def unreachable_codes() -> set[str]:
    """Unknown-reference codes of kinds nothing refers to by id (no input reports them):
    CX115, while a dataset names its instrument, metric and journey but nothing names a
    dataset. The code is asked for as soon as a field refers to a dataset."""
    referenced = referenced_kinds()
    return {kind.unknown_ref_code for kind in KINDS if kind.name not in referenced}


def test_only_datasets_are_never_referenced() -> None:
    assert unreachable_codes() == {"CX115"}


def test_every_code_has_a_case() -> None:
    seen = set(GENERATED_CODES) | unreachable_codes()
    for case in CASES:
        expected = (case / "expected.txt").read_text(encoding="utf-8")
        seen.update(code for code in load_rules().checks if f" {code} " in expected)
    missing = sorted(set(load_rules().checks) - seen)
    assert not missing, f"codes without a fixture case: {missing}"
