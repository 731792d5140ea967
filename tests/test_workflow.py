"""The GitHub workflows that ``cxdsl init`` writes: linted, read back, and the comment
script run against a stand-in ``gh``.

The pull request's own run is untrusted and holds nothing worth stealing (read-only
token, no secrets); the run that comments holds a write token and must never run the
pull request's code nor trust its artifact.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxdsl.scaffold import COMMENT_MARKER, init_workspace

BIN = Path(sys.executable).parent
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+(\.\d+)*")


def _tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[dev]'")
    return found


@pytest.fixture(scope="module")
def workflows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "cx"
    init_workspace(root)
    return root / ".github" / "workflows"


def _load(path: Path) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _actionlint(*files: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            _tool("actionlint"),
            "-shellcheck",
            _tool("shellcheck"),
            "-pyflakes",
            "",
            "-no-color",
            *map(str, files),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_actionlint_and_shellcheck_accept_both_workflows(workflows: Path) -> None:
    files = sorted(workflows.glob("*.yml"))
    assert [f.name for f in files] == ["cxdsl-comment.yml", "cxdsl.yml"]
    done = _actionlint(*files, cwd=workflows.parent.parent)
    assert done.returncode == 0 and not done.stdout, done.stdout + done.stderr


def test_the_linter_would_catch_an_unquoted_variable_and_an_injection(tmp_path: Path) -> None:
    """A control: actionlint runs ShellCheck and its own injection check here."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo $HOME ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    out = _actionlint(bad, cwd=tmp_path).stdout
    assert "SC2086" in out and "potentially untrusted" in out, out


def test_the_pull_request_run_checks_builds_and_uploads_with_a_read_only_token(
    workflows: Path,
) -> None:
    workflow = _load(workflows / "cxdsl.yml")
    assert workflow["name"] == "cxdsl"
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    text = (workflows / "cxdsl.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "pull_request_target:" not in text
    steps = _steps(workflow)
    runs = [str(step.get("run", "")) for step in steps]
    assert not [r for r in runs if "--no-python" in r]  # the workspace's own settings
    assert any(r.startswith("cxdsl check . --format github") for r in runs)
    assert any(r.startswith("cxdsl build .") for r in runs)
    assert any("cxdsl diff HEAD^1 HEAD > cxdsl-diff/cxdsl-diff.md" in r for r in runs)
    uploads = {
        step["with"]["name"]: step
        for step in steps
        if str(step.get("uses", "")).startswith("actions/upload-artifact@")
    }
    assert set(uploads) == {"cxdsl-diff", "site-preview", "site"}
    assert uploads["site-preview"]["with"]["path"] == "site/"
    # the diff is uploaded before the check, which fails the run on findings
    names = [step.get("name") for step in steps]
    assert names.index("Upload the diff") < names.index("Check (annotations on the changed lines)")
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}


def test_cxdsl_is_installed_in_one_named_step_from_one_variable(workflows: Path) -> None:
    workflow = _load(workflows / "cxdsl.yml")
    installs = [s for s in _steps(workflow) if "pip install" in str(s.get("run", ""))]
    assert len(installs) == 1 and installs[0]["name"] == "Install cxdsl"
    assert installs[0]["run"] == 'python -m pip install "$CXDSL_PIP_SPEC"'
    assert "CXDSL_PIP_SPEC" in workflow["env"]


def test_the_comment_run_never_checks_out_or_runs_pull_request_code(workflows: Path) -> None:
    workflow = _load(workflows / "cxdsl-comment.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["cxdsl"], "types": ["completed"]}}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert job["if"] == "github.event.workflow_run.event == 'pull_request'"
    uses = [str(step["uses"]) for step in job["steps"] if "uses" in step]
    assert [u.split("@")[0] for u in uses] == ["actions/download-artifact"]
    for step in job["steps"]:
        script = re.sub(r"(?m)^\s*#.*$", "", str(step.get("run", "")))  # comments aside
        assert "${{" not in script  # event data reaches the shell only through env
        for word in ("checkout", "cxdsl ", "pip ", "python", "git ", "npm ", "make "):
            assert word not in script, word
        assert "github.event.pull_request" not in str(step.get("env", {}))


def test_every_action_is_pinned_by_commit(workflows: Path) -> None:
    for path in workflows.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert PINNED.fullmatch(line.split("uses:", 1)[1].strip()), line


# --- the comment script, run with a stand-in for gh -----------------------------------

GH_STUB = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
case "$*" in
  "api repos/owner/repo/pulls/"*) echo "$FAKE_HEAD" ;;
  *--paginate*) if [ -n "$FAKE_COMMENT" ]; then echo "$FAKE_COMMENT"; fi ;;
  *--method*) for arg in "$@"; do
      case "$arg" in body=@*) cp "${arg#body=@}" "$GH_BODY" ;; esac
    done ;;
