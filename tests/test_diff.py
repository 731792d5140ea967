"""cxdsl diff: a temporary git repository per test, and random edits that must all show."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import diff_workspaces

from .conftest import make_workspace


def git(ws: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=cx@example.gov", "-c", "user.name=CX", *args],
        cwd=ws,
        check=True,
        capture_output=True,
    )


def repo(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    return ws


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_markdown_and_json_between_commits(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    journey = ws / "journeys" / "renew-license.yaml"
    edit(
        journey,
        "        emotion: 1\n",
        "        emotion: -1\n        pain_points:\n"
        "          - text: {ar: بطء, en: Slow}\n            severity: low\n",
    )
    edit(journey, "        channel: portal\n", "        channel: kiosk-app\n")
    edit(ws / "journeys" / "catalog.yaml", "target: 80", "target: 90")
    git(ws, "commit", "-qam", "edit")
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "**4 changes** in 1 journey and 1 metric." in out
    assert "- 😶 Emotion at “Submit” (“Apply”): +1 → -1 (**-2**)" in out
    assert "- ⚠ Pain point added at “Submit” (“Apply”): “Slow”" in out
    assert "- ✏️ channel of “Sign in” (“Apply”): “Portal” → “Kiosk app”" in out
    assert "- ✏️ target: 80 → 90" in out
    assert '  line "before" [0, 1]\n  line "after" [0, -1]' in out
    assert "**Emotion worse at a moment of truth**: “Renew a licence” › “Apply” › “Submit”" in out
    arabic = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--path", str(ws)]).output
    assert "**4 تغييرات** في رحلة واحدة ومؤشر واحد." in arabic
    assert "- ✏️ المستهدف: من \u206680\u2069 إلى \u206690\u2069" in arabic
    payload = json.loads(
        CliRunner()
        .invoke(main, ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--format", "json"])
        .output
    )
    assert payload["summary"] == {
        "emotion.changed": 1,
        "metric.target": 1,
        "pain_point.added": 1,
        "step.channel": 1,
    }


def test_working_tree_against_merge_base_and_fail_on(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    catalog = ws / "journeys" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.split("---\nkind: metric")[0], encoding="utf-8")  # drop the metric
    args = ["diff", "--path", str(ws), "--lang", "en", "--fail-on", "metric.removed"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "➖ Metric `csat` removed: “Satisfaction”" in result.output
    assert "leaves 1 references to it dangling" in result.output
    assert "refused changes: metric.removed" in result.output
    flagged = CliRunner().invoke(main, [*args[:-1], "attention."])
    assert flagged.exit_code == 1
    assert "attention.metric-removed" in flagged.output


def test_bad_revision_is_a_usage_error(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    result = CliRunner().invoke(main, ["diff", "nope", "--path", str(ws)])
    assert result.exit_code == 2 and "git:" in result.output


# --- every edit appears ---------------------------------------------------------------


def _load(ws: Path, rel: str) -> list[dict[str, Any]]:
    return list(yaml.load_all((ws / rel).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))


def _save(ws: Path, rel: str, docs: list[dict[str, Any]]) -> None:
    (ws / rel).write_text(
        yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


J, C, P = "journeys/renew-license.yaml", "journeys/catalog.yaml", "personas/tree.yaml"
words = st.text("abcdefghij أبتث", min_size=1, max_size=8).map(str.strip).filter(bool)


def _apply(ws: Path, name: str, value: str, number: int) -> tuple[str, str, str]:
    """Make one edit; return (kind, entity, path fragment) that the diff must show."""
    journey = _load(ws, J)
    steps = journey[0]["stages"][0]["steps"]
    if name == "journey-title":
        journey[0]["title"]["en"] = "New " + value
        _save(ws, J, journey)
        return "journey", "renew-license", "title"
    if name == "emotion":
        steps[0]["emotion"] = -2 if steps[0]["emotion"] != -2 else 2
        _save(ws, J, journey)
        return "journey", "renew-license", "steps[sign-in].emotion"
    if name == "channel":
        steps[1]["channel"] = "portal"
        _save(ws, J, journey)
        return "journey", "renew-license", "steps[submit].channel"
    if name == "add-step":
        steps.append(
            {"id": f"new-{number}", "title": {"ar": value, "en": value}, "channel": "portal"}
        )
        _save(ws, J, journey)
        return "journey", "renew-license", f"steps[new-{number}]"
    if name == "reorder":
        steps.reverse()
        _save(ws, J, journey)
        return "journey", "renew-license", "steps"
    if name == "pain":
        steps[0]["pain_points"] = [{"text": {"ar": value, "en": value}, "severity": "low"}]
        _save(ws, J, journey)
        return "journey", "renew-license", "pain_points"
    if name == "target":
        catalog = _load(ws, C)
        catalog[-1]["target"] = 80 + number % 10 + 1
        _save(ws, C, catalog)
        return "metric", "csat", "target"
    if name == "question":
        catalog = _load(ws, C)
        catalog[3]["questions"][0]["text"]["en"] = "Q " + value
        _save(ws, C, catalog)
        return "instrument", "survey", "questions"
    if name == "persona-goal":
        people = _load(ws, P)
        people[2]["goals"] = [{"ar": value, "en": value}]
        _save(ws, P, people)
        return "persona", "sara", "goals"
    if name == "segment-name":
        people = _load(ws, P)
        people[1]["name"]["en"] = "Seg " + value
        _save(ws, P, people)
        return "segment", "citizens", "name"
    raise AssertionError(name)


EDITS = [
    "journey-title",
    "emotion",
    "channel",
    "add-step",
    "reorder",
    "pain",
    "target",
    "question",
    "persona-goal",
    "segment-name",
]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(EDITS), min_size=1, max_size=6, unique=True),
    words,
    st.integers(0, 1000),
)
def test_every_edit_appears_in_the_diff(
    tmp_path_factory: Any, chosen: list[str], value: str, number: int
) -> None:
    ws = make_workspace(tmp_path_factory.mktemp("w"))
    base = check_workspace(ws)
    expected = []
    # "reorder" and "add-step" both touch the step list: apply reorder last
    for name in sorted(chosen, key=lambda n: n == "reorder"):
        expected.append(_apply(ws, name, value, number))
    changes = diff_workspaces(base, check_workspace(ws)).changes
    for kind, entity, fragment in expected:
        assert any(c.kind == kind and c.entity == entity and fragment in c.path for c in changes), (
            kind,
            entity,
            fragment,
            changes,
        )


def test_fail_on_refuses_a_name_no_change_or_flag_has(tmp_path: Path) -> None:
    ws = repo(tmp_path)
    for typo in ("attention.bogus", "nonsense", "metirc.removed"):
        result = CliRunner().invoke(main, ["diff", "--path", str(ws), "--fail-on", typo])
        assert result.exit_code == 2, (typo, result.output)
        assert "no change or flag has that name" in result.output
    fine = CliRunner().invoke(
        main, ["diff", "--path", str(ws), "--fail-on", "attention.,step.,dangling"]
    )
    assert fine.exit_code == 0, fine.output
