"""The first day of a team adopting cxdsl, end to end, with the installed wheel's cxdsl.

In temporary folders: the wheel built and installed into a fresh virtual environment once
per run (offline, not editable: the ``installed`` fixture in conftest.py, which
tests/test_install.py shares); ``cxdsl init cx`` in a new git
repository; a commit on ``main``; a ``feature`` branch that changes one step's emotion;
then ``main`` moves on (an unrelated change). Every command below runs the cxdsl of that
environment, never this checkout's. Then, as the issue's "Done when" asks:

1. the generated pre-commit config runs (a tagged local clone of the hooks, offline) and
   catches a broken journey in ``cx/``;
2. ``cxdsl diff main feature`` from the repository's top (``--path cx``) and from inside
   ``cx/`` reports exactly the branch's change, not main's later change reversed;
3. a shallow clone of the feature branch stops with exit 2 and the fix (``fetch-depth``);
4. the YAML language server reports an error in a non-first document of a file ``init``
   wrote, against the workspace's local schema;
5. the SARIF of a workspace with ``with space ع.yaml`` passes Microsoft's validator;
6. the steps of the written workflow, run as a pull request's run would, make the diff,
   the full report and the preview site, and the preview's link reaches the comment.

The helpers are the other tests': tests/_install_helpers.py (install, hook repository),
tests/test_yaml_language_server.py
(LSP client), tests/test_sarif_limits.py (validator), tests/test_workflow.py (the comment
script with a stand-in ``gh``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cxdsl import __version__
from cxdsl.scaffold_ci import HOOKS_REPOSITORY

from ._install_helpers import GIT_ENV, Hooks
from .test_sarif_limits import VALIDATOR, sarif_validate
from .test_workflow import _comment, _load, _steps
from .test_yaml_language_server import SERVER, break_third_document, diagnostics_of

pytestmark = pytest.mark.slow

JOURNEY = "journeys/first-journey.yaml"
PERSONAS = "personas/customers.yaml"
#: The feature branch's one change, as `cxdsl diff --format json` lists it.
BRANCH_CHANGE = [("stages[apply].steps[submit].emotion", 0, -1)]


@dataclass(frozen=True)
class Team:
    """The adopting team's repository (left on ``main``) and its installed cxdsl."""

    bin: Path
    top: Path

    @property
    def env(self) -> dict[str, str]:
        """An activated fresh environment: its bin first, nothing of this venv."""
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
        return {
            **env,
            **GIT_ENV,
            "VIRTUAL_ENV": str(self.bin.parent),
            "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}",
        }

    def run(self, *args: str | Path, cwd: Path) -> tuple[int, str, str]:
        """(exit code, stdout, stderr) of a command in this environment."""
        done = subprocess.run(
            [str(a) for a in args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    def cxdsl(self, *args: str | Path, cwd: Path) -> tuple[int, str, str]:
        return self.run(self.bin / "cxdsl", *args, cwd=cwd)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        code, out, err = self.run("git", *args, cwd=cwd or self.top)
        assert code == 0, f"git {args}: {out}{err}"
        return out.strip()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, installed: Path) -> Team:
    root = tmp_path_factory.mktemp("adoption")
    team = Team(installed, root / "team")
    code, out, err = team.run(
        installed / "python",
        "-c",
        "import cxdsl; print(cxdsl.__file__, cxdsl.__version__)",
        cwd=root,
    )
    path, version = out.split()
    assert Path(path).is_relative_to(installed.parent) and version == __version__, err

    team.top.mkdir()
    team.git("init", "-q", "-b", "main")
    code, out, err = team.cxdsl("init", "cx", cwd=team.top)
    assert code == 0 and "created ../.pre-commit-config.yaml" in out, out + err
    assert (team.top / ".github/workflows/cxdsl.yml").is_file()
    team.git("add", "-A")
    team.git("commit", "-qm", "cxdsl init cx")

    team.git("checkout", "-qb", "feature")
    _edit(team.top / "cx" / JOURNEY, "emotion: 0\n", "emotion: -1\n")
    team.git("commit", "-qam", "feature: submitting is worse than we thought")

    team.git("checkout", "-q", "main")  # the base moves on after the branch point
    _edit(team.top / "cx" / PERSONAS, "en: First-time applicant}", "en: New applicant}")
    team.git("commit", "-qam", "main: rename the persona")
    return team


def _clone(team: Team, dest: Path, *options: str) -> Path:
    team.git("clone", "-q", *options, team.top.as_uri(), str(dest), cwd=dest.parent)
    return dest


def test_the_generated_pre_commit_config_catches_a_broken_journey(
    team: Team, wheelhouse: Path, hooks: Hooks, tmp_path: Path
) -> None:
    work = _clone(team, tmp_path / "work", "-b", "feature")
    config = work / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in text and HOOKS_REPOSITORY in text
    # this checkout, tagged v<version>
    config.write_text(text.replace(HOOKS_REPOSITORY, hooks.repository.as_uri()), encoding="utf-8")
    team.git("add", ".pre-commit-config.yaml", cwd=work)
    pre_commit = Path(sys.executable).parent / "pre-commit"  # the team's tool, not cxdsl
    env = hooks.env(wheelhouse)

    def pre_commit_run(*args: str) -> tuple[int, str]:
        done = subprocess.run(
            [str(pre_commit), "run", *args],
            cwd=work,
            env={**team.env, **env},
            capture_output=True,
            text=True,
            # as long as tests/test_precommit_subfolder.py allows: whichever of the two
            # runs first installs the hooks' environment (scipy, duckdb, ...) for both
            timeout=600,
            check=False,
        )
        return done.returncode, done.stdout + done.stderr

    code, out = pre_commit_run("--all-files")
    assert code == 0 and out.count("Passed") == 2, out  # both hooks ran on cx/, clean

    _edit(work / "cx" / JOURNEY, "channel: web-portal", "channel: web-portl")
    team.git("add", "-A", cwd=work)
    code, out = pre_commit_run()  # the staged change, as `git commit` runs it
    assert code == 1, out
    assert "cxdsl check" in out and "Failed" in out and "Skipped" not in out, out
    assert f"{JOURNEY}:14:18: error CX104" in out, out


def _changes(team: Team, *args: str, cwd: Path) -> tuple[list[tuple[str, Any, Any]], str]:
    code, out, err = team.cxdsl("diff", "--format", "json", *args, cwd=cwd)
    assert code == 0, out + err
    data = json.loads(out)
    return [(c["path"], c["before"], c["after"]) for c in data["changes"]], data["base"]


@pytest.mark.parametrize("where", ["top", "cx"])
def test_diff_reports_the_branch_change_while_main_moves_on(team: Team, where: str) -> None:
    fork = team.git("merge-base", "main", "feature")
    assert fork != team.git("rev-parse", "main")  # main did move on
    if where == "top":
        got, base = _changes(team, "main", "feature", "--path", "cx", cwd=team.top)
    else:
        got, base = _changes(team, "main", "feature", cwd=team.top / "cx")
    assert got == BRANCH_CHANGE
    assert base == fork[:7]
    # The scenario can tell: a literal two-tree comparison shows main's rename reversed.
    direct, _ = _changes(team, "main", "feature", "--direct", "--path", "cx", cwd=team.top)
    assert len(direct) == 2 and BRANCH_CHANGE[0] in direct, direct


@pytest.mark.parametrize(
    ("options", "args"),
    [
        (["--no-single-branch"], ["origin/main", "HEAD"]),  # what a workflow would name
        ([], []),  # the checkout action's default: one branch, depth 1
    ],
)
def test_a_shallow_clone_stops_with_the_fix(
    team: Team, tmp_path: Path, options: list[str], args: list[str]
) -> None:
    clone = _clone(team, tmp_path / "clone", "--depth", "1", *options, "-b", "feature")
    assert team.git("rev-parse", "--is-shallow-repository", cwd=clone) == "true"
    for cwd, path in ((clone, ["--path", "cx"]), (clone / "cx", [])):
        code, out, err = team.cxdsl("diff", *args, *path, cwd=cwd)
        assert code == 2, out + err
        assert "fetch-depth" in out + err, out + err
        assert "No changes" not in out + err and "Traceback" not in err, out + err


def test_the_language_server_checks_a_non_first_document(team: Team) -> None:
    if not SERVER.exists() or shutil.which("node") is None:
        pytest.skip("no yaml-language-server in tools/node_modules (or no node): npm install")
    ws = team.top / "cx"
    path = ws / "journeys" / "catalog" / "catalog.yaml"  # written by init, on main
    broken, line = break_third_document(path)
    found = diagnostics_of(team.top, path, broken)
    errors = [d for d in found if d.get("severity") == 1]
    assert [d["range"]["start"]["line"] for d in errors] == [line], found
    assert "methd" in errors[0]["message"], errors
    assert errors[0]["data"]["schemaUri"] == [(ws / "schemas/cxdsl-model.schema.json").as_uri()]


def test_sarif_of_a_file_with_a_space_and_arabic_letters_is_valid(
    team: Team, tmp_path: Path
) -> None:
    assert VALIDATOR.exists(), "make test installs tools/node_modules (npm)"
    work = _clone(team, tmp_path / "work")
    journeys = work / "cx" / "journeys"
    text = (journeys / "first-journey.yaml").read_text(encoding="utf-8")
    broken = text.replace("id: first-journey\n", "id: spaced\n", 1).replace(
        "channel: web-portal", "channel: web-portl"
    )
    (journeys / "with space ع.yaml").write_text(broken, encoding="utf-8")
    code, out, err = team.cxdsl("check", "cx", "--format", "sarif", cwd=work)
    assert code == 1, out + err
    log = json.loads(out)
    results = log["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert [r["ruleId"] for r in results] == ["CX104"], results
    assert locations[0]["uri"].endswith("journeys/with%20space%20%D8%B9.yaml"), locations
    sarif_validate(log, tmp_path)


def test_the_pull_request_run_builds_the_preview_and_its_link_reaches_the_comment(
    team: Team, tmp_path: Path
) -> None:
    """The workflow's own steps, as ``cxdsl init`` wrote them, in a checkout of the pull
    request's merge commit (what actions/checkout gives a pull_request run)."""
    clone = _clone(team, tmp_path / "clone")
    base, head = team.git("rev-parse", "main"), team.git("rev-parse", "feature")
    team.git("checkout", "-q", "--detach", base, cwd=clone)
    team.git("merge", "-q", "--no-ff", "-m", "Merge feature into main", head, cwd=clone)
    workflows = clone / ".github" / "workflows"
    steps = {s.get("name"): s for s in _steps(_load(workflows / "cxdsl.yml"))}
    runner = tmp_path / "runner"
    (runner / "cxdsl-diff").mkdir(parents=True)
    url = "https://github.com/owner/repo/actions/runs/1/artifacts/42"  # upload-artifact's
    env = {"RUNNER_TEMP": str(runner), "BASE_SHA": base, "HEAD_SHA": head, "PR_NUMBER": "12"}
    for name in ("Semantic diff", "Build the preview", "Pass the preview's link to the comment"):
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", steps[name]["run"]],
            cwd=clone / "cx",  # the job's working-directory
            env={**team.env, **env, "PREVIEW_URL": url},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, (name, done.stdout, done.stderr)

    artifact = runner / "cxdsl-diff"
    posted = (artifact / "cxdsl-diff.md").read_text(encoding="utf-8")
    assert "`emotion.changed`" in posted  # the feature's one change
    assert (artifact / "cxdsl-diff-full.md").read_text(encoding="utf-8") == posted  # it fits
    assert (artifact / "preview-url").read_text(encoding="utf-8") == url + "\n"
    site = runner / "cxdsl-preview"
    assert (site / "index.html").is_file()
    for lang in ("ar", "en"):  # the Changes page, and the changed journey's before/after
        assert "first-journey" in (site / lang / "changes" / "index.html").read_text("utf-8")
        assert (site / lang / "changes" / "journeys" / "first-journey" / "index.html").is_file()

    files = {f: (artifact / f).read_bytes() for f in ("pr-number", "cxdsl-diff.md", "preview-url")}
    code, calls, body = _comment(
        workflows,
        tmp_path,
        files["pr-number"],
        files["cxdsl-diff.md"],
        preview=files["preview-url"],
    )
    assert code == 0 and calls[-1].startswith("api --method POST repos/owner/repo/issues/12/")
    text = body.decode("utf-8")
    assert f"Preview site: [the `cxdsl-preview` artifact]({url})" in text
    assert text.endswith(posted)
