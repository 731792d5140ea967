"""Issue 14's scenario, as a reviewer meets it: one commit on the example workspace makes
Khalid's emotion at the first step worse (-1 → -2) and edits one pain point's severity
(high → medium) and its English text.

The comment names the step and Khalid in the reviewer's language, shows the pain point as
one edit (both English texts and the severity), and counts in words with each language's
plurals; the JSON has the same two changes with every title and field. The Markdown is
kept in ``tests/snapshots/diff-scenario/`` (commit ids as ``BASE`` and ``HEAD``).

The example's measured results are part of it (``cxdsl check`` finds what it finds on
them), so checking it takes seconds: the command runs once, for the English comment, and
the Arabic comment and the JSON come from the same emitters on both sides checked once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import diff_workspaces
from cxdsl.emit import DIFF_EMITTERS, DiffOutput

from .conftest import REPO
from .test_diff import edit, git

SNAPSHOTS = Path(__file__).parent / "snapshots" / "diff-scenario"
SCHEMA = REPO / "schemas" / "diff-v2.schema.json"
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"

STEP = {"ar": "اكتشاف انتهاء التصريح", "en": "Find out the permit has expired"}
STAGE = {"ar": "الاكتشاف", "en": "Discover"}
KHALID = {"ar": "خالد — مالك منزل", "en": "Khalid — home owner"}
JOURNEY = {"ar": "تجديد تصريح بناء — الوضع الحالي", "en": "Renewing a building permit — as is"}
OLD_TEXT = "No reminder before the permit expires"
NEW_TEXT = "No reminder at all before the permit expires"
PAIN_AR = "لا تنبيه قبل انتهاء التصريح"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A git repository of the example workspace with the scenario's commit on top, and a
    copy of the workspace as it was before the commit."""
    top = tmp_path_factory.mktemp("scenario")
    ws = top / "example"
    ws.mkdir()
    for name in ("cxdsl.yaml", "journeys", "personas", "results", "schemas"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, ws / name)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    before = shutil.copytree(ws, top / "before", ignore=shutil.ignore_patterns(".git"))
    journey = ws / "journeys" / "renew-building-permit.yaml"
    edit(
        journey,
        "emotion: {khalid-home-owner: -1, fahad-engineering-office: 0}",
        "emotion: {khalid-home-owner: -2, fahad-engineering-office: 0}",
    )
    edit(
        journey,
        f"          - text: {{ar: {PAIN_AR}, en: {OLD_TEXT}}}\n            severity: high",
        f"          - text: {{ar: {PAIN_AR}, en: {NEW_TEXT}}}\n            severity: medium",
    )
    git(ws, "commit", "-qam", "Khalid feels worse at the notice; the pain point is medium")
    return ws, before


@pytest.fixture(scope="module")
def output(scenario: tuple[Path, Path]) -> DiffOutput:
    """The diff of the scenario, from both sides checked once (commit ids as placeholders)."""
    ws, before = scenario
    base, head = check_workspace(before), check_workspace(ws)
    return DiffOutput(diff_workspaces(base, head), "BASE", "HEAD", head, base=base)


@pytest.fixture(scope="module")
def data(output: DiffOutput) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(DIFF_EMITTERS["json"](output))
    return payload


@pytest.fixture(scope="module")
def comments(scenario: tuple[Path, Path], output: DiffOutput) -> dict[str, str]:
    """The comment in each language: English as the command prints it (its commit ids as
    placeholders), Arabic (the workspace's first language) from the same emitter."""
    ws, _ = scenario
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    ids = {
        name: subprocess.run(
            ["git", "rev-parse", "--short", rev], cwd=ws, capture_output=True, text=True
        ).stdout.strip()
        for name, rev in (("BASE", "HEAD~1"), ("HEAD", "HEAD"))
    }
    english = result.output
    for placeholder, ident in ids.items():
        english = english.replace(f"`{ident}`", f"`{placeholder}`")
    assert english == DIFF_EMITTERS["markdown"](replace(output, lang="en"))
    return {"ar": DIFF_EMITTERS["markdown"](output), "en": english}


def _items(markdown: str, icon: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(f"- {icon} ")]


