"""Values quoted in diagnostics cannot disguise the message in any output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.diagnostics import printable

from .conftest import make_workspace


def test_printable_shows_controls_and_keeps_text() -> None:
    assert printable("a\u202eb\x1b[2Jc\u2066d") == "a\\u202eb\\u001b[2Jc\\u2066d"
    assert printable("نورة — café\tok\n") == "نورة — café\tok\\u000a"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_bidi_override_in_a_value_is_shown_not_applied(tmp_path: Path, fmt: str) -> None:
    ws = make_workspace(tmp_path)
    (ws / "journeys" / "odd.yaml").write_text(
        'kind: "journey\\u202e gnp.exe"\nid: odd\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", str(ws), "--format", fmt])
    assert result.exit_code == 1
    assert "\u202e" not in result.output
    shown = json.loads(result.output) if fmt in ("json", "sarif") else result.output
    assert "\\u202e gnp.exe" in (json.dumps(shown) if fmt in ("json", "sarif") else shown)


def test_a_newline_in_a_value_cannot_start_a_ci_command(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "odd.yaml").write_text(
        'kind: persona\nid: odd\nname: Odd\nsegments: ["a\\n::error file=evil.yaml::INJECTED"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 1
    assert "INJECTED" in result.output
    assert not [line for line in result.output.splitlines() if line.startswith("::")]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_fix_carries_a_bidi_control_exactly_and_shows_it_escaped(
    tmp_path: Path, fmt: str
) -> None:
    ws = make_workspace(tmp_path)
    (ws / "journeys" / "odd.yaml").write_text(
        "kind: channel\nid: sms\nname: {ar: س, en: Texts\u202e, messages}\ntype: digital\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(ws), "--format", fmt])
    assert result.exit_code == 1
    assert "\u202e" not in result.output  # escaped in the JSON text ...
    payload = json.loads(result.output)
    if fmt == "json":
        [fix] = [d["fix"] for d in payload["diagnostics"] if d["fix"]]
        inserted = fix["edits"][0]["replacement"]
    else:
        [fix] = [r["fixes"][0] for r in payload["runs"][0]["results"] if "fixes" in r]
        inserted = fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
    assert inserted == '"Texts\u202e, messages"'  # ... and exactly the file's text in the value
