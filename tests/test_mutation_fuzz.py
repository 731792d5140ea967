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

Measured results are fuzzed the same way: the copy gets three datasets (survey responses,
analytics events, reported figures) under ``results/fuzz/``; their YAML takes the edits
above, their CSV files take byte edits (a flipped byte, a truncation, an inserted quote,
delimiter, line break, BOM or invalid UTF-8, a line deleted or duplicated). However damaged,
the data make ``cxdsl check`` report CX3xx diagnostics (exit 0 or 1), never crash.

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
    """A copy of the example workspace's model without its Python model file (and
    without its measured results: the dataset tests below bring small ones of their own)."""
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


# Measured results: datasets laid over the example workspace, their YAML and CSV damaged.

FUZZ = "results/fuzz"
DATASETS = f"""\
kind: dataset
id: fuzz-answers
instrument: post-service-survey
journey: issue-commercial-licence
source: {FUZZ}/answers.csv
columns:
  phone: {{personal: true}}
  comment: {{column: remarks, personal: true}}
---
kind: dataset
id: fuzz-events
shape: events
instrument: portal-funnel
journey: issue-commercial-licence
source: {FUZZ}/events.csv
events: {{started: fill-application, uploaded: upload-documents, paid: pay-fees}}
end_event: paid
---
kind: dataset
id: fuzz-reported
shape: reported
metric: csat
journey: issue-commercial-licence
source: {FUZZ}/reported.csv
delimiter: ";"
"""
ANSWERS = (
    "response_id,submitted_at,step,channel,segment,language,csat,nps,ces,phone,remarks\n"
    + "".join(
        f"r{i},2025-{i % 12 + 1:02d}-{i % 27 + 1:02d}T10:{i % 60:02d}:00,receive-licence,sms,"
        f"{('smes', 'citizens', 'residents')[i % 3]},{('ar', 'en')[i % 2]},{i % 5 + 1},"
        f'{i % 11},{i % 7 + 1},+96650000{i:04d},"fine, thanks\nنعم"\n'
        for i in range(1, 25)
    )
)
EVENTS = "case,event,submitted_at\n" + "".join(
    f"c{i},{event},2025-0{i % 9 + 1}-1{j}T09:0{j}:00\n"
    for i in range(1, 9)
    for j, event in enumerate(("started", "uploaded", "paid")[: 1 + i % 3])
)
REPORTED = "period;value;n;ci_low;ci_high\n2025-Q1;78.5;710;75.2;81.5\n2025-Q2;81;688;;\n"
CSV_FILES = {"answers.csv": ANSWERS, "events.csv": EVENTS, "reported.csv": REPORTED}

#: What a byte edit inserts: CSV syntax, line ends, encodings a reader must refuse.
BYTES = [
    b'"',
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b'\n"',
    b'""',
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3",
    b"\xed\xa0\x80",
    "\u202e".encode(),
    "نعم".encode(),
    b"9" * 400,
    b"1e999",
    b"NaN",
    b"-0",
    b"2999-01-01T00:00:00",
    b"0000-00-00",
    b"=cmd|' /C calc'!A0",
    b"<script>alert(1)</script>",
    b"x" * 70_000,
]


@dataclass(frozen=True)
class ByteEdit:
    """One edit of a file's bytes (positions are taken modulo the file's size)."""

    kind: str
    at: int = 0
    other: int = 0
    value: bytes = b""

    def apply(self, data: bytes) -> bytes:
        at = self.at % (len(data) + 1)
        if self.kind == "flip" and data:
            i = self.at % len(data)
            return data[:i] + bytes([data[i] ^ (self.other % 255 + 1)]) + data[i + 1 :]
        if self.kind == "truncate":
            return data[:at]
        if self.kind == "insert":
            return data[:at] + self.value + data[at:]
        if self.kind == "cut":
            return data[:at] + data[at + self.other % 64 :]
        lines = data.splitlines(keepends=True)
        if self.kind == "line" and lines:
            i = self.at % len(lines)
            kept = lines[:i] + lines[i + 1 :] if self.other % 2 else lines[: i + 1] + lines[i:]
            return b"".join(kept)
        return data


byte_edits = st.one_of(
    st.builds(ByteEdit, st.sampled_from(["flip", "cut", "line"]), positions, positions),
    st.builds(ByteEdit, st.just("truncate"), positions),
    st.builds(ByteEdit, st.just("insert"), positions, st.just(0), st.sampled_from(BYTES)),
)


@pytest.fixture(scope="module")
def measured(example: Path) -> Path:
    """The example copy with three datasets of its measurement plan under results/fuzz/."""
    folder = example / FUZZ
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datasets.yaml").write_text(DATASETS, encoding="utf-8")
    for name, text in CSV_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return example


def assert_checked(ws: Path, what: str) -> None:
    """cxdsl check exits 0 or 1, prints JSON, and locates every diagnostic in a file."""
    code, out, exc = check(ws)
    assert "Traceback" not in out
    assert code in (0, 1), f"exit {code} ({exc!r}) for {what}:\n{out[-2000:]}"
    for diag in json.loads(out)["diagnostics"]:
        assert diag["file"] and isinstance(diag["line"], int) and diag["line"] >= 1, diag


def test_the_datasets_are_read_clean(measured: Path) -> None:
    code, out, _ = check(measured)
    assert code == 0, out
    # The data are a handful of rows: fewer than the plan's samples (CX312), nothing else.
    found = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert {c for c in found if c.startswith("CX3")} <= {"CX312"}, out


def _fuzz_settings(test: Callable[..., None]) -> Callable[..., None]:
    return settings(
        max_examples=EXAMPLES,
        deadline=timedelta(seconds=10),
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )(test)


@_fuzz_settings
@given(changes=st.lists(edits, min_size=1, max_size=3))
def test_edited_dataset_never_crashes(measured: Path, changes: list[Edit]) -> None:
    path = measured / FUZZ / "datasets.yaml"
    original = path.read_bytes()
    text = original.decode("utf-8")
    for change in changes:
        text = change.apply(text)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        assert_checked(measured, f"datasets.yaml after {changes}")
    finally:
        path.write_bytes(original)


@_fuzz_settings
@given(
    name=st.sampled_from(sorted(CSV_FILES)), changes=st.lists(byte_edits, min_size=1, max_size=4)
)
def test_damaged_csv_never_crashes(measured: Path, name: str, changes: list[ByteEdit]) -> None:
    path = measured / FUZZ / name
    original = path.read_bytes()
    data = original
    for change in changes:
        data = change.apply(data)
    path.write_bytes(data)
    try:
        assert_checked(measured, f"{name} after {changes}")
    finally:
        path.write_bytes(original)
