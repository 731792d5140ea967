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

from cxdsl import __version__
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
    # least privilege: nothing by default, read-only contents for the one job
    assert workflow["permissions"] == {}
    assert [job["permissions"] for job in workflow["jobs"].values()] == [{"contents": "read"}]
    text = (workflows / "cxdsl.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "pull_request_target:" not in text
    steps = _steps(workflow)
    runs = [str(step.get("run", "")) for step in steps]
    assert not [r for r in runs if "--no-python" in r]  # the workspace's own settings
    assert any("cxdsl check . --format github" in r for r in runs)
    assert any("cxdsl fmt --check ." in r for r in runs)
    assert any(r.startswith("cxdsl build . --out") for r in runs)
    assert any(r.startswith('cxdsl build . --base "$BASE_SHA" --out') for r in runs)
    uploads = {
        step["with"]["name"]: step
        for step in steps
        if str(step.get("uses", "")).startswith("actions/upload-artifact@")
    }
    assert set(uploads) == {"cxdsl-diff", "cxdsl-preview", "site"}
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}


def test_the_diff_runs_from_the_pull_requests_base_and_head_with_full_history(
    workflows: Path,
) -> None:
    steps = {s.get("name"): s for s in _steps(_load(workflows / "cxdsl.yml"))}
    diff = steps["Semantic diff"]
    assert diff["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert diff["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    # the comment (shortened to fit) and the full report, both in the diff's artifact
    assert (
        'cxdsl diff "$BASE_SHA" "$HEAD_SHA" --out "$RUNNER_TEMP/cxdsl-diff/cxdsl-diff-full.md"'
        ' \\\n  > "$RUNNER_TEMP/cxdsl-diff/cxdsl-diff.md"'
    ) in diff["run"]
    # how to link each change to a hosted preview, said where the option goes
    assert '--preview-url "https://HOST/pr-$PR_NUMBER/"' in diff["run"]


def test_findings_fail_the_job_only_after_the_diff_and_summary_are_uploaded(
    workflows: Path,
) -> None:
    steps = _steps(_load(workflows / "cxdsl.yml"))
    names = [step.get("name") for step in steps]
    by_name = dict(zip(names, steps, strict=True))
    for name in ("Semantic diff", "Formatting", "Check (annotations on the changed lines)"):
        assert by_name[name]["continue-on-error"] is True, name
    upload = by_name["Upload the diff and the summary"]
    assert upload["if"].startswith("${{ !cancelled() &&")  # also when the check failed
    assert names.index("Check (annotations on the changed lines)") < names.index(
        "Upload the diff and the summary"
    )
    last = steps[-1]
    assert last["name"] == "Fail on findings" and "exit 1" in last["run"]
    for step_id in ("diff", "fmt", "check"):
        assert f"steps.{step_id}.outcome == 'failure'" in last["if"]


def test_one_run_per_pull_request_and_pip_cached_on_the_install_spec(workflows: Path) -> None:
    workflow = _load(workflows / "cxdsl.yml")
    assert workflow["concurrency"] == {
        "group": "cxdsl-${{ github.event.pull_request.number || github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    }
    setup = next(
        s for s in _steps(workflow) if str(s.get("uses", "")).startswith("actions/setup-python@")
    )
    assert setup["with"]["cache"] == "pip"
    # the file that holds CXDSL_PIP_SPEC keys the cache
    assert setup["with"]["cache-dependency-path"] == ".github/workflows/cxdsl.yml"


def test_cxdsl_is_installed_in_one_named_step_at_the_version_that_wrote_it(
    workflows: Path,
) -> None:
    workflow = _load(workflows / "cxdsl.yml")
    installs = [s for s in _steps(workflow) if "pip install" in str(s.get("run", ""))]
    assert len(installs) == 1 and installs[0]["name"] == "Install cxdsl"
    assert installs[0]["run"].startswith('python -m pip install "$CXDSL_PIP_SPEC"\n')
    # a wheel's path in CXDSL_PIP_SPEC is from the repository's top
    assert installs[0]["working-directory"] == "${{ github.workspace }}"
    assert workflow["env"]["CXDSL_PIP_SPEC"] == f"cxdsl=={__version__}"


def test_a_workspace_in_a_folder_gets_workflows_at_the_repository_top(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    done = init_workspace(tmp_path / "teams" / "cx", "cxdsl @ git+https://example.com/c.git")
    assert "../../.github/workflows/cxdsl.yml" in done.written
    assert not (tmp_path / "teams" / "cx" / ".github").exists()
    workflows = tmp_path / ".github" / "workflows"
    workflow = _load(workflows / "cxdsl.yml")
    (job,) = workflow["jobs"].values()
    assert job["defaults"] == {"run": {"working-directory": "teams/cx"}}
    assert workflow["env"]["CXDSL_PIP_SPEC"] == "cxdsl @ git+https://example.com/c.git"
    done_lint = _actionlint(*sorted(workflows.glob("*.yml")), cwd=tmp_path)
    assert done_lint.returncode == 0 and not done_lint.stdout, done_lint.stdout


def test_the_comment_run_never_checks_out_or_runs_pull_request_code(workflows: Path) -> None:
    workflow = _load(workflows / "cxdsl-comment.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["cxdsl"], "types": ["completed"]}}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert job["if"] == (
        "github.event.workflow_run.event == 'pull_request'"
        " && github.event.workflow_run.conclusion != 'cancelled'"
    )
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
    # on Node 24 (Node 20 is retired): the first majors that declare node24
    text = "".join(p.read_text(encoding="utf-8") for p in workflows.glob("*.yml"))
    majors = dict(re.findall(r"actions/([\w-]+)@[0-9a-f]{40}  # v(\d+)", text))
    assert majors == {
        "checkout": "5",
        "setup-python": "6",
        "upload-artifact": "6",
        "download-artifact": "7",
    }


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
    summary: bytes | None = None,
    conclusion: str = "success",
    preview: bytes | None = None,
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
    if summary is not None:
        (artifact / "summary").write_bytes(summary)
    if preview is not None:
        (artifact / "preview-url").write_bytes(preview)
    log, body = tmp_path / "gh.log", tmp_path / "body.md"
    log.write_text("", encoding="utf-8")
    body.unlink(missing_ok=True)
    env = {
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(log),
        "GH_BODY": str(body),
        "FAKE_HEAD": "abc123",
        "FAKE_COMMENT": existing,
        "SERVER_URL": "https://github.com",
        "REPO": "owner/repo",
        "RUN_ID": "1",
        "RUN_HEAD_SHA": head,
        "ARTIFACT": str(artifact),
        "RUN_URL": "https://github.com/owner/repo/actions/runs/1",
        "RUNNER_TEMP": str(tmp_path),
        "RUN_CONCLUSION": conclusion,
        "GH_TOKEN": "x",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        env=env,
        cwd=tmp_path,  # where a command smuggled in would leave its file
        capture_output=True,
        timeout=60,
        check=False,
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


def test_a_huge_diff_is_cut_to_valid_utf8_within_githubs_limit(
    workflows: Path, tmp_path: Path
) -> None:
    """GitHub counts a comment's characters (65,536 at most), not its bytes."""
    diff = ("ع" * 70_000).encode()  # 140,000 bytes: a cut by bytes would halve it
    code, _, body = _comment(workflows, tmp_path, b"7", diff)
    assert code == 0
    text = body.decode("utf-8")  # valid UTF-8
    assert len(text) <= 65_000 and text.count("ع") > 64_000
    # past 400,000 bytes the file is cut inside a character first: still valid UTF-8
    code, _, body = _comment(workflows, tmp_path, b"7", "ع".encode() * 200_001 + b"\x80")
    assert code == 0 and 64_000 < len(body.decode("utf-8")) <= 65_000


def test_a_diff_of_mentions_still_fits_once_every_at_sign_is_broken(
    workflows: Path, tmp_path: Path
) -> None:
    code, _, body = _comment(workflows, tmp_path, b"7", b"@a " * 20_000)
    assert code == 0
    text = body.decode("utf-8")
    assert len(text) <= 65_000 and "@a" not in text and text.count("@<!-- -->a") > 5_000


def test_a_failed_run_still_comments_with_the_summary_of_its_findings(
    workflows: Path, tmp_path: Path
) -> None:
    summary = (
        b"cxdsl fmt: files to reformat, run cxdsl fmt\n"
        b"cxdsl check: checked 4 files: 1 error, 0 warnings\n"
        b"![x](https://evil.example/t.png) <img src=x>\n"  # not cxdsl's: dropped
    )
    code, calls, body = _comment(
        workflows, tmp_path, b"12", b"## cxdsl diff\n", summary=summary, conclusion="failure"
    )
    assert code == 0 and calls[-1].startswith("api --method POST")
    text = body.decode("utf-8")
    assert "cxdsl: **failure** in [this run]" in text
    assert "- cxdsl check: checked 4 files: 1 error, 0 warnings" in text
    assert "- cxdsl fmt: files to reformat, run cxdsl fmt" in text
    assert "evil" not in text and "<img" not in text


def test_a_diff_that_did_not_finish_is_said_in_the_comment(workflows: Path, tmp_path: Path) -> None:
    code, _, body = _comment(workflows, tmp_path, b"12", b"", conclusion="<b>x")
    assert code == 0
    text = body.decode("utf-8")
    assert "semantic diff did not finish" in text and "**unknown**" in text and "<b>" not in text


# --- the preview site: built from the base, uploaded, linked from the comment -----------


def test_the_preview_is_built_from_the_base_and_uploaded_before_the_diff(
    workflows: Path,
) -> None:
    steps = _steps(_load(workflows / "cxdsl.yml"))
    names = [step.get("name") for step in steps]
    by_name = dict(zip(names, steps, strict=True))
    build = by_name["Build the preview"]
    assert build["if"] == "github.event_name == 'pull_request'"
    assert build["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert build["run"] == 'cxdsl build . --base "$BASE_SHA" --out "$RUNNER_TEMP/cxdsl-preview"'
    assert "working-directory" not in build  # in the workspace, with its own settings
    upload = by_name["Upload the preview"]
    assert upload["id"] == "preview"
    assert upload["if"] == "${{ !cancelled() && steps.build-preview.outcome != 'skipped' }}"
    assert upload["with"]["if-no-files-found"] == "ignore"  # a build with findings uploads
    assert upload["with"]["name"] == "cxdsl-preview"
    assert upload["with"]["path"] == "${{ runner.temp }}/cxdsl-preview/"
    assert 1 <= upload["with"]["retention-days"] <= 7
    passed = by_name["Pass the preview's link to the comment"]
    assert passed["env"] == {"PREVIEW_URL": "${{ steps.preview.outputs.artifact-url }}"}
    assert passed["if"] == "${{ !cancelled() && steps.preview.outputs.artifact-url != '' }}"
    # the diff, fmt and check go first (a failed build skips nothing they report), and
    # the link is in the diff's artifact when it is uploaded
    order = [
        "Semantic diff",
        "Check (annotations on the changed lines)",
        "Build the preview",
        "Upload the preview",
        "Pass the preview's link to the comment",
        "Upload the diff and the summary",
    ]
    assert sorted(order, key=names.index) == order
    # the plain site is built where no preview is: on main
    assert by_name["Build the site"]["if"] == "github.event_name != 'pull_request'"


def test_the_preview_link_step_writes_the_url_into_the_diffs_artifact(
    workflows: Path, tmp_path: Path
) -> None:
    steps = {s.get("name"): s for s in _steps(_load(workflows / "cxdsl.yml"))}
    (tmp_path / "cxdsl-diff").mkdir()
    url = "https://github.com/owner/repo/actions/runs/1/artifacts/42"
    env = {"PATH": os.environ["PATH"], "RUNNER_TEMP": str(tmp_path), "PREVIEW_URL": url}
    script = steps["Pass the preview's link to the comment"]["run"]
    subprocess.run(["bash", "-e", "-c", script], env=env, check=True, timeout=30)
    assert (tmp_path / "cxdsl-diff" / "preview-url").read_text(encoding="utf-8") == url + "\n"


PREVIEW = "https://github.com/owner/repo/actions/runs/1/artifacts/4242"


@pytest.mark.parametrize("written", [PREVIEW, PREVIEW + "\n", PREVIEW + "\n\n"])
def test_the_comment_links_the_preview_artifact_of_that_run(
    workflows: Path, tmp_path: Path, written: str
) -> None:
    code, _, body = _comment(workflows, tmp_path, b"12", b"## x\n", preview=written.encode())
    assert code == 0
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == COMMENT_MARKER
    at = lines.index(f"Preview site: [the `cxdsl-preview` artifact]({PREVIEW})")
    assert 0 < at < 6  # in the header, above the diff
    assert "`cxdsl-diff-full.md` in its `cxdsl-diff` artifact" in " ".join(lines[:4])


@pytest.mark.parametrize(
    "written",
    [
        b"",
        b"4242",  # an id alone
        b"https://github.com/other/repo/actions/runs/1/artifacts/42",  # another repository
        b"https://github.com/owner/repo/actions/runs/2/artifacts/42",  # another run
        b"https://github.com/owner/repo/actions/runs/1/artifacts/",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/0",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/042",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/4x",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/1234567890123456789012",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42?x=1",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42#x",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42/../../../../../evil",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42) ![x](https://evil.example/t",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42\n![x](https://evil.example)",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42\r",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/\xd9\xa4\xd9\xa2",  # ٤٢
        b"https://github.com/owner/repo/actions/runs/1/artifacts/ 42",
        b"http://github.com/owner/repo/actions/runs/1/artifacts/42",
        b"https://github.com.evil.example/owner/repo/actions/runs/1/artifacts/42",
        b"https://evil.example/?https://github.com/owner/repo/actions/runs/1/artifacts/42",
        b"javascript:alert(1)//https://github.com/owner/repo/actions/runs/1/artifacts/42",
        b"$(touch pwned)",
        b"`touch pwned`",
        b"\xff\xfe",
        b"https://github.com/owner/repo/actions/runs/1/artifacts/42" + b"0" * 400,
    ],
)
def test_a_preview_link_that_is_not_an_artifact_of_that_run_is_left_out(
    workflows: Path, tmp_path: Path, written: bytes
) -> None:
    code, calls, body = _comment(workflows, tmp_path, b"12", b"## x\n", preview=written)
    assert code == 0 and calls[-1].startswith("api --method POST")
    text = body.decode("utf-8")
    assert "Preview site: none in that run's artifacts (its log says why)." in text
    assert "](https://github.com/owner/repo/actions/runs/1/artifacts" not in text
    assert "evil" not in text and "javascript" not in text and "touch" not in text
    assert not (tmp_path / "pwned").exists()


def test_without_a_preview_link_file_the_comment_says_there_is_none(
    workflows: Path, tmp_path: Path
) -> None:
    code, _, body = _comment(workflows, tmp_path, b"12", b"## x\n")
    assert code == 0
    assert "Preview site: none in that run's artifacts" in body.decode("utf-8")
