"""Hostile and broken input: always a located diagnostic, never a traceback."""

from __future__ import annotations

import codecs
import os
import shutil
import signal
import socket
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.loading import load_workspace


def check(ws: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_fifty_megabyte_file_is_refused_unread(workspace: Path) -> None:
    big = workspace / "journeys" / "huge.yaml"
    with big.open("wb") as f:
        f.write(b"kind: channel\nid: big\nname: " + b"x" * (50 * 1024 * 1024) + b"\n")
    code, out = check(workspace)
    assert code == 1
    assert "journeys/huge.yaml:1:1: error CX006 file is 50.0 MB" in out


def test_ten_thousand_levels_of_nesting(workspace: Path) -> None:
    (workspace / "journeys" / "deep.yaml").write_text("a: " + "[" * 10_000 + "]" * 10_000)
    code, out = check(workspace)
    assert code == 1
    assert "journeys/deep.yaml:1:" in out and "CX007 nesting deeper than 64 levels" in out


def test_block_nesting(workspace: Path) -> None:
    (workspace / "journeys" / "deep.yaml").write_text("- " * 5_000 + "x\n")
    code, out = check(workspace)
    assert code == 1 and "CX007" in out


def test_billion_laughs_finishes_with_one_error_per_aliased_list(workspace: Path) -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (workspace / "journeys" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    code, out = check(workspace)
    assert code == 1
    assert out.count("CX004") == 11
    assert "journeys/bomb.yaml:2:4: error CX004" in out


def test_invalid_utf8_is_located(workspace: Path) -> None:
    (workspace / "journeys" / "latin1.yaml").write_bytes(
        b"kind: channel\nid: c\nname: caf\xe9\ntype: digital\n"
    )
    code, out = check(workspace)
    assert code == 1
    assert "journeys/latin1.yaml:3:10: error CX005 invalid UTF-8 (byte 0xe9)" in out


def test_binary_file_is_refused(workspace: Path) -> None:
    (workspace / "journeys" / "image.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out = check(workspace)
    assert code == 1
    assert "journeys/image.yaml:3:1: error CX005 binary file (contains a NUL byte)" in out


def test_object_tags_never_run(workspace: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (workspace / "journeys" / "evil.yaml").write_text(
        f"kind: channel\nid: evil\nname: !!python/object/apply:os.system ['touch {marker}']\n"
        "type: digital\n---\nkind: channel\nid: evil2\nname: !!python/name:os.system\n"
        "type: digital\n"
    )
    code, out = check(workspace)
    assert code == 1 and out.count("CX003") == 2
    assert not marker.exists()


def test_python_model_file_that_raises_points_at_the_line(workspace: Path) -> None:
    (workspace / "journeys" / "broken.py").write_text("x = 1\n\nraise RuntimeError('boom')\n")
    code, out = check(workspace)
    assert code == 1
    assert "journeys/broken.py:3:1: error CX011 Python model file raised RuntimeError: boom" in out


def test_python_model_file_calling_exit_is_contained(workspace: Path) -> None:
    (workspace / "journeys" / "bye.py").write_text("import sys\nsys.exit(0)\n")
    code, out = check(workspace)
    assert code == 1 and "journeys/bye.py:2:1: error CX011" in out


def test_no_python_refuses_to_run_model_files(workspace: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (workspace / "journeys" / "j.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    result = CliRunner().invoke(main, ["check", "--no-python", str(workspace)])
    assert "journeys/j.py:1:1: warning CX012 Python model file not run: --no-python" in (
        result.output
    )
    assert not marker.exists()


def test_not_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_missing_settings_file(tmp_path: Path) -> None:
    code, out = check(tmp_path)
    assert code == 1 and "cxdsl.yaml:1:1: error CX013 no cxdsl.yaml in the workspace" in out


# Files that are not what they seem: links, FIFOs, folders, other encodings.

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")
SECRET = "kind: channel\nid: leaked\nname: TOP-SECRET-VALUE\ntype: digital\n"


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (opening a FIFO blocks until a writer comes)."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the workspace holding a valid model file with a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yaml").write_text(SECRET, encoding="utf-8")
    return folder


@posix_only
@pytest.mark.parametrize(
    "link", ["journeys/x.yaml", "journeys/deep/er/x.yml", "personas/x.yaml", "journeys/x.py"]
)
def test_link_to_a_file_outside_the_workspace_is_refused_unread(
    workspace: Path, outside: Path, link: str
) -> None:
    (workspace / link).parent.mkdir(parents=True, exist_ok=True)
    (workspace / link).symlink_to(outside / "secret.yaml")
    code, out = check(workspace)
    assert code == 1
    assert (
        f"{link}:1:1: error CX014 '{link}' is a symbolic link to a file outside the "
        "workspace; refused unread" in out
    )
    assert "TOP-SECRET" not in out and "leaked" not in out
    assert "checked 4 files: 1 error, 0 warnings" in out  # the rest is still checked


@posix_only
def test_link_to_etc_passwd_is_refused(workspace: Path) -> None:
    (workspace / "journeys" / "x.yaml").symlink_to("/etc/passwd")
    code, out = check(workspace)
    assert code == 1 and "journeys/x.yaml:1:1: error CX014" in out and "root" not in out


@posix_only
@pytest.mark.parametrize("link", ["journeys/shared", "journeys/a/b/shared", "journeys", "personas"])
def test_link_to_a_folder_outside_the_workspace_is_refused_unread(
    workspace: Path, outside: Path, link: str
) -> None:
    target = workspace / link
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(outside, target_is_directory=True)
    code, out = check(workspace)
    assert code == 1
    assert (
        f"{link}:1:1: error CX014 '{link}' is a symbolic link to a folder outside the "
        "workspace; refused unread" in out
    )
    assert "TOP-SECRET" not in out and "leaked" not in out


@posix_only
def test_settings_file_linked_outside_is_refused(workspace: Path, outside: Path) -> None:
    settings = workspace / "cxdsl.yaml"
    (outside / "cxdsl.yaml").write_text(settings.read_text(encoding="utf-8") + "# SECRET\n")
    settings.unlink()
    settings.symlink_to(outside / "cxdsl.yaml")
    code, out = check(workspace)
    assert code == 1
    assert (
        "cxdsl.yaml:1:1: error CX014 'cxdsl.yaml' is a symbolic link to a file outside "
        "the workspace" in out
    )


@posix_only
def test_links_inside_the_workspace_keep_working(workspace: Path) -> None:
    shared = workspace / "shared"
    shared.mkdir()
    catalog = workspace / "journeys" / "catalog.yaml"
    catalog.rename(shared / "catalog.yaml")
    catalog.symlink_to(Path("..") / "shared" / "catalog.yaml")  # relative, as git stores it
    channels = workspace / "channels"
    channels.mkdir()
    (channels / "extra.yaml").write_text("kind: channel\nid: extra\nname: E\ntype: digital\n")
    (workspace / "journeys" / "more").mkdir()
    (workspace / "journeys" / "more" / "linked").symlink_to(channels, target_is_directory=True)
    (workspace / "personas").rename(workspace / "people")
    (workspace / "personas").symlink_to("people", target_is_directory=True)
    assert check(workspace) == (0, "checked 5 files: no problems\n")
    ws, _ = load_workspace(workspace)
    assert {
        "journeys/catalog.yaml",
        "journeys/more/linked/extra.yaml",
        "personas/tree.yaml",
    } <= set(ws.files)
    assert "extra" in {d.id for d in ws.documents}


@posix_only
def test_link_loops_end(workspace: Path) -> None:
    journeys = workspace / "journeys"
    (journeys / "self").symlink_to(".", target_is_directory=True)
    (journeys / "up").symlink_to("..", target_is_directory=True)
    (journeys / "a.yaml").symlink_to("b.yaml")
    (journeys / "b.yaml").symlink_to("a.yaml")
    (journeys / "dangling.yaml").symlink_to("nothing.yaml")
    with time_limit(30):
        code, out = check(workspace)
    assert code == 1
    assert "journeys/a.yaml:1:1: error CX005 symbolic link cannot be followed" in out
    assert "journeys/dangling.yaml:1:1: error CX005 symbolic link cannot be followed" in out
    assert "CX101" not in out  # nothing was read twice through the loops


@posix_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_is_skipped_never_opened(workspace: Path) -> None:
    os.mkfifo(workspace / "journeys" / "pipe.yaml")
    with time_limit(30):
        code, out = check(workspace)
    assert code == 0
    assert (
        "journeys/pipe.yaml:1:1: warning CX015 a FIFO (named pipe), not a regular file; "
        "skipped unread" in out
    )


@posix_only
def test_socket_is_skipped(workspace: Path) -> None:
    path = workspace / "journeys" / "s.yaml"
    if len(str(path)) >= 100:
        pytest.skip("path too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        code, out = check(workspace)
    assert code == 0 and "journeys/s.yaml:1:1: warning CX015 a socket" in out


@posix_only
def test_device_is_skipped(workspace: Path) -> None:
    try:
        os.mknod(workspace / "journeys" / "zero.yaml", 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    except (PermissionError, AttributeError):
        pytest.skip("creating a device needs root")
    with time_limit(30):
        code, out = check(workspace)
    assert code == 0 and "journeys/zero.yaml:1:1: warning CX015 a device" in out


@posix_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_settings_file_that_is_a_fifo_is_an_error(workspace: Path) -> None:
    (workspace / "cxdsl.yaml").unlink()
    os.mkfifo(workspace / "cxdsl.yaml")
    with time_limit(30):
        code, out = check(workspace)
    assert code == 1 and "cxdsl.yaml:1:1: error CX013 cxdsl.yaml a FIFO" in out


@posix_only
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads files whatever their permissions",
)
def test_unreadable_file_is_located(workspace: Path) -> None:
    path = workspace / "journeys" / "catalog.yaml"
    path.chmod(0)
    try:
        code, out = check(workspace)
    finally:
        path.chmod(0o644)
    assert code == 1
    assert "journeys/catalog.yaml:1:1: error CX005 cannot read file: Permission denied" in out


@posix_only
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root lists folders whatever their permissions",
)
def test_unreadable_folder_is_located(workspace: Path) -> None:
    folder = workspace / "journeys" / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        code, out = check(workspace)
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert "journeys/locked:1:1: error CX005 cannot read folder: Permission denied" in out


def test_folder_named_like_a_model_file(workspace: Path) -> None:
    folder = workspace / "journeys" / "x.yaml"
    folder.mkdir()
    (folder / "c.yaml").write_text("kind: channel\nid: inner\nname: I\ntype: digital\n")
    code, out = check(workspace)
    assert code == 1
    assert "journeys/x.yaml:1:1: error CX005 'x.yaml' is a folder, not a file" in out
    assert "checked 5 files: 1 error" in out  # and the files inside it are still checked


def test_settings_file_that_is_a_folder(workspace: Path) -> None:
    (workspace / "cxdsl.yaml").unlink()
    (workspace / "cxdsl.yaml").mkdir()
    code, out = check(workspace)
    assert code == 1 and "cxdsl.yaml:1:1: error CX005 'cxdsl.yaml' is a folder, not a file" in out


@pytest.mark.parametrize(
    ("codec", "bom", "name", "iconv"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 (little-endian)", "UTF-16LE"),
        ("utf-16-le", b"", "UTF-16 (little-endian)", "UTF-16LE"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 (big-endian)", "UTF-16BE"),
        ("utf-16-be", b"", "UTF-16 (big-endian)", "UTF-16BE"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32 (little-endian)", "UTF-32LE"),
        ("utf-32-be", b"", "UTF-32 (big-endian)", "UTF-32BE"),
    ],
)
def test_utf16_and_utf32_are_named_with_how_to_fix(
    workspace: Path, codec: str, bom: bytes, name: str, iconv: str
) -> None:
    (workspace / "journeys" / "wide.yaml").write_bytes(
        bom + "kind: channel\nid: w\nname: {ar: واسع, en: Wide}\ntype: digital\n".encode(codec)
    )
    code, out = check(workspace)
    assert code == 1
    assert (
        f"journeys/wide.yaml:1:1: error CX005 the file is {name} text; model files are "
        f"UTF-8 (save it as UTF-8: your editor's 'save with encoding', or iconv -f {iconv} "
        "-t UTF-8 FILE > NEW-FILE)" in out
    )
    assert "binary" not in out


def test_utf8_with_a_byte_order_mark_is_fine(workspace: Path) -> None:
    path = workspace / "journeys" / "catalog.yaml"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert check(workspace)[0] == 0


@posix_only
@pytest.mark.parametrize("target", [".git/config", ".env", "journeys/.private/c.yaml"])
def test_link_to_a_hidden_file_of_the_workspace_is_refused(workspace: Path, target: str) -> None:
    # actions/checkout leaves the job's token in .git/config; discovery never reads
    # hidden files, and a link must not be a way around that.
    hidden = workspace / target
    hidden.parent.mkdir(parents=True, exist_ok=True)
    hidden.write_text(SECRET, encoding="utf-8")
    (workspace / "journeys" / "x.yaml").symlink_to(hidden)
    code, out = check(workspace)
    assert code == 1
    assert (
        "journeys/x.yaml:1:1: error CX014 'journeys/x.yaml' is a symbolic link to a file "
        f"hidden in the workspace ({target}); refused unread" in out
    )
    assert "TOP-SECRET" not in out and "leaked" not in out
