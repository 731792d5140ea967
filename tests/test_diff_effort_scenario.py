"""The example workspace with one change a reviewer meets often: the to-be journey's
review of changes now takes 30 minutes instead of 60, and the October 2025 answers of the
permit survey all become «5» (satisfied). The comment's effort lines and its figure line
speak Arabic (the workspace's first language) and English; both are kept as snapshots in
``tests/snapshots/diff-effort/``.

The example's measured results are part of it, so checking it takes seconds: both sides
are checked once, and the comments and the JSON come from the emitters.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import diff_workspaces
from cxdsl.emit import DIFF_EMITTERS, DiffOutput

from .conftest import REPO
from .test_diff import edit

SNAPSHOTS = Path(__file__).parent / "snapshots" / "diff-effort"
SCHEMA = REPO / "schemas" / "diff-v2.schema.json"
SURVEY = "results/post-service-permit.csv"
LRI, PDI, MINUS = "\u2066", "\u2069", "\u2212"
TO_BE = {"ar": "تجديد تصريح بناء — الوضع المستهدف", "en": "Renewing a building permit — to be"}
AS_IS = {"ar": "تجديد تصريح بناء — الوضع الحالي", "en": "Renewing a building permit — as is"}

pytestmark = pytest.mark.slow


def _copy(src: Path, dest: Path) -> Path:
    dest.mkdir()
    for name in ("cxdsl.yaml", "journeys", "personas", "results", "schemas"):
        (shutil.copytree if (src / name).is_dir() else shutil.copyfile)(src / name, dest / name)
    return dest


def _satisfied_in_october(path: Path) -> None:
    """Every answer of October 2025 in the permit survey becomes a 5."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["submitted_at"].startswith("2025-10"):
            row["csat"] = "5"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> DiffOutput:
    top = tmp_path_factory.mktemp("effort")
    before, after = _copy(REPO, top / "before"), _copy(REPO, top / "after")
    edit(
        after / "journeys" / "renew-building-permit-to-be.yaml",
        "effort: {minutes: 60, wait_minutes: 20, documents: 1}",
        "effort: {minutes: 30, wait_minutes: 20, documents: 1}",
    )
    _satisfied_in_october(after / SURVEY)
    base, head = check_workspace(before), check_workspace(after)
    return DiffOutput(diff_workspaces(base, head), "BASE", "HEAD", head, base=base)


@pytest.fixture(scope="module")
def comments(output: DiffOutput) -> dict[str, str]:
    return {
        "ar": DIFF_EMITTERS["markdown"](output),
        "en": DIFF_EMITTERS["markdown"](replace(output, lang="en")),
    }


def _q4_satisfaction() -> tuple[int, int, int]:
    """Answers of Q4 2025 in the permit survey, satisfied ones (4 or 5) before the change,
    and after it (October's all 5), counted from the file."""
    with (REPO / SURVEY).open(encoding="utf-8", newline="") as handle:
        q4 = [r for r in csv.DictReader(handle) if r["submitted_at"][:7] in _Q4]
    satisfied = [r["csat"] in ("4", "5") for r in q4]
    october = [r["submitted_at"].startswith("2025-10") for r in q4]
    return len(q4), sum(satisfied), sum(s or o for s, o in zip(satisfied, october, strict=True))


_Q4 = ("2025-10", "2025-11", "2025-12")


def test_the_effort_lines_in_arabic(comments: dict[str, str]) -> None:
    ar = comments["ar"]
    assert "→" not in ar
    assert f"\n- «{TO_BE['ar']}» مقابل «{AS_IS['ar']}»:\n" in ar
    # As-is active minutes 80 + 25 + 240 + 5 = 350; to-be 5 + 30 (was 60) + 2 = 37.
    assert (
        f"  - الرحلة كاملة: الوقت الفعلي من 350 دقيقة إلى 37 دقيقة ({LRI}{MINUS}313{PDI})؛ " in ar
    )
    assert "renew-building-permit-to-be`," not in ar  # the old line named it by id


def test_the_effort_lines_in_english(comments: dict[str, str]) -> None:
    en = comments["en"]
    assert f"\n- “{TO_BE['en']}” against “{AS_IS['en']}”:\n" in en
    assert "  - the whole journey: active time 350 minutes → 37 minutes (−313); " in en


def test_the_figure_line_names_the_journey_and_the_quarter(comments: dict[str, str]) -> None:
    n, before, after = _q4_satisfaction()
    assert (n, before, after) == (250, 146, 168)
    old, new = f"{100 * before / n:.1f}", f"{100 * after / n:.1f}"  # 58.4 % → 67.2 %
    change = f"+{100 * (after - before) / n:.1f}"  # +8.8
    ar = next(line for line in comments["ar"].splitlines() if line.startswith("- 📊"))
    assert ar.startswith(
        f"- 📊 تغيّر رقم: «رضا المستفيدين» في «{AS_IS['ar']}»، الربع الرابع 2025: "
        f"من {LRI}{old}{PDI} "
    )
    assert f"، عينة غير كافية، {n} إجابة) إلى {LRI}{new}{PDI} " in ar
    assert ar.endswith(f"({LRI}{change}{PDI})")
    en = next(line for line in comments["en"].splitlines() if line.startswith("- 📊"))
    assert en.startswith(
        f"- 📊 Figure moved: “Customer satisfaction” on “{AS_IS['en']}”, Q4 2025: {old} "
    )
    assert f", underpowered, {n} responses) → {new} " in en and en.endswith(f"({change})")


def test_the_comments_match_their_snapshots(
    comments: dict[str, str], snapshot: Callable[[Path, str], None]
) -> None:
    for lang, text in comments.items():
        snapshot(SNAPSHOTS / f"{lang}.md", text)


def test_the_json_is_valid_and_says_the_figure_in_both_languages(output: DiffOutput) -> None:
    data: dict[str, Any] = json.loads(DIFF_EMITTERS["json"](output))
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    (figure,) = [c for c in data["changes"] if c["category"] == "figure.moved"]
    assert figure["path"] == "renew-building-permit 2025-Q4"  # the raw place, as before
    assert "الربع الرابع 2025" in figure["text"]["ar"] and "Q4 2025" in figure["text"]["en"]
    assert [e["stage"] for e in data["effort"]] == [None, "request", "complete"]
    assert data["effort"][0]["text"].startswith("active 350 → 37 min (−313);")
