"""Hostile and broken input: always a located diagnostic, never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cxdsl.cli import main


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
        b"kind: channel\nid: c\nname: caf\xe9\ntype: digital\n")
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
        "type: digital\n")
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
        result.output)
    assert not marker.exists()


def test_not_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_missing_settings_file(tmp_path: Path) -> None:
    code, out = check(tmp_path)
    assert code == 1 and "cxdsl.yaml:1:1: error CX013 no cxdsl.yaml in the workspace" in out
