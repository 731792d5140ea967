"""The pre-commit config that ``cxdsl init cx`` writes at a repository's top, run by the
real pre-commit against a local clone of these hooks (offline), catches a broken journey
in ``cx/``.

The hook repository is this checkout's package and ``.pre-commit-hooks.yaml``, committed
and tagged ``v<version>`` as the release process tags it; pre-commit installs it with pip
from the session's wheelhouse (conftest.py) (``PIP_NO_INDEX``: nothing is downloaded), into
a pre-commit home that tests/test_adoption.py shares (the ``hooks`` fixture: one install of
the hooks' environment per run, as on a developer's machine).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cxdsl import __version__
from cxdsl.scaffold_ci import HOOKS_REPOSITORY

from ._install_helpers import GIT_ENV, Hooks

pytestmark = pytest.mark.slow


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


def test_the_generated_hooks_catch_a_broken_journey_in_a_subfolder(
    tmp_path: Path, wheelhouse: Path, hooks: Hooks
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    assert _run("git", "init", "-q", cwd=team)[0] == 0
    code, out = _run(sys.executable, "-m", "cxdsl", "init", "cx", cwd=team)
    assert code == 0 and "created ../.pre-commit-config.yaml" in out, out
    config = team / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in text
    config.write_text(text.replace(HOOKS_REPOSITORY, hooks.repository.as_uri()), encoding="utf-8")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    env = hooks.env(wheelhouse)
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