def test_the_headline_counts_in_words(comments: dict[str, str]) -> None:
    assert "\n**2 changes** in 1 journey.\n" in comments["en"]
    assert "\n**تغييران** في رحلة واحدة.\n" in comments["ar"]
    assert "## cxdsl diff: `BASE` → `HEAD`\n" in comments["en"]


def test_one_emotion_change_names_the_step_and_khalid(comments: dict[str, str]) -> None:
    assert _items(comments["en"], "😶") == [
        f"- 😶 Emotion of “{KHALID['en']}” at “{STEP['en']}” (“{STAGE['en']}”): -1 → -2 (**-1**)"
    ]
    assert _items(comments["ar"], "😶") == [
        f"- 😶 شعور «{KHALID['ar']}» عند «{STEP['ar']}» («{STAGE['ar']}»): "
        f"من {LRI}-1{PDI} إلى {LRI}-2{PDI} ({LRI}**-1**{PDI})"
    ]


def test_one_pain_point_change_with_its_severity_and_both_english_texts(
    comments: dict[str, str],
) -> None:
    en, ar = comments["en"], comments["ar"]
    assert _items(en, "✏️") == [f"- ✏️ Pain point changed at “{STEP['en']}” (“{STAGE['en']}”):"]
    assert (
        f"  - text (English): “{OLD_TEXT}” → “No reminder **at all** before the permit expires”\n"
        in en
    )
    assert "  - severity: high → medium\n" in en
    assert not _items(en, "⚠") and not _items(en, "✅")  # neither added nor resolved
    assert _items(ar, "✏️") == [f"- ✏️ تعديل نقطة ألم في «{STEP['ar']}» («{STAGE['ar']}»):"]
    assert (
        f"  - النص (الإنجليزية): من «{FSI}{OLD_TEXT}{PDI}» "
        f"إلى «{FSI}No reminder **at all** before the permit expires{PDI}»\n"
    ) in ar
    assert "  - الشدة: من عالية إلى متوسطة\n" in ar


def test_the_comments_match_their_snapshots(
    comments: dict[str, str], snapshot: Callable[[Path, str], None]
) -> None:
    for lang, text in comments.items():
        snapshot(SNAPSHOTS / f"{lang}.md", text)


def test_the_json_has_the_same_two_changes_in_every_language(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    assert data["version"] == 2 and data["languages"] == ["ar", "en"] and data["language"] == "ar"
    assert data["headline"] == {
        "changes": 2,
        "entities": {"journey": 1},
        "text": {"ar": "تغييران في رحلة واحدة.", "en": "2 changes in 1 journey."},
    }
    emotion, pain = data["changes"]
    place = {"stage": "discover", "step": "notice-expiry"}
    assert {k: emotion[k] for k in ("category", "op", "before", "after", "persona", *place)} == {
        "category": "emotion.changed",
        "op": "changed",
        "before": -1,
        "after": -2,
        "persona": "khalid-home-owner",
        **place,
    }
    assert emotion["titles"] == {"entity": JOURNEY, "stage": STAGE, "step": STEP, "persona": KHALID}
    assert emotion["text"]["en"] == (
        f"Emotion of “{KHALID['en']}” at “{STEP['en']}” (“{STAGE['en']}”): -1 → -2 (-1)"
    )
    assert pain["category"] == "pain_point.changed" and pain["op"] == "changed"
    assert pain["titles"] == {"entity": JOURNEY, "stage": STAGE, "step": STEP, "persona": None}
    assert pain["fields"] == [
        {
            "field": "text",
            "before": {"ar": PAIN_AR, "en": OLD_TEXT},
            "after": {"ar": PAIN_AR, "en": NEW_TEXT},
        },
        {"field": "severity", "before": "high", "after": "medium"},
    ]
    assert pain["text"]["en"].splitlines() == [
        f"Pain point changed at “{STEP['en']}” (“{STAGE['en']}”):",
        f"  - text (English): “{OLD_TEXT}” → “{NEW_TEXT}”",
        "  - severity: high → medium",
    ]
    assert data["summary"] == {"emotion.changed": 1, "pain_point.changed": 1}
    assert data["attention"] == [] and data["findings"] == {"introduced": [], "fixed": []}
