"""cxdsl installed the way users install it: a wheel from ``python -m build`` in a fresh
virtual environment (not editable), then ``cxdsl init``, ``check`` and ``build`` from it.

Offline and fast: the wheel is built with ``--no-isolation`` (the build-system's
setuptools is a dev dependency), and its dependencies come from a wheelhouse repacked
from this venv's installed distributions (each was installed from a wheel, so its RECORD
lists its files), installed with ``pip --no-index --find-links``. Nothing is downloaded,
and the fresh environment sees nothing of this venv: no ``--system-site-packages`` (a
venv of a venv would see the base interpreter's, not ours) and no ``.pth`` into ours
(that would show this checkout's editable cxdsl too).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.tags import sys_tags

from cxdsl import __version__

from .conftest import REPO

pytestmark = pytest.mark.slow

SUPPORTED = frozenset(str(tag) for tag in sys_tags())


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def repack(dist: importlib.metadata.Distribution, out: Path) -> Path:
    """A wheel of an installed distribution, from the files its RECORD lists."""
    tags = re.findall(r"(?m)^Tag: (\S+)$", dist.read_text("WHEEL") or "")
    tag = next(t for t in tags if t in SUPPORTED)  # colorama's first is py2-none-any
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    wheel = out / f"{name}-{dist.version}-{tag}.whl"
    record, lines = None, []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as zf:
        for file in dist.files or ():
            arcname = file.as_posix()
            if arcname.startswith("..") or "__pycache__" in arcname:
                continue  # scripts (pip writes them from entry_points.txt), bytecode
            if re.fullmatch(r"[^/]+\.dist-info/RECORD", arcname):  # not a vendored one
                record = arcname
                continue
            source = Path(str(file.locate()))
            if source.is_file():
                data = source.read_bytes()
                zf.writestr(arcname, data)
                lines.append(_record_line(arcname, data))
        assert record is not None, dist.metadata["Name"]
        zf.writestr(record, "\n".join([*lines, f"{record},,"]) + "\n")
    return wheel


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cxdsl's runtime dependencies (requirements.lock) and setuptools, as wheels."""
    out = tmp_path_factory.mktemp("wheelhouse")
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    for name in [*re.findall(r"(?m)^([A-Za-z0-9_.-]+)==", lock), "setuptools"]:
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # a dependency of another platform (colorama on Windows)
        repack(dist, out)
    return out


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel of this checkout, built as the release process builds them."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO)
    return out


def test_the_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    built = sorted(p.name for p in dist.iterdir())
    assert built == [f"cxdsl-{__version__}-py3-none-any.whl", f"cxdsl-{__version__}.tar.gz"]
    done = _run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_wheel_installed_fresh_inits_checks_and_builds(
    dist: Path, wheelhouse: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    bin_ = venv / "bin"
    (wheel,) = dist.glob("*.whl")
    _run(bin_ / "pip", "install", "--no-index", "--find-links", wheelhouse, wheel)
    # (run from tmp_path: `python -c` puts the working folder first on sys.path)
    where = _run(
        bin_ / "python",
        "-c",
        "import cxdsl; print(cxdsl.__file__, cxdsl.__version__)",
        cwd=tmp_path,
    )
    path, version = where.stdout.split()
    assert Path(path).is_relative_to(venv) and version == __version__  # not this checkout

    cxdsl = bin_ / "cxdsl"
    out = _run(cxdsl, "init", "cx", cwd=tmp_path).stdout
    assert "created journeys/first-journey.yaml" in out
    workflow = (tmp_path / "cx/.github/workflows/cxdsl.yml").read_text(encoding="utf-8")
    assert f'CXDSL_PIP_SPEC: "cxdsl=={__version__}"' in workflow  # the version that wrote it
    assert _run(cxdsl, "check", "cx", cwd=tmp_path).stdout.endswith("no problems\n")
    _run(cxdsl, "build", "cx", cwd=tmp_path)
    assert (tmp_path / "cx/site/ar/journeys/first-journey/index.html").is_file()
    assert (tmp_path / "cx/site/en/journeys/first-journey/index.html").is_file()
