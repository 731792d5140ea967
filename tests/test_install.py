"""cxdsl installed the way users install it: a wheel from ``python -m build`` in a fresh
virtual environment (not editable), then ``cxdsl init``, ``check`` and ``build`` from it.

Offline and fast: how the wheel is built and where its dependencies come from is in
tests/_install_helpers.py; the ``dist``, ``wheelhouse`` and ``installed`` fixtures (one per
run, shared with tests/test_adoption.py and tests/test_precommit_subfolder.py) in
conftest.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cxdsl import __version__

from ._install_helpers import run as _run

pytestmark = pytest.mark.slow


def test_the_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    built = sorted(p.name for p in dist.iterdir())
    assert built == [f"cxdsl-{__version__}-py3-none-any.whl", f"cxdsl-{__version__}.tar.gz"]
    done = _run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_wheel_installed_fresh_inits_checks_and_builds(installed: Path, tmp_path: Path) -> None:
    # (run from tmp_path: `python -c` puts the working folder first on sys.path)
    where = _run(
        installed / "python",
        "-c",
        "import cxdsl; print(cxdsl.__file__, cxdsl.__version__)",
        cwd=tmp_path,
    )
    path, version = where.stdout.split()
    venv = installed.parent
    assert Path(path).is_relative_to(venv) and version == __version__  # not this checkout

    cxdsl = installed / "cxdsl"
    out = _run(cxdsl, "init", "cx", cwd=tmp_path).stdout
    assert "created journeys/first-journey.yaml" in out
    workflow = (tmp_path / "cx/.github/workflows/cxdsl.yml").read_text(encoding="utf-8")
    assert f'CXDSL_PIP_SPEC: "cxdsl=={__version__}"' in workflow  # the version that wrote it
    assert _run(cxdsl, "check", "cx", cwd=tmp_path).stdout.endswith("no problems\n")
    _run(cxdsl, "build", "cx", cwd=tmp_path)
    assert (tmp_path / "cx/site/ar/journeys/first-journey/index.html").is_file()
    assert (tmp_path / "cx/site/en/journeys/first-journey/index.html").is_file()
