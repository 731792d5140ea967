"""Fixes, ruff-style: the comma trap and a misspelt key, repaired by ``cxdsl check --fix``.

Every expected text here is the original with the one repair written out by hand: a fix
changes what it names and not one byte more.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.diagnostics import Diagnostic, Edit, Fix, Severity
from cxdsl.fixes import apply_fixes
from cxdsl.suggest import suggest

from .conftest import FIXTURES, make_workspace

TRAP = FIXTURES / "fix" / "trap"
PILGRIM = "journeys/pilgrim.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(ws: Path, rel: str, text: str) -> Path:
    path = ws / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def findings(ws: Path, rel: str) -> list[Diagnostic]:
    return [d for d in check_workspace(ws).diagnostics if d.span and d.span.file == rel]


def test_check_fix_repairs_the_comma_trap_and_a_misspelt_key(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, TRAP)
    before = (ws / PILGRIM).read_bytes()
    code, out, _ = run("check", str(ws))
    assert code == 1
    assert out.endswith(
        "checked 5 files: 3 errors, 0 warnings (3 fixable with cxdsl check --fix)\n"
    )
    code, out, _ = run("check", "--fix", str(ws))
    assert code == 0, out
    assert out == (
        f"fixed {PILGRIM}:12:35: CX010 quote the en text\n"
        f"fixed {PILGRIM}:17:21: CX010 quote the ar text\n"
        f"fixed {PILGRIM}:18:9: CX010 rename the key to 'channel'\n"
        "fixed 3 findings in 1 file\n"
        "checked 5 files: no problems\n"
    )
    expected = (
        before.decode("utf-8")
        .replace("en: Indonesia, India}", 'en: "Indonesia, India"}')
        .replace("{ar: الحافلة, ثم الفندق,", '{ar: "الحافلة, ثم الفندق",')
        .replace("chanel: kiosk-app", "channel: kiosk-app")
    )
    assert (ws / PILGRIM).read_text(encoding="utf-8") == expected  # comments and all kept
    assert run("check", str(ws))[:2] == (0, "checked 5 files: no problems\n")
    assert not list((ws / "journeys").glob(".*"))  # no temporary file left behind


def test_a_one_word_fragment_gets_the_quoting_hint_naming_its_language(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, TRAP)
    [english, arabic, key] = findings(ws, PILGRIM)
    assert english.message == (
        "the en text of 'stages[0].steps[0].title' was cut at a comma: 'India' became a key"
    )
    assert english.hint == (
        "a comma inside {en: ...} ends the text and starts a new key; put the whole text "
        'in quotes: en: "Indonesia, India"'
    )
    # From the start of the text to the end of its last fragment.
    assert english.span is not None
    assert (english.span.line, english.span.column) == (12, 35)
    assert (english.span.end_line, english.span.end_column) == (12, 51)
    assert arabic.hint is not None and "{ar: ...}" in arabic.hint
    assert arabic.hint.endswith('ar: "الحافلة, ثم الفندق"')
    assert key.hint == "did you mean 'channel'?"


@pytest.mark.parametrize(
    "written,language,repaired",
    [
        # Several commas: every fragment belongs to the one text.
        ("{ar: س, en: Jeddah, Makkah, Madinah}", "en", '{ar: س, en: "Jeddah, Makkah, Madinah"}'),
        # A fragment that looks like a language code, with no value.
        ("{en: Jeddah, bus, ar: س}", "en", '{en: "Jeddah, bus", ar: س}'),
        # A colon after the comma: the fragment has a value, which is text too.
        ("{en: Hello, world: again, ar: س}", "en", '{en: "Hello, world: again", ar: س}'),
        # Double quotes in the text: single quotes keep it exactly.
        ('{en: The "old" way, or not, ar: س}', "en", "{en: 'The \"old\" way, or not', ar: س}"),
        ("{en: it's, so, ar: س}", "en", '{en: "it\'s, so", ar: س}'),
        # Two texts split in one mapping: two findings, two fixes.
        ("{ar: أ, ب, en: a, b}", "ar", '{ar: "أ, ب", en: "a, b"}'),
    ],
)
def test_the_quoted_text_reads_back_as_written(
    tmp_path: Path, written: str, language: str, repaired: str
) -> None:
    ws = make_workspace(tmp_path)
    text = f"kind: channel\nid: sms\nname: {written}\ntype: messaging\n"
    path = write(ws, "journeys/sms.yaml", text)
    [first, *_] = found = findings(ws, "journeys/sms.yaml")
    assert all(d.fix is not None for d in found)
    assert first.message.startswith(f"the {language} text of 'name' was cut at a comma")
    code, out, _ = run("check", "--fix", str(ws))
    assert code == 0, out
    assert path.read_text(encoding="utf-8") == text.replace(written, repaired)


def test_a_text_split_across_lines_gets_the_hint_and_no_fix(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    text = "kind: channel\nid: sms\nname: {ar: س, en: Texts,\n  messages}\ntype: messaging\n"
    write(ws, "journeys/sms.yaml", text)
    [d] = findings(ws, "journeys/sms.yaml")
    assert d.fix is None and d.hint is not None and "{en: ...}" in d.hint
    assert run("check", "--fix", str(ws))[0] == 1
    assert (ws / "journeys/sms.yaml").read_text(encoding="utf-8") == text


def test_a_key_that_is_not_a_language_is_said_so_without_the_comma_hint(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    write(ws, "journeys/sms.yaml", "kind: channel\nid: sms\nname: {english: SMS}\ntype: digital\n")
    [d] = findings(ws, "journeys/sms.yaml")
    assert d.message == "'english' in 'name' is not a language code"
    assert d.hint == "use codes such as en, ar" and d.fix is None


def test_a_misspelt_key_is_renamed_only_when_the_field_meant_is_certain(tmp_path: Path) -> None:
    assert suggest("chanel", ["channel", "emotion"]) is not None
    # 'ab' is as close to 'abc' as to 'abd': a hint, but no rename.
    tie = suggest("ab", ["abc", "abd"])
    assert tie is not None and not tie.unambiguous
    ws = make_workspace(tmp_path)
    text = "kind: channel\nid: sms\nname: SMS\ntype: digital\nname_: again\n"
    write(ws, "journeys/sms.yaml", text)
    [d] = findings(ws, "journeys/sms.yaml")
    assert d.hint == "did you mean 'name'?"
    assert d.fix is None  # the mapping has a 'name' already: a rename would duplicate it


def _edit(line: int, column: int, end_column: int, replacement: str) -> Edit:
    return Edit(
        file="journeys/x.yaml",
        line=line,
        column=column,
        end_line=line,
        end_column=end_column,
        replacement=replacement,
    )


def _diagnostic(*edits: Edit) -> Diagnostic:
    return Diagnostic(
        code="CX010",
        name="document.schema",
        severity=Severity.ERROR,
        message="m",
        fix=Fix(description="d", edits=edits),
    )


def test_edits_keep_a_byte_order_mark_and_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "journeys" / "x.yaml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: \xd8\xb3, c\r\n")  # "b: س, c"
    sources = {"journeys/x.yaml": "a: 1\r\nb: س, c\r\n"}
    applied = apply_fixes(tmp_path, [_diagnostic(_edit(2, 4, 8, '"س, c"'))], sources)
    assert applied.files == ["journeys/x.yaml"] and not applied.skipped
    assert path.read_bytes() == b'\xef\xbb\xbfa: 1\r\nb: "\xd8\xb3, c"\r\n'


def test_overlapping_edits_wait_for_the_next_pass(tmp_path: Path) -> None:
    path = tmp_path / "journeys" / "x.yaml"
    path.parent.mkdir()
    path.write_text("abcdef\n", encoding="utf-8")
    sources = {"journeys/x.yaml": "abcdef\n"}
    first, second = _diagnostic(_edit(1, 1, 4, "X")), _diagnostic(_edit(1, 3, 5, "Y"))
    last = _diagnostic(_edit(1, 6, 7, "Z"))
    applied = apply_fixes(tmp_path, [first, second, last], sources)
    assert applied.fixed == [first, last]
    assert [why for _, why in applied.skipped] == [
        "it overlaps another fix; run cxdsl check --fix again"
    ]
    assert path.read_text(encoding="utf-8") == "XdeZ\n"


def test_a_file_changed_since_the_check_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "journeys" / "x.yaml"
    path.parent.mkdir()
    path.write_text("abc\n", encoding="utf-8")
    applied = apply_fixes(
        tmp_path, [_diagnostic(_edit(1, 1, 2, "X"))], {"journeys/x.yaml": "old\n"}
    )
    assert applied.files == [] and applied.fixed == []
    assert applied.skipped[0][1] == "journeys/x.yaml: changed since it was checked; left alone"
    assert path.read_text(encoding="utf-8") == "abc\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_fix_never_writes_outside_the_workspace(tmp_path: Path) -> None:
    ws, outside = tmp_path / "ws", tmp_path / "outside.yaml"
    (ws / "journeys").mkdir(parents=True)
    outside.write_text("abc\n", encoding="utf-8")
    os.symlink(outside, ws / "journeys" / "x.yaml")
    text = {"journeys/x.yaml": "abc\n", "../outside.yaml": "abc\n"}
    upward = _diagnostic(_edit(1, 1, 2, "X").model_copy(update={"file": "../outside.yaml"}))
    applied = apply_fixes(ws, [_diagnostic(_edit(1, 1, 2, "X")), upward], text)
    assert applied.fixed == [] and applied.files == []
    assert [why for _, why in applied.skipped] == [
        "journeys/x.yaml: the file is outside the workspace; left alone",
        "../outside.yaml: not a path inside the workspace",
    ]
    assert outside.read_text(encoding="utf-8") == "abc\n"


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_file_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes files whatever their permissions")
    ws = make_workspace(tmp_path, TRAP)
    folder = ws / "journeys"
    folder.chmod(0o555)
    try:
        code, _, err = run("check", "--fix", str(ws))
    finally:
        folder.chmod(0o755)
    assert code == 2
    assert f"cxdsl: error: {PILGRIM}: cannot write: Permission denied" in err


def test_machine_formats_keep_stdout_to_themselves(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, TRAP)
    code, out, err = run("check", "--fix", "--format", "json", str(ws))
    assert code == 0
    assert json.loads(out)["diagnostics"] == []
    assert err.endswith("fixed 3 findings in 1 file\n")


def test_json_carries_the_fix(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, TRAP)
    payload = json.loads(run("check", "--format", "json", str(ws))[1])
    english = payload["diagnostics"][0]
    assert english["fix"] == {
        "description": "quote the en text",
        "edits": [
            {
                "file": PILGRIM,
                "line": 12,
                "column": 35,
                "end_line": 12,
                "end_column": 51,
                "replacement": '"Indonesia, India"',
            }
        ],
    }


def test_sarif_carries_the_fix(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, TRAP)
    log = json.loads(run("check", "--format", "sarif", str(ws))[1])
    results = log["runs"][0]["results"]
    key = next(r for r in results if "did you mean 'channel'" in r["message"]["text"])
    assert key["fixes"] == [
        {
            "description": {"text": "rename the key to 'channel'"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": PILGRIM, "uriBaseId": "SRCROOT"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 18,
                                "startColumn": 9,
                                "endLine": 18,
                                "endColumn": 15,
                            },
                            "insertedContent": {"text": "channel"},
                        }
                    ],
                }
            ],
        }
    ]
    assert all("fixes" in r for r in results)


STEP_FILE = """\
from cxdsl.api import Journey, Stage, Step