esac
"""


def _comment(
    workflows: Path,
    tmp_path: Path,
    number: bytes,
    diff: bytes,
    *,
    head: str = "abc123",
    existing: str = "",
) -> tuple[int, list[str], bytes]:
    job = next(iter(_load(workflows / "cxdsl-comment.yml")["jobs"].values()))
    script = next(s["run"] for s in job["steps"] if s.get("name") == "Post or update the comment")
    stubs, artifact = tmp_path / "bin", tmp_path / "artifact"
    stubs.mkdir(exist_ok=True)
    artifact.mkdir(exist_ok=True)
    (stubs / "gh").write_text(GH_STUB, encoding="utf-8")
    (stubs / "gh").chmod(0o755)
    (artifact / "pr-number").write_bytes(number)
    (artifact / "cxdsl-diff.md").write_bytes(diff)
    log, body = tmp_path / "gh.log", tmp_path / "body.md"
    log.write_text("", encoding="utf-8")
    body.unlink(missing_ok=True)
    env = {
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(log),
        "GH_BODY": str(body),
        "FAKE_HEAD": "abc123",
        "FAKE_COMMENT": existing,
        "REPO": "owner/repo",
        "RUN_HEAD_SHA": head,
        "ARTIFACT": str(artifact),
        "RUN_URL": "https://github.com/owner/repo/actions/runs/1",
        "RUNNER_TEMP": str(tmp_path),
        "GH_TOKEN": "x",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", script], env=env, capture_output=True, timeout=60, check=False
    )
    calls = log.read_text(encoding="utf-8").splitlines()
    return done.returncode, calls, body.read_bytes() if body.exists() else b""


@pytest.mark.parametrize(
    "number",
    [b"", b"abc", b"12; touch pwned", b"-1", b"0", b"1 2", b"$(id)", b"12345678901", b"\xff"],
)
def test_a_pull_request_number_that_is_not_a_number_stops_the_comment(
    workflows: Path, tmp_path: Path, number: bytes
) -> None:
    code, calls, _ = _comment(workflows, tmp_path, number, b"## cxdsl diff\n")
    assert code == 1 and calls == []
    assert not (tmp_path / "pwned").exists()


def test_the_comment_is_created_then_updated_with_the_marker(
    workflows: Path, tmp_path: Path
) -> None:
    diff = "## cxdsl diff\n- title → ping @everyone\n".encode()
    code, calls, body = _comment(workflows, tmp_path, b"12\n", diff)
    assert code == 0
    assert calls[0] == "api repos/owner/repo/pulls/12 --jq .head.sha"
    assert calls[-1].startswith("api --method POST repos/owner/repo/issues/12/comments")
    text = body.decode("utf-8")
    assert text.splitlines()[0] == COMMENT_MARKER
    assert "## cxdsl diff" in text and "@<!-- -->everyone" in text
    assert "[this run](https://github.com/owner/repo/actions/runs/1)" in text

    code, calls, _ = _comment(workflows, tmp_path, b"12", diff, existing="987")
    assert code == 0
    assert calls[-1].startswith("api --method PATCH repos/owner/repo/issues/comments/987")


def test_a_pull_request_that_moved_on_gets_no_comment_from_an_old_run(
    workflows: Path, tmp_path: Path
) -> None:
    code, calls, body = _comment(workflows, tmp_path, b"12", b"x", head="old456")
    assert code == 0 and body == b""
    assert not [c for c in calls if "--method" in c]


def test_a_huge_diff_is_cut_to_valid_utf8(workflows: Path, tmp_path: Path) -> None:
    diff = ("ع" * 40_000).encode()  # 80,000 bytes, cut inside a character
    code, _, body = _comment(workflows, tmp_path, b"7", diff)
    assert code == 0
    text = body.decode("utf-8")  # valid UTF-8
    assert 29_000 < text.count("ع") <= 30_000 and len(body) < 61_000
