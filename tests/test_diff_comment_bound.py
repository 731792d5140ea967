"""Comments that fit: 1,000 changed journeys never make a comment longer than the code
host takes (65,536 characters on GitHub). Past the limit each journey is one line with its
counts, as many as fit, then "… and N more"; ``--out FILE`` keeps the full report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.diff.engine import diff_workspaces
from cxdsl.emit import DiffOutput
from cxdsl.emit.diff_comment import COMMENT_LIMIT, comment

from .test_diff import git

JOURNEYS = 1_000
LRI, PDI = "\u2066", "\u2069"

PEOPLE = """\
kind: segment
id: people
name: {ar: الأفراد, en: People}
---
kind: persona
id: sara
name: {ar: سارة, en: Sara}
segments: [people]
---
kind: channel
id: web
name: {ar: الموقع, en: Website}
type: digital
"""


def _journey(i: int, changed: bool) -> str:
    """A small journey (one step); ``changed``: the emotion fell and a pain point came."""
    pain = (
        "        pain_points:\n          - text: {ar: انتظار طويل, en: A long wait}\n"
        "            severity: low\n"
        if changed
        else ""
    )
    return (
        f"kind: journey\nid: j{i:04d}\n"
        f"title: {{ar: 'الرحلة {i}: تجديد تصريح بناء في مركز الخدمة', "
        f"en: 'Journey {i}: renew a building permit at the service centre'}}\n"
        "persona: sara\nstages:\n  - id: visit\n    title: {ar: الزيارة, en: Visit}\n"
        "    steps:\n      - id: queue\n        title: {ar: الانتظار, en: Queue}\n"
        f"        channel: web\n        emotion: {-1 if changed else 0}\n{pain}"
    )


def write_workspace(root: Path, changed: bool) -> Path:
    """A workspace of :data:`JOURNEYS` journeys, 100 to a file (YAML written here)."""
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "personas").mkdir(exist_ok=True)
    (root / "cxdsl.yaml").write_text(
        "name: {ar: ألف رحلة, en: A thousand journeys}\nlanguages: [ar, en]\n", encoding="utf-8"
    )
    (root / "personas" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    for part in range(JOURNEYS // 100):
        docs = [_journey(i, changed) for i in range(part * 100, part * 100 + 100)]
        text = "---\n".join(docs)
        (root / "journeys" / f"part-{part}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> tuple[CheckResult, CheckResult]:
    """The base and the head, each a real workspace checked clean."""
    root = tmp_path_factory.mktemp("thousand")
    base = check_workspace(write_workspace(root / "base", changed=False))
    head = check_workspace(write_workspace(root / "head", changed=True))
    assert not base.diagnostics and not head.diagnostics
    return base, head


def _output(sides: tuple[CheckResult, CheckResult], lang: str) -> DiffOutput:
    base, head = sides
    return DiffOutput(diff_workspaces(base, head), "base", "head", head, base=base, lang=lang)


def _read(markdown: str) -> str:
    """What a reader sees of Markdown's backslash escapes (``1\\,000`` reads ``1,000``)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


#: A collapsed journey's line: title, id, its two changes counted and by category.
LINE = {
    "en": "- Journey {i}: renew a building permit at the service centre `j{i:04d}`: 2 changes "
    "(1 × `emotion.changed`, 1 × `pain_point.added`)",
    "ar": "- الرحلة {i}: تجديد تصريح بناء في مركز الخدمة `j{i:04d}`: تغييران "
    "(1 × `emotion.changed`، 1 × `pain_point.added`)",
}
#: The headline: 2,000 changes (two per journey) in 1,000 journeys, each language's plural.
HEADLINE = {
    "en": "**2,000 changes** in 1,000 journeys.",
    "ar": "**2,000 تغيير** في 1,000 رحلة.",
}
MORE = {
    "en": "… and {n} more; the full report is in the workflow's artifact.",
    "ar": "… و" + LRI + "{n}" + PDI + " غيرها؛ التقرير الكامل في ملفات سير العمل.",
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_thousand_journeys_collapse_within_the_limit(
    sides: tuple[CheckResult, CheckResult], lang: str
) -> None:
    out = _output(sides, lang)
    assert len(out.diff.changes) == 2 * JOURNEYS
    made = comment(out)
    posted = made.posted
    assert len(posted) <= COMMENT_LIMIT
    assert len(made.full) > COMMENT_LIMIT  # too long as it is: the posted one is collapsed
    assert HEADLINE[lang] in _read(posted)
    assert "```mermaid" not in posted  # no chart, no per-change lines: one line a journey
    lines = [line for line in posted.splitlines() if re.match(r"- .* `j[0-9]{4}`: ", line)]
    shown = len(lines)
    # Each journey once, in id order, as its one line with its counts.
    assert [_read(line) for line in lines] == [LINE[lang].format(i=i) for i in range(shown)]
    assert 400 < shown < JOURNEYS  # as many as fit: most of the room is used
    assert len(posted) > COMMENT_LIMIT - 2 * len(lines[-1]) - 2_000
    assert MORE[lang].format(n=f"{JOURNEYS - shown:,}") in posted


@pytest.mark.slow
def test_the_full_report_goes_to_the_out_file(tmp_path: Path) -> None:
    ws = write_workspace(tmp_path / "ws", changed=False)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    write_workspace(ws, changed=True)
    git(ws, "commit", "-qam", "every journey changes")
    full = tmp_path / "report.md"
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en", "--out", str(full)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    posted, report = result.output, full.read_text(encoding="utf-8")
    assert len(posted) <= COMMENT_LIMIT < len(report)
    assert "… and " in posted and "… and " not in report
    for i in range(JOURNEYS):  # every journey, with its changes in words
        assert f"#### Journey {i}: renew a building permit at the service centre `j{i:04d}`\n" in (
            _read(report)
        )
    assert report.count("- ⚠ Pain point added at “Queue” (“Visit”): “A long wait”") == JOURNEYS
    assert report.count("- 😶 Emotion at “Queue” (“Visit”): 0 → -1 (**-1**)") == JOURNEYS
