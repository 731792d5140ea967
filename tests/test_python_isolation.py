"""Python model files run in a bounded child process and hand back plain data.

Each test writes hostile model files into a copy of the base fixture workspace and checks
what cxdsl reports: a located CX011, valid output, the rest of the workspace still checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl.api import Journey, Persona, Segment
from cxdsl.cli import main
from cxdsl.loading import load_workspace
from cxdsl.loading._python_worker import entity_payload
from cxdsl.loading.python_files import _validate, shown_output

from .conftest import REPO, make_workspace
from .test_properties import journeys, personas, segments

CXDSL = Path(sys.executable).parent / "cxdsl"
#: A journey that breaks rule CX203 (no persona): it proves the file's entities were checked.
NO_PERSONA = """
journey = Journey(id="{id}", title="Extra", stages=[
    Stage(id="s1", title="Stage", steps=[Step(id="a", title="Step", channel="portal")])])
"""
HEADER = "from cxdsl.api import Journey, Stage, Step, Channel\n"


def workspace_with(tmp_path: Path, files: dict[str, str], timeout: float | None = None) -> Path:
    ws = make_workspace(tmp_path)
    settings_file = ws / "cxdsl.yaml"
    text = settings_file.read_text(encoding="utf-8")
    if "allow_python" not in text:
        text += "allow_python: true\n"
    if timeout is not None:
        text += f"python_timeout: {timeout}\n"
    settings_file.write_text(text, encoding="utf-8")
    for name, body in files.items():
        (ws / "journeys" / name).write_text(body, encoding="utf-8")
    return ws


def check(ws: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(ws), *args])
    return result.exit_code, result.output


def check_json(ws: Path) -> tuple[int, dict[str, Any], str]:
    """``cxdsl check --format json`` as a real command: its fds 1 and 2 are the real ones."""
    done = subprocess.run(
        [str(CXDSL), "check", str(ws), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, json.loads(done.stdout), done.stderr


def lines_of(output: str, file: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"journeys/{file}:")]


def test_infinite_loop_is_stopped_at_the_limit_and_the_rest_is_checked(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        {
            "loop.py": HEADER + "x = 0\nwhile True: x += 1\n",
            "extra.py": HEADER + NO_PERSONA.format(id="extra"),
        },
        timeout=1,
    )
    start = time.monotonic()
    code, output = check(ws)
    assert time.monotonic() - start < 5
    assert code == 1
    [loop] = lines_of(output, "loop.py")
    assert loop.startswith(
        "journeys/loop.py:3:1: error CX011 Python model file did not "
        "finish within 1 s (python_timeout in cxdsl.yaml)"
    ), loop
    assert "CX203 journey 'extra' has no persona" in output


def test_a_loop_inside_one_c_call_is_stopped_too(tmp_path: Path) -> None:
    # A single bytecode that runs for minutes: no Python-level signal handler could run.
    ws = workspace_with(tmp_path, {"big.py": "x = 7 ** (7 ** 11)\n"}, timeout=1)
    start = time.monotonic()
    code, output = check(ws)
    assert time.monotonic() - start < 5
    assert code == 1
    assert "journeys/big.py:1:1: error CX011 Python model file did not finish" in output


def test_os_exit_is_a_finding_and_json_stays_valid(tmp_path: Path) -> None:
    ws = workspace_with(tmp_path, {"bye.py": HEADER + "import os\nprint('bye')\nos._exit(0)\n"})
    code, report, stderr = check_json(ws)
    assert code == 1, stderr
    [finding] = [d for d in report["diagnostics"] if d["file"] == "journeys/bye.py"]
    assert finding["code"] == "CX011" and finding["severity"] == "error"
    assert finding["message"] == (
        "Python model file ended without handing back its entities (exit code 0); it printed: bye"
    )


def test_signals_and_sys_exit_are_findings(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        {
            "killed.py": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
            "exits.py": "import sys\nsys.exit(0)\n",
        },
    )
    code, output = check(ws)
    assert code == 1
    assert (
        "journeys/killed.py:1:1: error CX011 Python model file ended without handing back "
        "its entities (killed by signal SIGKILL)"
    ) in output
    assert "journeys/exits.py:2:1: error CX011 Python model file raised SystemExit: 0" in output


def test_a_flood_of_output_never_reaches_cxdsl_output(tmp_path: Path) -> None:
    flood = (
        "import os, sys\nos.write(1, b'{\"raw\": 1}\\n')\nos.write(2, b'to stderr\\n')\n"
        "sys.stdout.write('\\x1b[31m' + 'x' * 50_000_000)\n"
        + HEADER
        + NO_PERSONA.format(id="flooded")
    )
    ws = workspace_with(tmp_path, {"flood.py": flood})
    code, report, stderr = check_json(ws)
    assert code == 1 and stderr == ""
    # The file worked, so its output is not shown; its journey was checked.
    assert [d["code"] for d in report["diagnostics"]] == ["CX203"]


def test_output_of_a_failing_file_is_a_truncated_note(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        {
            "noisy.py": "import sys\nprint('\\x1b[31mred\\u202e')\n"
            "sys.stdout.write('x' * 50_000_000)"
            "\nraise ValueError('boom')\n"
        },
    )
    code, report, _ = check_json(ws)
    assert code == 1
    [finding] = report["diagnostics"]
    message = finding["message"]
    assert (finding["file"], finding["line"]) == ("journeys/noisy.py", 4)
    assert message.startswith(
        "Python model file raised ValueError: boom; it printed: \\x1b[31mred\\u202e\\nxxx"
    )
    assert message.endswith("… (50,000,012 bytes in all)")
    assert len(message) < 1200


def test_model_construct_cannot_skip_validation(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        {
            "construct.py": HEADER
            + (
                "journey = Journey.model_construct(\n"
                "    id='sneaky', title={'en': {'nested': 'map'}}, persona='noura', stages=[])\n"
                "sms = Channel(id='sms', name='SMS', type='messaging')\n"
                "sms.type = 'pigeon'\n"
            )
        },
    )
    code, output = check(ws)
    assert code == 1
    assert lines_of(output, "construct.py") == [
        "journeys/construct.py:2:11: error CX011 invalid value for 'title': expected text, or "
        "a mapping of language code to text ({en: ..., ar: ...}) (it was built without "
        "validation: model_construct, or a field assigned after the object was made)",
        "journeys/construct.py:4:7: error CX011 invalid value for 'type': input should be "
        "'digital', 'mobile', 'physical', 'phone', 'messaging', 'self_service', 'partner' or "
        "'other' (it was built without validation: model_construct, or a field assigned "
        "after the object was made)",
    ]


def test_monkeypatching_cxdsl_in_a_file_changes_nothing(tmp_path: Path) -> None:
    patcher = (
        "import cxdsl.loading.python_files as p, pydantic\n"
        "from cxdsl.rules.registry import registry\n"
        "registry.rules.clear()\n"
        "p._validate = lambda *a: ([], [], set())\n"
        "pydantic.BaseModel.model_validate = classmethod(lambda cls, data: data)\n"
        + HEADER
        + NO_PERSONA.format(id="first")
    )
    ws = workspace_with(
        tmp_path, {"a.py": patcher, "b.py": HEADER + NO_PERSONA.format(id="second")}
    )
    code, output = check(ws)
    assert code == 1
    assert "journeys/a.py:8:11: error CX203 journey 'first' has no persona" in output
    assert "journeys/b.py:3:11: error CX203 journey 'second' has no persona" in output


def test_memory_hog_is_stopped(tmp_path: Path) -> None:
    ws = workspace_with(tmp_path, {"hog.py": "x = 1\nblob = bytearray(64 * 1024 ** 3)\n"})
    code, output = check(ws)
    assert code == 1
    assert "journeys/hog.py:2:1: error CX011 Python model file exceeded the memory limit" in output


def test_worker_is_shared_and_survives_a_crash(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        {f"f{i}.py": HEADER + NO_PERSONA.format(id=f"j{i}") for i in range(5)}
        | {"crash.py": "import os\nos.kill(os.getppid(), 9)\n"},
    )
    code, output = check(ws)
    assert code == 1
    assert output.count("CX203") == 5
    assert "journeys/crash.py:1:1: error CX011" in output


def test_checks_from_several_threads_share_the_worker(tmp_path: Path) -> None:
    # The mkdocs plugin may check from a server thread while another check runs.
    ws = workspace_with(
        tmp_path, {f"f{i}.py": HEADER + NO_PERSONA.format(id=f"j{i}") for i in range(3)}
    )
    results: list[list[str]] = []

    def load() -> None:
        workspace, _ = load_workspace(ws)
        results.append(sorted(d.id for d in workspace.documents if d.file.endswith(".py")))

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [["j0", "j1", "j2"]] * 3


def test_example_workspace_loads_the_same_as_in_process() -> None:
    workspace, issues = load_workspace(REPO)
    assert issues == []
    [doc] = [d for d in workspace.documents if d.file == "journeys/file-complaint.py"]
    namespace: dict[str, Any] = {}
    path = REPO / "journeys" / "file-complaint.py"
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    assert doc.entity == namespace["journey"]
    assert doc.entity.model_fields_set == namespace["journey"].model_fields_set
    assert doc.line == 35


def test_output_is_shown_on_one_line() -> None:
    assert shown_output("a\nb\u200f\x00", 5) == "a\\nb\\u200f\\x00"
    assert shown_output("abc", 10) == "abc … (10 bytes in all)"


@settings(max_examples=100, deadline=None)
@given(st.lists(journeys | personas | segments, min_size=1, max_size=3))
def test_plain_data_validates_back_equal(entities: list[Journey | Persona | Segment]) -> None:
    payload = json.loads(json.dumps([entity_payload(e) for e in entities]))
    docs, issues, broken = _validate(payload, "x.py", {})
    assert issues == [] and broken == set()
    assert [d.entity for d in docs] == entities
