"""Installing cxdsl the way users install it, offline: shared by the tests that need a
fresh installation (tests/test_install.py, tests/test_adoption.py) and the hooks'
wheelhouse (tests/test_precommit_subfolder.py); the session fixtures are in conftest.py.

The wheel is built with ``--no-isolation`` (the build-system's setuptools is a dev
dependency) from a copy of the checkout's files (what a clean clone has: the build writes
its ``cxdsl.egg-info`` there, not in the checkout that other test runs read and build
from), and its dependencies come from a wheelhouse repacked from this venv's
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
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.tags import sys_tags

from cxdsl import __version__

REPO = Path(__file__).parent.parent
SUPPORTED = frozenset(str(tag) for tag in sys_tags())
#: git as the tests run it: a fixed author, none of the user's configuration.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command outside this venv (no PYTHONPATH, no VIRTUAL_ENV), with ``env`` added;
    it must succeed."""
    outside = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**outside, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **(env or {})},
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


def copy_checkout(dest: Path) -> Path:
    """The checkout's files as a clean clone has them (tracked, or new and not ignored)."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():  # not a tracked file deleted in the working tree
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest / name)
    return dest


def build_dist(out: Path, work: Path) -> Path:
    """The sdist and the wheel of this checkout, built as the release process builds them
    (from a copy in ``work``)."""
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, copy_checkout(work))
    return out


def hook_repository(path: Path) -> Path:
    """This checkout's hooks and package, committed and tagged ``v<version>`` like a release."""
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
        run("git", *args, cwd=path, env=GIT_ENV)
    return path


def install_fresh(venv: Path, dist: Path, wheelhouse: Path) -> Path:
    """A new virtual environment with the wheel in ``dist`` installed; its ``bin``."""
    run(sys.executable, "-m", "venv", venv)
    (wheel,) = dist.glob("*.whl")
    run(venv / "bin" / "pip", "install", "--no-index", "--find-links", wheelhouse, wheel)
    return venv / "bin"


@dataclass(frozen=True)
class Hooks:
    """A hook repository (``hook_repository``) and the pre-commit home that installs it."""

    repository: Path
    home: Path

    def env(self, wheelhouse: Path) -> dict[str, str]:
        """pre-commit's variables: this home; pip installs from ``wheelhouse`` only."""
        return {
            "PRE_COMMIT_HOME": str(self.home),
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(wheelhouse),
        }
