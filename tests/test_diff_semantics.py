"""cxdsl diff as a pull request compares: from the merge base, wherever the workspace is.

Real temporary repositories: the base branch moves on after the branch point, shallow
clones made the way the code host's checkout makes them, workspaces in sub-folders
(nested, with a space and Arabic letters in the path) and in a ``git worktree``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cxdsl.cli import main
from cxdsl.diff.revisions import WORKTREE, MissingHistory, merge_base, resolve, resolve_pair

from .conftest import BASE
from .test_diff_git import git

JOURNEY = "journeys/renew-license.yaml"
SIGN_IN = "stages[apply].steps[sign-in].emotion"
SUBMIT = "stages[apply].steps[submit].emotion"
#: What the feature branch changed, as `cxdsl diff --format json` lists it.
BRANCH_CHANGE = [(SIGN_IN, 0, -1)]
FIX = ("fetch-depth: 0", "git fetch --deepen=N", "git fetch --unshallow")


def _edit(ws: Path, old: str, new: str) -> None:
    path = ws / JOURNEY
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def branched(tmp_path: Path, sub: str = "cx") -> tuple[Path, Path]:
    """(repository, workspace): ``feature`` changes sign-in, then ``main`` changes submit.

    The repository stays on ``main`` (what a clone's origin/HEAD names); the
    workspace is at ``sub`` inside it ("" for the top).
    """
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    (top / "README.md").write_text("a repository with a workspace in it\n", encoding="utf-8")
    ws = top / sub if sub else top
    shutil.copytree(BASE, ws, dirs_exist_ok=True)
    git(top, "add", "-A")
    git(top, "commit", "-qm", "workspace")
    git(top, "checkout", "-qb", "feature")
    _edit(ws, "channel: portal\n        emotion: 0", "channel: portal\n        emotion: -1")
    git(top, "commit", "-qam", "feature: sign-in is worse")
    git(top, "checkout", "-q", "main")
    _edit(ws, "channel: kiosk-app\n        emotion: 1", "channel: kiosk-app\n        emotion: 2")
    git(top, "commit", "-qam", "main moves on: submit is better")
    return top, ws


def changes(result: Result) -> list[tuple[str, object, object]]:
    """(path, before, after) of each change in `cxdsl diff --format json` output."""
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [(c["path"], c["before"], c["after"]) for c in data["changes"]]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", "--format", "json", *args])


def test_the_base_branch_moving_on_is_not_reported_reversed(tmp_path: Path) -> None:
    top, ws = branched(tmp_path)
    assert changes(run("main", "feature", "--path", str(ws))) == BRANCH_CHANGE
    fork = git(top, "merge-base", "main", "feature")
    head = git(top, "rev-parse", "feature")
    assert resolve_pair(ws, "main", "feature") == (fork, head)
    assert json.loads(run("main", "feature", "--path", str(ws)).stdout)["base"] == fork[:7]


def test_direct_compares_the_two_trees(tmp_path: Path) -> None:
    top, ws = branched(tmp_path)
    got = changes(run("main", "feature", "--direct", "--path", str(ws)))
    assert sorted(got) == [(SIGN_IN, 0, -1), (SUBMIT, 2, 1)]  # main's change, reversed
    tips = git(top, "rev-parse", "main"), git(top, "rev-parse", "feature")
    assert resolve_pair(ws, "main", "feature", direct=True) == tips


def test_one_revision_or_none_compare_the_working_tree_from_the_merge_base(
    tmp_path: Path,
) -> None:
    top, ws = branched(tmp_path)
    git(top, "checkout", "-q", "feature")
    assert changes(run("main", "--path", str(ws))) == BRANCH_CHANGE
    assert changes(run("--path", str(ws))) == BRANCH_CHANGE
    assert resolve_pair(ws, None, None) == (git(top, "merge-base", "main", "HEAD"), WORKTREE)
    assert sorted(changes(run("main", "--direct", "--path", str(ws)))) == [
        (SIGN_IN, 0, -1),
        (SUBMIT, 2, 1),
    ]


def _shallow(tmp_path: Path, *options: str) -> Path:
    top, _ = branched(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", *options, "-b", "feature", top.as_uri(), "clone")
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    return clone


@pytest.mark.parametrize("args", [["origin/main", "HEAD"], ["origin/main"], []])
def test_a_shallow_clone_stops_with_the_fix_never_no_changes(
    tmp_path: Path, args: list[str]
) -> None:
    clone = _shallow(tmp_path, "--no-single-branch")
    result = run(*args, "--path", str(clone / "cx"))
    assert result.exit_code == 2, result.output
    assert "No changes" not in result.output and "Traceback" not in result.output
    assert "shallow clone" in result.output
    assert all(fix in result.output for fix in FIX), result.output
    given: list[str | None] = [*args, None, None]
    with pytest.raises(MissingHistory):
        resolve_pair(clone / "cx", given[0], given[1])


def test_a_single_branch_shallow_clone_asks_for_the_base(tmp_path: Path) -> None:
    clone = _shallow(tmp_path)  # --depth implies --single-branch: no origin/main at all
    result = run("--path", str(clone / "cx"))
    assert result.exit_code == 2, result.output
    assert "name the base" in result.output and "fetch-depth: 0" in result.output
    git(clone, "fetch", "-q", "--unshallow", "origin", "+main:refs/remotes/origin/main")
    assert changes(run("origin/main", "HEAD", "--path", str(clone / "cx"))) == BRANCH_CHANGE


def test_a_revision_beyond_a_shallow_clones_depth_names_the_fix(tmp_path: Path) -> None:
    clone = _shallow(tmp_path)
    result = run("HEAD^1", "HEAD", "--path", str(clone / "cx"))  # the generated workflow's
    assert result.exit_code == 2, result.output
    assert "'HEAD^1' is not a commit in this shallow clone" in result.output
    assert all(fix in result.output for fix in FIX), result.output


def test_deepening_a_shallow_clone_gives_the_branch_change(tmp_path: Path) -> None:
    clone = _shallow(tmp_path, "--no-single-branch")
    git(clone, "fetch", "-q", "--deepen=2")
    assert changes(run("origin/main", "HEAD", "--path", str(clone / "cx"))) == BRANCH_CHANGE


def test_unrelated_histories_have_no_merge_base(tmp_path: Path) -> None:
    top, ws = branched(tmp_path)
    git(top, "checkout", "-q", "--orphan", "other")
    git(top, "commit", "-qm", "unrelated")
    with pytest.raises(MissingHistory, match="no common ancestor"):
        merge_base(ws, resolve(ws, "main"), resolve(ws, "other"))
    result = run("main", "other", "--path", str(ws))
    assert result.exit_code == 2 and "--direct" in result.output
    assert changes(run("main", "other", "--direct", "--path", str(ws))) == []


SUBFOLDERS = ["cx", "docs/journeys/cx", "with space ع/تجربة"]


@pytest.mark.parametrize("sub", SUBFOLDERS)
def test_a_workspace_in_a_subfolder_from_the_root_and_from_inside(
    tmp_path: Path, sub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, ws = branched(tmp_path, sub)
    monkeypatch.chdir(top)
    result = run("main", "feature", "--path", sub)
    assert changes(result) == BRANCH_CHANGE
    assert result.stderr == ""  # every file of both trees arrived (names with Arabic letters)
    assert changes(run("main", "feature", "--path", sub + "/")) == BRANCH_CHANGE
    monkeypatch.chdir(ws)
    assert changes(run("main", "feature")) == BRANCH_CHANGE
    git(top, "checkout", "-q", "feature")
    assert changes(run()) == BRANCH_CHANGE
    monkeypatch.chdir(ws / "journeys")
    assert changes(run("--path", "..")) == BRANCH_CHANGE


@pytest.mark.parametrize("sub", ["", "cx"])
def test_a_workspace_in_a_linked_worktree(
    tmp_path: Path, sub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, _ = branched(tmp_path, sub)
    tree = tmp_path / "wt ع"
    git(top, "worktree", "add", "-q", str(tree), "feature")
    ws = tree / sub if sub else tree
    monkeypatch.chdir(tree)
    assert changes(run("main", "HEAD", "--path", sub or ".")) == BRANCH_CHANGE
    monkeypatch.chdir(ws)
    assert changes(run()) == BRANCH_CHANGE
    assert changes(run("main")) == BRANCH_CHANGE


def test_a_revision_without_the_workspace_folder_compares_as_empty(tmp_path: Path) -> None:
    top, ws = branched(tmp_path)
    git(top, "checkout", "-q", "--orphan", "bare")
    git(top, "rm", "-rq", "--cached", "cx")
    git(top, "commit", "-qm", "readme only")
    result = run("bare", "main", "--direct", "--path", str(ws))
    assert "cx/: not in revision" in result.output
    added = json.loads(result.stdout)["summary"]
    assert added.get("journey.added") == 1 and added.get("persona.added") == 1


def test_files_that_export_ignore_leaves_out_are_named(tmp_path: Path) -> None:
    top, ws = branched(tmp_path)
    (ws / ".gitattributes").write_text("personas/* export-ignore\n", encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "attributes")
    result = run("HEAD", "--path", str(ws))
    assert "personas/tree.yaml: left out by export-ignore" in result.stderr


@pytest.mark.parametrize("sub", SUBFOLDERS)
def test_check_in_a_subfolder_from_the_root_and_from_inside(
    tmp_path: Path, sub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, ws = branched(tmp_path, sub)
    (ws / "journeys" / "broken.yaml").write_text(
        "kind: journey\nid: broken\ntitle: x\nstages: nope\n", encoding="utf-8"
    )
    monkeypatch.chdir(top)
    from_root = CliRunner().invoke(main, ["check", sub, "--format", "github"])
    monkeypatch.chdir(ws)
    from_inside = CliRunner().invoke(main, ["check", "--format", "github"])
    for result in (from_root, from_inside):
        assert result.exit_code == 1, result.output
        assert f"file={sub}/journeys/broken.yaml,line=4" in result.stdout


def test_build_in_a_subfolder_from_the_root_and_from_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = SUBFOLDERS[-1]
    top, ws = branched(tmp_path, sub)
    monkeypatch.chdir(top)
    from_root = CliRunner().invoke(main, ["build", sub, "--out", str(tmp_path / "a")])
    monkeypatch.chdir(ws)
    from_inside = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "b")])
    for result, out in ((from_root, "a"), (from_inside, "b")):
        assert result.exit_code == 0, result.output
        assert (tmp_path / out / "index.html").is_file()


def test_a_folder_that_is_no_workspace_is_a_usage_error_not_no_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, _ = branched(tmp_path)
    monkeypatch.chdir(top)
    result = run("main", "feature")
    assert result.exit_code == 2, result.output
    assert "not a cxdsl workspace in either revision" in result.output
    assert "--path" in result.output
