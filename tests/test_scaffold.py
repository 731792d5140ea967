"""cxdsl init and cxdsl new: what they write checks clean, formats clean and builds."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from cxdsl.cli import main

from .conftest import REPO


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_init_creates_a_clean_workspace_that_builds(tmp_path: Path) -> None:
    ws = tmp_path / "cx"
    code, out = run("init", str(ws))
    assert code == 0, out
    for rel in (
        "cxdsl.yaml",
        "personas/customers.yaml",
        "journeys/first-journey.yaml",
        "mkdocs.yml",
        ".github/workflows/cxdsl.yml",
        ".github/workflows/cxdsl-comment.yml",
        ".pre-commit-config.yaml",
    ):
        assert f"created {rel}" in out
    assert run("check", str(ws)) == (0, "checked 4 files: no problems\n")
    assert run("fmt", "--check", str(ws))[0] == 0
    code, out = run("build", str(ws))
    assert code == 0, out
    assert (ws / "site/ar/journeys/first-journey/index.html").exists()
    workflow = yaml.safe_load((ws / ".github/workflows/cxdsl.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["cxdsl"]["steps"])
    assert "cxdsl check . --format github" in steps and "--no-python" not in steps
    assert "cxdsl diff" in steps and "cxdsl build ." in steps  # tests/test_workflow.py: more
    assert run("init", str(ws))[0] == 2  # never over an existing workspace


def test_new_scaffolds_entities_that_check_clean(tmp_path: Path) -> None:
    ws = tmp_path / "cx"
    run("init", str(ws))
    for kind, ident, rel in (
        ("journey", "renew-id", "journeys/renew-id.yaml"),
        ("persona", "resident", "personas/resident.yaml"),
        ("metric", "ces", "journeys/catalog/ces.yaml"),
    ):
        assert run("new", kind, ident, "--path", str(ws)) == (0, f"created {rel}\n")
    assert run("check", str(ws)) == (0, "checked 7 files: no problems\n")
    assert run("fmt", "--check", str(ws))[0] == 0
    code, out = run("new", "persona", "resident", "--path", str(ws))
    assert code == 2 and "already exists" in out
    code, out = run("new", "journey", "bad id!", "--path", str(ws))
    assert code == 2 and "not a valid id" in out


def test_pre_commit_hooks_are_declared() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {
        "cxdsl-check": "cxdsl check --no-python",
        "cxdsl-fmt": "cxdsl fmt",
    }
