"""Mutation fuzzing: random edits of the example workspace never crash ``cxdsl check``.

Hypothesis picks a file of the example workspace (this repository) and applies a few
edits a careless or hostile author could make: delete, duplicate or swap lines, turn a
number into a string or a list into a mapping, give a key another value, indent a
line more or less, truncate, insert a tab, a NUL, a bidi
control, a lone surrogate and similar. Whatever the edit, ``cxdsl check`` must exit 0 or
1, never print a traceback, give every diagnostic a file and a line, and finish within
seconds.

The copy leaves out the Python model file (``journeys/file-complaint.py``) and the check
runs with ``--no-python``: Python model files run in a child process, which would make each
example far slower without fuzzing anything the YAML loader does not already see.

25 examples by default (a few seconds); ``CXDSL_FUZZ_EXAMPLES=500`` for a longer run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxdsl.cli import main

from .conftest import REPO

EXAMPLES = int(os.environ.get("CXDSL_FUZZ_EXAMPLES", "25"))
#: What an edit inserts: layout characters, characters a loader must refuse, YAML syntax.
INSERTS = [
    "\t",
    "\x00",
    "\u202e",
    "\u2066",
    "\u200f",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\r",
    "\x85",
    "\u2028",
    "\x1b[2J",
    "\x7f",
    "\uffff",
    "\U0010ffff",
    ": ",
    "- ",
    "  ",
    "#",
    "---\n",
    "...\n",
    "&anchor ",
    "*anchor",
    "!!python/object/apply:os.system ",
    "!!binary ",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    "|\n",
    ">-\n",
    "? ",
    "%YAML 1.1\n",
    "<script>",
    "9" * 400,
    "نورة",
]
#: What a number becomes.
NOT_NUMBERS = [
    '"7"',
    "seven",
    "'-1'",
    ".nan",
    ".inf",
    "1e999",
    "-0",
    "0x1F",
    "0o17",
    "99999999999999999999999999",
    "null",
    "~",
    "[]",
    "{}",
    "true",
    '""',
]
#: What the value of a ``key: value`` line becomes.
VALUES = [
    "",
    "null",
    "[]",
    "{}",
    "x",
    "-5",
    "0",
    "1.5",
    "true",
    "{en: x}",
    "{xx: y}",
    "[a, b]",
    "[[a]]",
    "{a: {b: c}}",
    "noura-cafe-founder",
    "web-portal",
    "issue-commercial-licence",
    "2025-13-45",
    '"\\u202e"',
    "'<img src=x onerror=alert(1)>'",
]
NUMBER = re.compile(r"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.-])")
FLOW_LIST = re.compile(r"\[([^\[\]\n]*)\]")
BLOCK_ITEM = re.compile(r"^(\s*)- ", re.MULTILINE)
KEY_VALUE = re.compile(r"^(\s*(?:- )?[\w-]+:)[ \t]*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Edit:
    """One edit: what it does, where (positions are taken modulo the text's size)."""

    kind: str
    at: int = 0
    other: int = 0
    value: str = ""

    def apply(self, text: str) -> str:
        lines = text.splitlines(keepends=True)
        if self.kind in ("delete", "duplicate", "swap") and not lines:
            return text
        i, j = self.at % max(len(lines), 1), self.other % max(len(lines), 1)
        if self.kind == "delete":
            del lines[i]
        elif self.kind == "duplicate":
            lines.insert(i, lines[i])
        elif self.kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif self.kind == "number":
            return _replace_nth(NUMBER, text, self.at, lambda _m: self.value)
        elif self.kind == "flow-list":
            return _replace_nth(FLOW_LIST, text, self.at, lambda m: "{" + m.group(1) + "}")
        elif self.kind == "block-list":
            return _replace_nth(BLOCK_ITEM, text, self.at, lambda m: m.group(1) + "key: ")
        elif self.kind == "value":
            return _replace_nth(KEY_VALUE, text, self.at, lambda m: f"{m.group(1)} {self.value}")
        elif self.kind == "indent":
            lines[i] = (
                lines[i][2:] if lines[i].startswith("  ") and self.other % 2 else ("  " + lines[i])
            )
        elif self.kind == "truncate":
            return text[: self.at % (len(text) + 1)]
        elif self.kind == "insert":
            at = self.at % (len(text) + 1)
            return text[:at] + self.value + text[at:]
        return "".join(lines)


def _replace_nth(
    pattern: re.Pattern[str], text: str, n: int, replacement: Callable[[re.Match[str]], str]
) -> str:
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    m = matches[n % len(matches)]
    return text[: m.start()] + replacement(m) + text[m.end() :]


positions = st.integers(min_value=0, max_value=1_000_000)
edits = st.one_of(
    st.builds(
        Edit,
        st.sampled_from(["delete", "duplicate", "flow-list", "block-list", "truncate"]),
        positions,
    ),
    st.builds(Edit, st.sampled_from(["swap", "indent"]), positions, positions),
    st.builds(Edit, st.just("value"), positions, st.just(0), st.sampled_from(VALUES)),
    st.builds(Edit, st.just("number"), positions, st.just(0), st.sampled_from(NOT_NUMBERS)),
    st.builds(Edit, st.just("insert"), positions, st.just(0), st.sampled_from(INSERTS)),
)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example workspace without its Python model file."""
    ws = tmp_path_factory.mktemp("fuzz") / "example"
    ws.mkdir()
    for name in ("cxdsl.yaml", "mkdocs.yml", "docs", "personas", "journeys"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, ws / name, ignore=shutil.ignore_patterns("*.py"))
        else:
            shutil.copyfile(src, ws / name)
    return ws


def model_files(*paths: Path) -> list[str]:
    found = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*.yaml"))]
    return sorted(p.relative_to(REPO).as_posix() for p in found)


#: Every YAML file of the example workspace, settings and mkdocs.yml (check reads it) included.
FILES = [*model_files(REPO / "personas", REPO / "journeys", REPO / "cxdsl.yaml"), "mkdocs.yml"]


def check(ws: Path) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--no-python", str(ws)], env={"CXDSL_DEBUG": ""}
    )
    return result.exit_code, result.output, result.exception


def test_the_unedited_copy_is_clean(example: Path) -> None:
    code, out, _ = check(example)
    assert code == 0, out


@settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=5),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rel=st.sampled_from(FILES), changes=st.lists(edits, min_size=1, max_size=3))
def test_edited_workspace_never_crashes(example: Path, rel: str, changes: list[Edit]) -> None:
    path = example / rel
    original = path.read_bytes()
    text = original.decode("utf-8")
    for change in changes:
        text = change.apply(text)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        code, out, exc = check(example)
    finally:
        path.write_bytes(original)
    assert "Traceback" not in out
    assert code in (0, 1), f"exit {code} ({exc!r}) for {rel} after {changes}:\n{out[-2000:]}"
    payload = json.loads(out)
    for diag in payload["diagnostics"]:
        assert diag["file"] and isinstance(diag["line"], int) and diag["line"] >= 1, diag
        assert (example / diag["file"]).exists() or diag["file"] in ("cxdsl.yaml", "mkdocs.yml"), (
            diag
        )


@pytest.mark.parametrize("value", ["[a, b]", "{xx: y}", "[]"])
def test_found_default_emotion_scale_that_is_not_a_name(example: Path, value: str) -> None:
    path = example / "cxdsl.yaml"
    original = path.read_bytes()
    text = original.decode("utf-8")
    assert "\ndefault_emotion_scale: feelings\n" in text
    path.write_text(
        text.replace("\ndefault_emotion_scale: feelings\n", f"\ndefault_emotion_scale: {value}\n"),
        encoding="utf-8",
    )
    try:
        code, out, _ = check(example)
    finally:
        path.write_bytes(original)
    assert code == 1 and '"code": "CX013"' in out, out
