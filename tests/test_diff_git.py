"""cxdsl diff and git: revisions are data, never options; archives never escape."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.diff.revisions import WORKTREE, RevisionError, checkout, resolve, resolve_pair

from .conftest import make_workspace


def git(ws: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=cx@example.gov", "-c", "user.name=CX", *args],
        cwd=ws,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def repo(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    return ws


@pytest.mark.parametrize(
    "args",
    [
        ["--", "--output=victim.txt", "HEAD"],
        ["HEAD", "--output=victim.txt"],
        ["--", "HEAD", "--output=victim.txt"],
    ],
)
def test_an_option_given_as_a_revision_is_refused_and_git_never_sees_it(
    tmp_path: Path, args: list[str]
) -> None:
    ws = repo(tmp_path)
    victim = ws / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    before = victim.stat().st_mtime_ns
    result = CliRunner().invoke(main, ["diff", "--path", str(ws), *args])
    assert result.exit_code == 2, result.output
    assert "--output" in result.output  # named, by cxdsl or by click
    assert "Traceback" not in result.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert victim.stat().st_mtime_ns == before


def test_option_like_revisions_are_refused_before_git_runs(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    for revision in ("-p", "--output=x", "-", "--", "", "HEAD\n--output=x"):
        with pytest.raises(RevisionError):
            resolve(ws, revision)
    assert not (ws / "x").exists()


def test_revisions_resolve_to_verified_commit_ids(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    head = git(ws, "rev-parse", "HEAD")
    tree = git(ws, "rev-parse", "HEAD^{tree}")
    assert resolve(ws, "HEAD") == head
    assert resolve(ws, "main") == head
    assert resolve_pair(ws, "main", None) == (head, WORKTREE)
    assert resolve_pair(ws, None, "HEAD") == (head, head)
    git(ws, "tag", "-a", "v1", "-m", "release")  # an annotated tag peels to its commit
    assert resolve(ws, "v1") == head
    with pytest.raises(RevisionError, match="is not a commit"):
        resolve(ws, tree)  # a tree is not a commit
    with pytest.raises(RevisionError, match="'nope' is not a commit"):
        resolve(ws, "nope")


def test_an_unknown_revision_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    result = CliRunner().invoke(main, ["diff", "no-such-branch", "--path", str(ws)])
    assert result.exit_code == 2
    assert "'no-such-branch' is not a commit" in result.output


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    result = CliRunner(env=env).invoke(main, ["diff", "HEAD", "--path", str(ws)])
    assert result.exit_code == 2
    assert "not a git repository" in result.output


def _commit_links(ws: Path) -> None:
    journeys = ws / "journeys"
    os.symlink("/etc/passwd", journeys / "absolute.yaml")
    os.symlink("../../../../../../etc/hosts", journeys / "upward.yaml")
    os.symlink("renew-license.yaml", journeys / "same.yaml.txt")  # inside: kept
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "links")


def test_committed_symlinks_leaving_the_workspace_are_skipped_not_followed(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    _commit_links(ws)
    into = tmp_path / "out"
    tree = checkout(ws, resolve(ws, "HEAD"), into)
    names = sorted(p.relative_to(into).as_posix() for p in into.rglob("*"))
    assert "journeys/absolute.yaml" not in names and "journeys/upward.yaml" not in names
    assert (into / "journeys" / "same.yaml.txt").is_symlink()
    assert len(tree.skipped) == 2
    assert any("absolute.yaml" in s and "/etc/passwd" in s for s in tree.skipped)
    assert any("upward.yaml" in s and "outside the workspace" in s for s in tree.skipped)
    for path in into.rglob("*"):  # nothing written resolves outside the folder
        assert path.resolve().is_relative_to(into.resolve()), path


def test_diff_across_a_committed_absolute_symlink_does_not_crash(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    _commit_links(ws)
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "journeys/absolute.yaml: symlink to an absolute path" in result.output
    assert "No changes to the model." in result.output


def test_a_workspace_in_a_subfolder_keeps_its_links_inside_it(tmp_path: Path) -> None:
    top = tmp_path / "top"
    ws = make_workspace(top)  # top/ws is the workspace; top is the repository
    (top / "secret.yaml").write_text("kind: persona\nid: leaked\n", encoding="utf-8")
    os.symlink("../../secret.yaml", ws / "personas" / "leak.yaml")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "base")
    tree = checkout(ws, resolve(ws, "HEAD"), tmp_path / "out")
    assert tree.root == tmp_path / "out" / "ws"
    assert (tree.root / "cxdsl.yaml").is_file()  # the workspace itself, not only its folder
    assert not (tree.root / "personas" / "leak.yaml").exists()
    assert not (tmp_path / "out" / "secret.yaml").exists()  # nothing outside the workspace
    assert [s for s in tree.skipped if "leak.yaml" in s]


def test_links_refused_in_an_archive_are_findings_of_that_revision(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    _commit_links(ws)
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--path", str(ws)])
    assert result.exit_code == 0, result.output
    assert "✅ clean" not in result.output
    tree = checkout(ws, resolve(ws, "HEAD"), tmp_path / "out")
    assert sorted(i.span.file for i in tree.refused if i.span) == [
        "journeys/absolute.yaml",
        "journeys/upward.yaml",
    ]
    assert {i.code for i in tree.refused} == {"CX014"}