journey = Journey(
    id="py-journey",
    title={"ar": "رحلة", "en": "Journey"},
    persona="sara",
    stages=[
        Stage(
            id="s",
            title="S",
            steps=[
                Step(id="a", channel="portal", emotion=0,
                     effort={"minuts": 3}, titel="الدخول"),
            ],
        )
    ],
)
"""


def test_a_misspelt_python_keyword_is_found_at_itself_and_renamed(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    path = write(ws, "journeys/arrival.py", STEP_FILE)
    [d] = findings(ws, "journeys/arrival.py")
    assert (d.code, d.message, d.hint) == (
        "CX011",
        "unknown keyword 'titel' for Step",
        "did you mean 'title'?",
    )
    assert d.span is not None and (d.span.line, d.span.column) == (13, 44)
    code, out, _ = run("check", "--fix", str(ws))
    assert code == 0, out
    # The keyword first; the check after it finds the dictionary's key, fixed in pass two.
    assert "fixed journeys/arrival.py:13:44: CX011 rename the keyword to 'title'" in out
    assert "fixed journeys/arrival.py:13:30: CX011 rename the key to 'minutes'" in out
    fixed = STEP_FILE.replace("titel=", "title=").replace('"minuts"', '"minutes"')
    assert path.read_text(encoding="utf-8") == fixed


def test_a_python_error_not_about_a_keyword_keeps_the_call_line(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    text = "from cxdsl.api import Channel\n\nsms = Channel(\n    **{'id': 's', 'type': 'x'})\n"
    write(ws, "journeys/sms.py", text)
    [d] = findings(ws, "journeys/sms.py")
    assert d.code == "CX011" and d.span is not None and d.span.line == 3
    assert d.fix is None


def test_a_file_that_broke_what_locates_keywords_is_still_a_finding_at_its_line(
    tmp_path: Path,
) -> None:
    ws = make_workspace(tmp_path)
    text = (
        "import ast\nfrom cxdsl.api import Channel\n\nast.walk = None\n"
        "sms = Channel(id='sms', name='SMS', typ='digital')\n"
    )
    write(ws, "journeys/sms.py", text)
    [d] = findings(ws, "journeys/sms.py")
    assert d.message == "invalid Channel in Python model file"
    assert d.span is not None and d.span.line == 5 and d.fix is None


def test_other_mappings_in_braces_are_not_taken_for_a_split_text(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    journey = ws / "journeys" / "renew-license.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("emotion: 0", "emotion: {bob: 1, al}"),
        encoding="utf-8",
    )
    [d] = findings(ws, "journeys/renew-license.yaml")
    assert d.message.startswith("invalid value for 'stages[0].steps[0].emotion'")
    assert d.fix is None
