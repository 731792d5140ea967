"""Installing cxdsl the way users install it, offline: shared by the tests that need a
fresh installation (tests/test_install.py, tests/test_adoption.py) and the hooks'
wheelhouse (tests/test_precommit_subfolder.py); the session fixtures are in conftest.py.

The wheel is built with ``--no-isolation`` (the build-system's setuptools is a dev
dependency), and its dependencies come from a wheelhouse repacked from this venv's
installed distributions (each was installed from a wheel, so its RECORD lists its files),
installed with ``pip --no-index --find-links``. Nothing is downloaded, and the fresh
environment sees nothing of this venv: no ``--system-site-packages`` (a venv of a venv
would see the base interpreter's, not ours) and no ``.pth`` into ours (that would show
this checkout's editable cxdsl too).
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

from packaging.tags import sys_tags

REPO = Path(__file__).parent.parent
SUPPORTED = frozenset(str(tag) for tag in sys_tags())


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command outside this venv (no PYTHONPATH, no VIRTUAL_ENV); it must succeed."""
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


def build_wheelhouse(out: Path) -> Path:
    """cxdsl's runtime dependencies (requirements.lock) and setuptools, as wheels."""
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    for name in [*re.findall(r"(?m)^([A-Za-z0-9_.-]+)==", lock), "setuptools"]:
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # a dependency of another platform (colorama on Windows)
        repack(dist, out)
    return out


def build_dist(out: Path) -> Path:
    """The sdist and the wheel of this checkout, built as the release process builds them."""
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO)
    return out


def install_fresh(venv: Path, dist: Path, wheelhouse: Path) -> Path:
    """A new virtual environment with the wheel in ``dist`` installed; its ``bin``."""
    run(sys.executable, "-m", "venv", venv)
    (wheel,) = dist.glob("*.whl")
    run(venv / "bin" / "pip", "install", "--no-index", "--find-links", wheelhouse, wheel)
    return venv / "bin"
