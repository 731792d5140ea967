"""``cxdsl diff --format json``, version 2: it carries everything the comment says (titles in
every language, each field before and after, flags, findings introduced and fixed, preview
links), it matches ``schemas/diff-v2.schema.json``, and the README documents that shape."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import WorkspaceDiff
from cxdsl.diff.phrases import Part
from cxdsl.emit import DiffOutput
from cxdsl.emit.diff_json import VERSION, emit, plain_text

from .conftest import REPO
from .test_diff import edit, git, repo

SCHEMA_PATH = REPO / "schemas" / "diff-v2.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
#: The fixture journey's titles, as written (tests/fixtures/base/journeys/renew-license.yaml).
JOURNEY = {"ar": "تجديد الرخصة", "en": "Renew a licence"}
APPLY = {"ar": "التقديم", "en": "Apply"}
SUBMIT = {"ar": "الإرسال", "en": "Submit"}
SARA = {"ar": "سارة", "en": "Sara"}
#: Fields a version-1 reader used: every change still has them, with the same meaning.
V1_FIELDS = ("kind", "entity", "category", "path", "before", "after", "detail")


def _json(ws: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        main, ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--format", "json", *args]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    VALIDATOR.validate(data)
    return data


def _commit(ws: Path, message: str) -> None:
    git(ws, "commit", "-qam", message)


def _by_category(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for change in data["changes"]:
        assert change["category"] not in found, change["category"]
        found[change["category"]] = change
    return found


def test_changes_carry_titles_words_fields_and_flags(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    journey = ws / "journeys" / "renew-license.yaml"
    # Submit (a moment of truth) feels worse, gets a high pain point; Sign in is renamed
    # with a plain title (one string: in the workspace's first language, Arabic).
    edit(
        journey,
        "        emotion: 1\n",
        "        emotion: -1\n        pain_points:\n"
        "          - text: {ar: بطء, en: Slow}\n            severity: high\n",
    )
    edit(journey, "title: {ar: الدخول, en: Sign in}", "title: Log in")
    _commit(ws, "edit")
    data = _json(ws)
    assert data["version"] == VERSION == 2
    assert (data["languages"], data["language"], data["preview_url"]) == (["ar", "en"], "ar", None)
    assert data["headline"] == {
        "changes": 3,
        "entities": {"journey": 1},
        "text": {"ar": "3 تغييرات في رحلة واحدة.", "en": "3 changes in 1 journey."},
    }
    assert data["summary"] == {"emotion.changed": 1, "journey.changed": 1, "pain_point.added": 1}
    # A high pain point with no opportunity: a warning this change introduced (CX213).
    assert data["check"] == {"errors": 0, "warnings": 1, "notes": 0}
    (finding,) = data["findings"]["introduced"]
    assert (finding["code"], finding["line"], finding["column"]) == ("CX213", 18, 13)
    assert finding["subject"] == "journey:renew-license/stages/0/steps/1/pain_points/0"
    changes = _by_category(data)
    emotion, pain, title = (
        changes[c] for c in ("emotion.changed", "pain_point.added", "journey.changed")
    )
    for change in data["changes"]:
        assert all(name in change for name in V1_FIELDS)
    assert (emotion["op"], emotion["before"], emotion["after"]) == ("changed", 1, -1)
    assert (emotion["stage"], emotion["step"], emotion["persona"]) == ("apply", "submit", None)
    # One emotion for everyone: the flag names Sara, who lives the step; it is about it.
    assert emotion["titles"] == {"entity": JOURNEY, "stage": APPLY, "step": SUBMIT, "persona": None}
    assert emotion["text"] == {
        "en": "Emotion at “Submit” (“Apply”): +1 → -1 (-2)",
        "ar": f"الشعور عند «الإرسال» («التقديم»): من {LRI}+1{PDI} إلى {LRI}-1{PDI} ({LRI}-2{PDI})",
    }
    assert emotion["flags"] == ["attention.emotion-worse"]
    assert pain["op"] == "added" and pain["fields"] == []
    assert pain["after"] == {
        "text": {"ar": "بطء", "en": "Slow"},
        "severity": "high",
        "evidence": [],
    }
    assert pain["text"]["en"] == "Pain point added at “Submit” (“Apply”): “Slow”"
    # The finding is about the pain point (its subject), not about the emotion beside it.
    assert pain["flags"] == ["attention.severity-raised", "attention.finding-introduced"]
    assert title["path"] == "stages[apply].steps[sign-in].title"
    assert title["titles"]["step"] == {"ar": "Log in"}  # a plain string: the first language
    assert (title["before"], title["after"]) == ({"ar": "الدخول", "en": "Sign in"}, "Log in")
    assert title["flags"] == [] and title["preview"] is None


def test_every_flag_has_titles_and_words_in_every_language(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    edit(ws / "journeys" / "renew-license.yaml", "        emotion: 1\n", "        emotion: -1\n")
    _commit(ws, "worse")
    (flag,) = _json(ws)["attention"]
    assert flag == {
        "code": "attention.emotion-worse",
        "kind": "journey",
        "entity": "renew-license",
        "stage": "apply",
        "step": "submit",
        "persona": "sara",
        "before": 1,
        "after": -1,
        "detail": "",
        "text": SUBMIT,
        "titles": {"entity": JOURNEY, "stage": APPLY, "step": SUBMIT, "persona": SARA},
        "message": {
            "en": "Emotion worse at a moment of truth: “Renew a licence” › “Apply” › “Submit” › "
            "“Sara” — +1 → -1",
            "ar": flag["message"]["ar"],
        },
    }
    arabic = flag["message"]["ar"]
    assert "«تجديد الرخصة» › «التقديم» › «الإرسال» › «سارة»" in arabic
    assert arabic.endswith(f"من {LRI}+1{PDI} إلى {LRI}-1{PDI}")


def test_findings_introduced_and_fixed_with_their_place(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    journey = ws / "journeys" / "renew-license.yaml"
    edit(journey, "        channel: portal\n", "        channel: nowhere\n")
    _commit(ws, "a broken channel at sign-in (line 11)")
    edit(journey, "        channel: nowhere\n", "        channel: portal\n")
    edit(journey, "        channel: kiosk-app\n", "        channel: elsewhere\n")
    _commit(ws, "fixed there, broken at submit (line 15)")
    data = _json(ws)
    # An unknown reference is the resolver's finding: it is about its file, not a subject.
    file = "journeys/renew-license.yaml"
    place = {"file": file, "column": 18, "kind": "file", "entity": file, "stage": None}
    (introduced,) = data["findings"]["introduced"]
    (fixed,) = data["findings"]["fixed"]
    assert {k: introduced[k] for k in ("code", "severity", "line", "subject", *place)} == {
        "code": "CX104",
        "severity": "error",
        "line": 15,
        "subject": None,
        **place,
    }
    assert "'elsewhere'" in introduced["message"] and "'nowhere'" in fixed["message"]
    assert (fixed["code"], fixed["line"], fixed["file"]) == ("CX104", 11, file)
    assert data["check"] == {"errors": 1, "warnings": 0, "notes": 0}
    (flag,) = data["attention"]
    assert (flag["code"], flag["kind"], flag["entity"]) == (
        "attention.finding-introduced",
        "file",
        file,
    )
    assert flag["titles"] == {"entity": None, "stage": None, "step": None, "persona": None}
    assert flag["message"]["en"].endswith(f" — CX104 {introduced['message']}")
    assert all(c["flags"] == [] for c in data["changes"])


def test_a_removed_metric_is_named_from_the_base_and_linked_to_the_changes_page(
    tmp_path: Path,
) -> None:
    ws = repo(tmp_path)
    catalog = ws / "journeys" / "catalog.yaml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").split("---\nkind: metric")[0], encoding="utf-8"
    )
    edit(ws / "journeys" / "renew-license.yaml", "        emotion: 1\n", "        emotion: 2\n")
    _commit(ws, "no metric")
    data = _json(ws, "--preview-url", "https://preview.example/pr/7/")
    metric = _by_category(data)["metric.removed"]
    assert (metric["op"], metric["before"], metric["after"]) == ("removed", SATISFACTION, None)
    assert metric["detail"] == "1 references left dangling"
    assert metric["titles"] == {
        "entity": SATISFACTION,
        "stage": None,
        "step": None,
        "persona": None,
    }
    assert metric["flags"] == ["attention.metric-removed"]
    assert metric["preview"] == {
        lang: f"https://preview.example/pr/7/{lang}/changes/#change-metric-csat"
        for lang in ("ar", "en")
    }
    emotion = _by_category(data)["emotion.changed"]
    assert emotion["preview"] == {
        lang: f"https://preview.example/pr/7/{lang}/journeys/renew-license/#step-submit"
        for lang in ("ar", "en")
    }
    assert data["preview_url"] == "https://preview.example/pr/7/"


SATISFACTION = {"ar": "الرضا", "en": "Satisfaction"}


def test_an_empty_diff_is_valid_and_says_nothing(workspace: Path) -> None:
    head = check_workspace(workspace)
    data = json.loads(emit(DiffOutput(WorkspaceDiff(), "a1", "b2", head)))
    VALIDATOR.validate(data)
    assert data["headline"] == {"changes": 0, "entities": {}, "text": None}
    assert (data["changes"], data["attention"], data["effort"], data["summary"]) == ([], [], [], {})
    assert data["findings"] == {"introduced": [], "fixed": []}


def test_model_text_stays_data(tmp_path: Path) -> None:
    """Markup in a title is neither escaped for HTML nor for Markdown, nor obeyed: JSON
    holds it as written, and a consumer escapes it where it shows it."""
    ws = repo(tmp_path)
    hostile = "<img src=x onerror=alert(1)> **bold** [a](https://evil.example) @team"
    edit(ws / "journeys" / "renew-license.yaml", "en: Submit}", f"en: '{hostile}'}}")
    _commit(ws, "hostile title")
    data = _json(ws, "--lang", "en")
    (change,) = data["changes"]
    assert change["after"] == hostile and change["titles"]["step"]["en"] == hostile
    assert (
        change["text"]["en"] == f"title (English) of “{hostile}” (“Apply”): “Submit” → “{hostile}”"
    )
    text = json.dumps(data, ensure_ascii=False)
    assert "&lt;" not in text and "\\\\*" not in text and "<!-- -->" not in text


def test_the_same_diff_gives_the_same_bytes(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    edit(ws / "journeys" / "renew-license.yaml", "        emotion: 1\n", "        emotion: -2\n")
    _commit(ws, "worse")
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--format", "json"]
    first, second = (CliRunner().invoke(main, args).output for _ in range(2))
    assert first == second
    data = json.loads(first)
    maps = [c["text"] for c in data["changes"]] + [data["headline"]["text"]]
    assert all(list(m) == sorted(m) for m in maps)


def test_plain_text_isolates_left_to_right_runs_only_in_right_to_left_sentences() -> None:
    parts = (
        Part("ui", "النص: من «"),
        Part("text", "No reminder ", "en"),
        Part("ins", "at all", "en"),
        Part("ui", "» عند "),
        Part("code", "notice-expiry"),
        Part("ui", " "),
        Part("delta", "-1"),
        Part("strong", "تغييران"),
    )
    assert plain_text(parts, "ar") == (
        f"النص: من «{FSI}No reminder at all{PDI}» عند {LRI}notice-expiry{PDI} {LRI}-1{PDI}تغييران"
    )
    assert plain_text(parts, "en") == "النص: من «No reminder at all» عند notice-expiry -1تغييران"


# --- the README documents the shape --------------------------------------------------


def _readme_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\n### The JSON of `cxdsl diff`.*?(?=\n## |\n### )", readme, re.DOTALL)
    assert match, "README: no section on the JSON of cxdsl diff"
    return match.group()


def test_the_readme_example_is_valid_and_its_table_names_every_field() -> None:
    section = _readme_section()
    assert "schemas/diff-v2.schema.json" in section and "version 2" in section
    example = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert example
    VALIDATOR.validate(json.loads(example.group(1)))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = {name for cell in cells for name in re.findall(r"`([^`]+)`", cell)}
    for name in schema["properties"]:
        assert name in documented, f"README's table lacks {name}"
    for name in schema["$defs"]["change"]["properties"]:
        assert f"changes[].{name}" in documented, f"README's table lacks changes[].{name}"
