"""The emitter tables: the CLI offers exactly their formats, and each format is one module."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.diff.engine import Change, WorkspaceDiff
from cxdsl.diff.phrases import line_markdown
from cxdsl.diff.view import DiffView
from cxdsl.diff.words import describe
from cxdsl.emit import CHECK_EMITTERS, DIFF_EMITTERS, CheckOutput, DiffOutput
from cxdsl.emit.diff_attention import check_summary
from cxdsl.emit.diff_comment import emit


def _choices(command: str) -> list[str]:
    group = main
    assert isinstance(group, click.Group)
    option = next(p for p in group.commands[command].params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_the_cli_offers_the_tables_formats_in_order() -> None:
    assert _choices("check") == ["text", "json", "github", "sarif"] == list(CHECK_EMITTERS)
    assert _choices("diff") == ["markdown", "json"] == list(DIFF_EMITTERS)


@pytest.mark.parametrize("fmt", list(CHECK_EMITTERS))
def test_check_prints_what_its_emitter_writes(workspace: Path, fmt: str) -> None:
    printed = CliRunner().invoke(main, ["check", str(workspace), "--format", fmt]).output
    assert printed == CHECK_EMITTERS[fmt](CheckOutput(check_workspace(workspace), workspace))


@pytest.mark.parametrize("fmt", list(DIFF_EMITTERS))
def test_an_empty_diff_in_each_format(workspace: Path, fmt: str) -> None:
    out = DIFF_EMITTERS[fmt](
        DiffOutput(WorkspaceDiff(), "base", "head", check_workspace(workspace), lang="en")
    )
    assert out.endswith("\n")
    assert ("No changes to the model." in out) == (fmt == "markdown")


def _line(result: CheckResult, change: Change) -> str:
    view = DiffView(result, result)
    return "\n".join(line_markdown(describe(change, view, "en"), "en")).removeprefix("- ")


@pytest.mark.parametrize(
    "before,after,persona,line",
    [
        (1, -1, None, "😶 Emotion at the journey: +1 → -1 (**-2**)"),
        (1, 2, "p", "😶 Emotion of “p” at the journey: +1 → +2 (**+1**)"),
    ],
)
def test_the_emotion_delta_is_signed_and_in_bold(
    workspace: Path, before: int, after: int, persona: str | None, line: str
) -> None:
    result = check_workspace(workspace)
    change = Change(
        "journey", "j", "emotion.changed", "emotion", before, after, "changed", persona=persona
    )
    assert _line(result, change) == line


@pytest.mark.parametrize(
    "change,line",
    [
        (Change("metric", "m", "metric.added", "", None, "M"), "➕ Metric `m` added: `M`"),
        (
            Change("metric", "m", "metric.removed", "", "M", None, "used by j"),
            "➖ Metric `m` removed: `M`",
        ),
        (
            Change("metric", "m", "metric.renamed", "", "a", "b"),
            "✏️ Metric renamed: `a` → `b`",
        ),
        (
            Change("channel", "c", "dangling", "", None, 2),
            "⚠ Removing Channel `c` leaves 2 references to it dangling",
        ),
        (
            Change(
                "journey", "j", "step.reordered", "stages[a]", ["x", "y"], ["y", "x"], "reordered"
            ),
            "↕ Steps reordered at the journey",
        ),
        (
            Change(
                "journey",
                "j",
                "pain_point.resolved",
                "pain_points[0]",
                {"text": "slow"},
                None,
                "removed",
            ),
            "✅ Pain point resolved at the journey: “slow”",
        ),
        (
            Change("journey", "j", "journey.changed", "owner", "a", "b", "changed"),
            "✏️ owner of the journey: `a` → `b`",
        ),
    ],
)
def test_describe_keeps_one_line_per_kind_of_change(
    workspace: Path, change: Change, line: str
) -> None:
    assert _line(check_workspace(workspace), change) == line


PLACEHOLDER_METRIC = """\
kind: metric
id: ces
name: New metric
type: custom
definition: How it is computed
owner: clerk
target: 0
instrument: survey
"""


def test_the_diff_says_clean_only_without_any_finding(workspace: Path) -> None:
    clean = check_workspace(workspace)
    assert check_summary(clean, "en") == "✅ clean"
    (workspace / "journeys" / "ces.yaml").write_text(PLACEHOLDER_METRIC, encoding="utf-8")
    warned = check_workspace(workspace)  # three CX220 warnings, no error: exit 0, not clean
    assert warned.ok and check_summary(warned, "en") == "⚠ 3 warnings"
    assert check_summary(warned, "ar") == "⚠ 3 تحذيرات"
    change = Change("metric", "ces", "metric.added", "", None, "New metric")
    comment = emit(DiffOutput(WorkspaceDiff([change]), "main", "head", warned, lang="en"))
    assert "`cxdsl check` on the head: ⚠ 3 warnings" in comment and "clean" not in comment
    (workspace / "journeys" / "bad.yaml").write_text("kind: channel\nid: x\n", encoding="utf-8")
    assert check_summary(check_workspace(workspace), "en") == "❌ 2 errors, 3 warnings"


def test_the_check_summary_counts_what_fix_would_repair(workspace: Path) -> None:
    (workspace / "journeys" / "x.yaml").write_text(
        "kind: channel\nid: x\nname: {en: Texts, messages}\ntype: digital\n", encoding="utf-8"
    )
    out = CliRunner().invoke(main, ["check", str(workspace)]).output
    assert out.endswith("checked 5 files: 1 error, 0 warnings (1 fixable with cxdsl check --fix)\n")
