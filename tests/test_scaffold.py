"""cxdsl init and cxdsl new: what they write checks clean, formats clean and builds."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml
from click.testing import CliRunner

from cxdsl import __version__
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


def test_new_scaffolds_entities_whose_placeholders_are_flagged_until_written(
    tmp_path: Path,
) -> None:
    ws = tmp_path / "cx"
    run("init", str(ws))
    for kind, ident, rel in (
        ("journey", "renew-id", "journeys/renew-id.yaml"),
        ("persona", "resident", "personas/resident.yaml"),
        ("metric", "ces", "journeys/catalog/ces.yaml"),
    ):
        assert run("new", kind, ident, "--path", str(ws)) == (0, f"created {rel}\n")
    assert run("fmt", "--check", str(ws))[0] == 0
    code, out = run("check", str(ws))
    # Valid (exit 0), but every placeholder is a CX220 warning at its value, and nothing else.
    assert code == 0 and out.endswith("checked 7 files: 0 errors, 6 warnings\n"), out
    flagged = sorted(line.split(" warning ")[0] for line in out.splitlines()[:-1])
    assert flagged == [
        "journeys/catalog/ces.yaml:4:7:",  # name
        "journeys/catalog/ces.yaml:6:13:",  # definition
        "journeys/catalog/ces.yaml:8:9:",  # target: 0
        "journeys/renew-id.yaml:4:8:",  # title
        "journeys/renew-id.yaml:7:15:",  # value_sought
        "personas/resident.yaml:4:7:",  # name
    ]
    assert all(" CX220 " in line for line in out.splitlines()[:-1])
    for rel, texts in (
        ("journeys/catalog/ces.yaml", [("New metric", "Effort"), ("How it is computed", "Ease")]),
        ("journeys/renew-id.yaml", [("New journey", "Renew an id"), ("What the", "Get")]),
        ("personas/resident.yaml", [("New persona", "Resident")]),
    ):
        text = (ws / rel).read_text(encoding="utf-8")
        for old, new in texts:
            text = text.replace(old, new)
        text = re.sub(r"\{ar: [^,]*, en: ([^}]*)\}", r"\1", text)  # one language is enough
        (ws / rel).write_text(text.replace("target: 0", "target: 4"), encoding="utf-8")
    assert run("check", str(ws)) == (0, "checked 7 files: no problems\n")
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


def _git_repo(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def test_init_in_a_folder_of_a_repository_writes_ci_at_its_top(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path / "repo")
    code, out = run("init", str(repo / "cx"))
    assert code == 0, out
    for rel in ("cxdsl.yml", "cxdsl-comment.yml"):
        assert f"created ../.github/workflows/{rel}" in out
    assert "created ../.pre-commit-config.yaml" in out
    assert not (repo / "cx" / ".github").exists()
    assert not (repo / "cx" / ".pre-commit-config.yaml").exists()
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    assert entry["rev"] == f"v{__version__}"  # the tag of the release that wrote it
    for hook in entry["hooks"]:
        assert hook["args"] == ["cx"] and hook["files"].startswith("^cx/"), hook
        assert re.search(hook["files"], "cx/journeys/a.yaml")
        assert not re.search(hook["files"], "journeys/a.yaml")


def test_init_prints_what_to_add_where_ci_files_exist_already(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path / "repo")
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    code, out = run("init", str(repo / "cx"), "--install-spec", "cxdsl==9.9.9")
    assert code == 0, out
    assert (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    head, snippet = out.split(
        "../.pre-commit-config.yaml exists already, so init left it as it is; merge this into it:\n"
    )
    assert "created ../.github/workflows/cxdsl.yml" in head
    entries = yaml.safe_load(snippet.split("next:")[0])
    assert [h["additional_dependencies"] for h in entries[0]["hooks"]] == [["cxdsl==9.9.9"]] * 2
    workflow = (repo / ".github/workflows/cxdsl.yml").read_text(encoding="utf-8")
    assert 'CXDSL_PIP_SPEC: "cxdsl==9.9.9"' in workflow


def _ignored(repo: Path, rel: str) -> bool:
    """Whether git ignores ``rel`` (which need not exist) in ``repo``."""
    found = subprocess.run(["git", "-C", str(repo), "check-ignore", "-q", rel], check=False)
    return found.returncode == 0


def test_init_keeps_private_results_out_of_git(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path / "repo")
    code, out = run("init", str(repo / "cx"))
    assert code == 0, out
    assert "created .gitignore" in out
    assert _ignored(repo, "cx/results/private/survey-with-names.csv")
    assert _ignored(repo, "cx/site/index.html")
    assert not _ignored(repo, "cx/results/datasets.yaml")
    assert not _ignored(repo, "cx/results/answers.csv")


def test_init_names_the_lines_an_existing_gitignore_lacks(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path / "repo")
    ws = repo / "cx"
    ws.mkdir()
    (ws / ".gitignore").write_text("/site\n*.log\n", encoding="utf-8")
    code, out = run("init", str(ws))
    assert code == 0, out
    assert (ws / ".gitignore").read_text(encoding="utf-8") == "/site\n*.log\n"
    assert "created .gitignore" not in out
    snippet = out.split(
        ".gitignore exists already, so init left it as it is; merge this into it:\n"
    )
    assert snippet[1].split("next:")[0].split() == [".cxdsl-cache/", "results/private/"]
    (ws / ".gitignore").write_text("site/\n.cxdsl-cache/\nresults/private/\n", encoding="utf-8")
    (ws / "cxdsl.yaml").unlink()
    code, out = run("init", str(ws))
    assert code == 0 and ".gitignore exists already" not in out


def test_an_install_spec_on_more_than_one_line_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("init", str(tmp_path / "cx"), "--install-spec", "cxdsl\nrm -rf /")
    assert code == 2 and "not a pip requirement on one line" in out
    assert not (tmp_path / "cx" / "cxdsl.yaml").exists()


def test_init_warns_when_the_hooks_could_not_install_a_relative_wheel(tmp_path: Path) -> None:
    from cxdsl.scaffold_ci import install_warnings

    assert install_warnings("cxdsl==0.1.0") == []
    assert install_warnings("cxdsl @ git+https://git.example.com/cxdsl@v0.1.0") == []
    assert install_warnings("https://files.example.com/cxdsl-0.1.0-py3-none-any.whl") == []
    warned = install_warnings("wheels/cxdsl-0.1.0-py3-none-any.whl")
    assert len(warned) == 1 and "need an index name or a URL" in warned[0]
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "ws"), "--install-spec", "wheels/cxdsl.whl"]
    )
    assert result.exit_code == 0
    assert "cxdsl init: warning: pre-commit installs 'wheels/cxdsl.whl'" in result.output
