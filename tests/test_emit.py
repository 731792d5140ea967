"""The emitter tables: the CLI offers exactly their formats, and each format is one module."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import Change, WorkspaceDiff
from cxdsl.emit import CHECK_EMITTERS, DIFF_EMITTERS, CheckOutput, DiffOutput
from cxdsl.emit.diff_markdown import check_summary, describe, format_markdown
from cxdsl.render.context import RenderContext


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
        DiffOutput(WorkspaceDiff(), "base", "head", check_workspace(workspace))
    )
    assert out.endswith("\n")
    assert ("No changes to the model." in out) == (fmt == "markdown")


@pytest.mark.parametrize(
    "before,after,line",
    [
        (1, -1, "😶 emotion at `stages[a].steps[b]`: +1 → -1 (**-2**)"),
        (
            {"p": 1, "q": 0},
            {"p": 2, "q": 0, "r": -1},
            "😶 emotion at `stages[a].steps[b]`: p: +1 → +2 (**+1**); r: — → -1",
        ),
        ({"p": 1}, 2, "😶 emotion at `stages[a].steps[b]`: p: +1 → —"),
        ("x", "y", "😶 emotion at `stages[a].steps[b]`: `x` → `y`"),
    ],
)
def test_the_emotion_delta_is_the_engines_emotion_shift_in_bold(
    workspace: Path, before: object, after: object, line: str
) -> None:
    result = check_workspace(workspace)
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    change = Change("journey", "j", "emotion.changed", "stages[a].steps[b]", before, after)
    assert describe(ctx, change) == line


@pytest.mark.parametrize(
    "change,line",
    [
        (Change("metric", "m", "metric.added", "", None, "M"), "➕ metric `m` added: `M`"),
        (
            Change("metric", "m", "metric.removed", "", "M", None, "used by j"),
            "➖ metric `m` removed (`M`) — ⚠ used by j",
        ),
        (Change("metric", "m", "metric.renamed", "", "a", "b"), "✏️ metric renamed `a` → `b`"),
        (
            Change("channel", "c", "dangling", "", None, 2),
            "⚠ removing channel `c` leaves `2` references dangling",
        ),
        (
            Change("journey", "j", "step.reordered", "stages[a]", ["x", "y"], ["y", "x"]),
            "↕ steps reordered at `stages[a]`: x, y → y, x",
        ),
        (
            Change("journey", "j", "pain_point.resolved", "p", {"text": "slow"}, None),
            "✅ pain point resolved at `p`: “slow”",
        ),
        (
            Change("journey", "j", "field.changed", "owner", "a", "b", "changed"),
            r"field\.changed: `owner` `a` → `b`",
        ),
        (
            Change("journey", "j", "field.changed", "tags", None, "t", "added"),
            r"field\.changed: `tags` added: `t`",
        ),
    ],
)
def test_describe_keeps_one_line_per_kind_of_change(
    workspace: Path, change: Change, line: str
) -> None:
    result = check_workspace(workspace)
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    assert describe(ctx, change) == line


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
    assert check_summary(clean) == "✅ clean"
    (workspace / "journeys" / "ces.yaml").write_text(PLACEHOLDER_METRIC, encoding="utf-8")
    warned = check_workspace(workspace)  # three CX220 warnings, no error: exit 0, not clean
    assert warned.ok and check_summary(warned) == "⚠ 3 warnings"
    change = Change("metric", "ces", "metric.added", "", None, "New metric")
    comment = format_markdown(WorkspaceDiff([change]), "main", "head", warned)
    assert "`cxdsl check` on the head: ⚠ 3 warnings" in comment and "clean" not in comment
    (workspace / "journeys" / "bad.yaml").write_text("kind: channel\nid: x\n", encoding="utf-8")
    assert check_summary(check_workspace(workspace)) == "❌ 2 errors, 3 warnings"


def test_the_check_summary_counts_what_fix_would_repair(workspace: Path) -> None:
    (workspace / "journeys" / "x.yaml").write_text(
        "kind: channel\nid: x\nname: {en: Texts, messages}\ntype: digital\n", encoding="utf-8"
    )
    out = CliRunner().invoke(main, ["check", str(workspace)]).output
    assert out.endswith("checked 5 files: 1 error, 0 warnings (1 fixable with cxdsl check --fix)\n")
