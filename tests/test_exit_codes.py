"""The exit-code contract: 0 clean, 1 findings, 2 usage error or failure.

A failure of cxdsl or of anything it calls (file system, mkdocs, a bug) is one line
``cxdsl: error: ...`` on stderr and exit 2; the traceback only with ``--debug`` or
``CXDSL_DEBUG=1``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from cxdsl import cli
from cxdsl.cli import main
from cxdsl.errors import CxdslError, InternalError, one_line
from cxdsl.rules import load_rules

from .conftest import REPO, make_workspace

HAS_PROC = Path("/proc").is_dir() and sys.platform.startswith("linux")
needs_proc = pytest.mark.skipif(not HAS_PROC, reason="needs /proc (a folder nobody can write)")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env or {"CXDSL_DEBUG": ""})


def assert_one_line_failure(result: Result, *needles: str) -> str:
    """Exit 2, stderr exactly one line ``cxdsl: error: ...`` holding every needle."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cxdsl: error: "), lines[0]
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.fixture
def broken_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A rule with a bug: its check raises."""
    rule = next(r for r in load_rules().rules if r.code == "CX201")

    def boom(_self: object, _ctx: object) -> Iterator[object]:
        raise ZeroDivisionError("division by zero in a rule")

    monkeypatch.setattr(type(rule), "check", boom)
    yield


# --- the failures the issue found ----------------------------------------------------------


@needs_proc
def test_schema_into_an_unwritable_folder() -> None:
    line = assert_one_line_failure(run("schema", "--out", "/proc/nope"), "/proc/nope")
    assert line == ("cxdsl: error: cannot write the schemas: /proc/nope: No such file or directory")


@needs_proc
def test_init_in_an_unwritable_folder() -> None:
    assert_one_line_failure(run("init", "/proc/x"), "/proc/x")


@needs_proc
def test_build_into_an_unwritable_folder(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    assert_one_line_failure(run("build", str(ws), "--out", "/proc/nope"), "/proc/nope")


@needs_proc
def test_render_into_an_unwritable_folder(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    assert_one_line_failure(run("render", str(ws), "--out", "/proc/nope"), "/proc/nope")


@needs_proc
def test_new_in_an_unwritable_workspace() -> None:
    assert_one_line_failure(
        run("new", "journey", "x", "--path", "/proc"), "cannot write the new journey: /proc/"
    )


def test_outputs_under_a_file_fail_cleanly(tmp_path: Path) -> None:
    """The same, portable: the output folder would sit under a regular file."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_one_line_failure(run("schema", "--out", str(blocker / "sub")), str(blocker))
    assert_one_line_failure(run("init", str(blocker / "ws")), str(blocker))


# --- a bug inside cxdsl --------------------------------------------------------------------


@pytest.mark.usefixtures("broken_rule")
def test_internal_error_is_one_line_exit_2() -> None:
    line = assert_one_line_failure(
        run("check", str(REPO)), "internal error", "CX201", "ZeroDivisionError", "--debug"
    )
    assert "division by zero in a rule" in line


@pytest.mark.usefixtures("broken_rule")
def test_debug_option_shows_the_traceback() -> None:
    result = run("--debug", "check", str(REPO))
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: division by zero in a rule" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("cxdsl: error: internal error: ")


@pytest.mark.usefixtures("broken_rule")
@pytest.mark.parametrize("value", ["1", "true"])
def test_debug_variable_shows_the_traceback(value: str) -> None:
    result = run("check", str(REPO), env={"CXDSL_DEBUG": value})
    assert result.exit_code == 2 and "Traceback (most recent call last)" in result.stderr


@pytest.mark.usefixtures("broken_rule")
def test_debug_variable_zero_means_off() -> None:
    assert_one_line_failure(run("check", str(REPO), env={"CXDSL_DEBUG": "0"}))


# --- every kind of exception a library can raise -------------------------------------------


