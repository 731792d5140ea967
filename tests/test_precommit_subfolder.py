"""The pre-commit config that ``cxdsl init cx`` writes at a repository's top, run by the
real pre-commit against a local clone of these hooks (offline), catches a broken journey
in ``cx/``.

The hook repository is this checkout's package and ``.pre-commit-hooks.yaml``, committed
and tagged ``v<version>`` as the release process tags it; pre-commit installs it with pip
from the session's wheelhouse (conftest.py) (``PIP_NO_INDEX``: nothing is downloaded).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cxdsl import __version__
from cxdsl.scaffold_ci import HOOKS_REPOSITORY

from .conftest import REPO

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _hook_repository(path: Path) -> Path:
    """This checkout's hooks and package, committed and tagged like a release."""
    path.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copyfile(REPO / name, path / name)
    shutil.copytree(REPO / "cxdsl", path / "cxdsl", ignore=shutil.ignore_patterns("__pycache__"))
    for args in (
        ("init", "-q"),
        ("add", "."),
        ("commit", "-q", "-m", "release"),
        ("tag", f"v{__version__}"),
    ):
        assert _run("git", *args, cwd=path)[0] == 0
    return path


def test_the_generated_hooks_catch_a_broken_journey_in_a_subfolder(
    tmp_path: Path, wheelhouse: Path
) -> None:
    hooks = _hook_repository(tmp_path / "hooks")
    team = tmp_path / "team"
    team.mkdir()
    assert _run("git", "init", "-q", cwd=team)[0] == 0
    code, out = _run(sys.executable, "-m", "cxdsl", "init", "cx", cwd=team)
    assert code == 0 and "created ../.pre-commit-config.yaml" in out, out
    config = team / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in text
    config.write_text(text.replace(HOOKS_REPOSITORY, hooks.as_uri()), encoding="utf-8")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
    }
    assert _run("git", "add", ".", cwd=team)[0] == 0
    code, out = _run(pre_commit, "run", "--all-files", cwd=team, env=env)
    assert code == 0 and out.count("Passed") == 2, out  # clean: both hooks ran on cx/

    journey = team / "cx" / "journeys" / "first-journey.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("channel: web-portal", "channel: web-portl"),
        encoding="utf-8",
    )
    assert _run("git", "add", ".", cwd=team)[0] == 0
    code, out = _run(pre_commit, "run", cwd=team, env=env)  # the staged change
    assert code == 1, out
    assert "cxdsl check" in out and "Failed" in out and "Skipped" not in out, out
    assert "journeys/first-journey.yaml:14:18: error CX104" in out, out