def failing_check(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    monkeypatch.setattr(cli, "check_workspace", fail)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            PermissionError(13, "Permission denied", "journeys/secret.yaml"),
            "cxdsl: error: journeys/secret.yaml: Permission denied",
        ),
        (
            FileNotFoundError(2, "No such file or directory", "site/index.html"),
            "cxdsl: error: site/index.html: No such file or directory",
        ),
        (
            OSError(18, "Invalid cross-device link", "a.yaml", None, "b.yaml"),
            "cxdsl: error: a.yaml -> b.yaml: Invalid cross-device link",
        ),
        (IsADirectoryError(21, "Is a directory"), "cxdsl: error: Is a directory"),
        (
            RecursionError("maximum recursion depth exceeded"),
            "cxdsl: error: the input is nested too deeply to process (RecursionError)",
        ),
        (MemoryError(), "cxdsl: error: out of memory"),
        (
            CxdslError("mkdocs.yml: theme 'nonexistent' is not installed"),
            "cxdsl: error: mkdocs.yml: theme 'nonexistent' is not installed",
        ),
        (InternalError("a bug"), "cxdsl: error: internal error: a bug"),
        (
            click.ClickException("Config value 'theme': Unrecognised theme name: 'x'."),
            "cxdsl: error: Config value 'theme': Unrecognised theme name: 'x'.",
        ),
        (SystemExit("a library gave up"), "cxdsl: error: a library gave up"),
        (
            ValueError("line one\nline two\x1b[2J\u202e"),
            "cxdsl: error: internal error: ValueError: line one line two\\x1b[2J\\u202e",
        ),
    ],
)
def test_any_exception_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, exc: BaseException, expected: str
) -> None:
    failing_check(monkeypatch, exc)
    line = assert_one_line_failure(run("check", str(REPO)))
    assert line.startswith(expected), line


def test_mkdocs_errors_exit_2_not_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs' exceptions are ClickExceptions with exit code 1 (its Abort is a SystemExit)."""
    from mkdocs.exceptions import Abort, ConfigurationError

    for exc in (
        ConfigurationError("Unrecognised theme name: 'nonexistent'."),
        Abort("Aborted with 2 warnings in strict mode!"),
    ):
        failing_check(monkeypatch, exc)
        line = assert_one_line_failure(run("check", str(REPO)))
        assert line == f"cxdsl: error: {exc.format_message()}"


def test_exit_codes_from_commands_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    for code in (0, 1, 2, 3):
        failing_check(monkeypatch, SystemExit(code))
        result = run("check", str(REPO))
        assert (result.exit_code, result.stderr) == (code, "")


def test_ctrl_c_is_exit_130_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    failing_check(monkeypatch, KeyboardInterrupt())
    result = run("check", str(REPO))
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert result.stderr.strip() == "cxdsl: interrupted"


def test_usage_errors_keep_clicks_message() -> None:
    result = run("check", "--bogus")
    assert result.exit_code == 2 and "No such option '--bogus'" in result.stderr
    result = run("check", "/nonexistent/workspace")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert run("--version").exit_code == 0
    assert run("check", "--help").exit_code == 0


def test_findings_are_1_and_clean_is_0(workspace: Path) -> None:
    assert run("check", str(workspace)).exit_code == 0
    (workspace / "journeys" / "x.yaml").write_text("kind: channel\nid: x\nname: X\ntype: fax\n")
    assert run("check", str(workspace)).exit_code == 1


def test_one_line_bounds_and_escapes() -> None:
    assert one_line("a\r\nb\u2028c\x85d") == "a b c d"
    assert one_line("x" * 5000).endswith("…") and len(one_line("x" * 5000)) == 1000
    assert one_line("\u0646\u0648\u0631\u0629 \u202b") == "\u0646\u0648\u0631\u0629 \\u202b"
    assert one_line("  ") == "unknown error"


# --- the real program: stderr is one line ---------------------------------------------------


def cxdsl_executable() -> list[str]:
    script = Path(sys.executable).parent / "cxdsl"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cxdsl"]


def test_real_process_prints_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = "/proc/nope" if HAS_PROC else str(blocker / "sub")
    env = {k: v for k, v in os.environ.items() if k != "CXDSL_DEBUG"}
    done = subprocess.run(
        [*cxdsl_executable(), "schema", "--out", target],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("cxdsl: error: "), done.stderr
    assert target in done.stderr

    env["CXDSL_DEBUG"] = "1"
    done = subprocess.run(
        [*cxdsl_executable(), "schema", "--out", target],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "Traceback (most recent call last)" in done.stderr


def test_a_diagram_graphviz_cannot_draw_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil as sh

    from cxdsl.render import pipeline

    if sh.which("dot") is None:
        pytest.skip("needs Graphviz")

    def crash(_diagram: object) -> str:
        raise OSError(5, "Input/output error", "dot")

    monkeypatch.setattr(pipeline, "_render", crash)
    ws = make_workspace(tmp_path)
    result = run("render", str(ws), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("cxdsl: error: diagram ") for line in lines), lines
