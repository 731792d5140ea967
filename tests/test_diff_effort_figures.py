"""The effort and measured-figure lines of ``cxdsl diff``'s comment speak its language.

Effort as-is → to-be names each to-be journey and its as-is journey by title, each part
(the whole journey, a stage by title) and each measure by name, its amounts counted in the
comment's language («من 25 دقيقة إلى 23 دقيقة» in Arabic, never an arrow there), its
changes signed and isolated, money per locale. A figure that moved names its metric and
statistic, its journey by title and its period in words. The fixture
(``cases/to-be-one-stage``) is documented in ``tests/test_compare.py``: the to-be stage
“Apply online” takes the place of the as-is stage “Visit the centre”.
"""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest

from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.diff.effort_compare import MeasureChange
from cxdsl.diff.effort_words import measure_words
from cxdsl.diff.engine import diff_workspaces
from cxdsl.diff.figures import figure_changes
from cxdsl.diff.phrases import to_markdown
from cxdsl.diff.view import DiffView
from cxdsl.diff.words import describe
from cxdsl.emit import DIFF_EMITTERS, DiffOutput
from cxdsl.emit.diff_json import plain_text
from cxdsl.results.figures import Cell, Estimate, Figure, Results

from .conftest import FIXTURES, REPO, make_workspace

CASE = FIXTURES / "cases" / "to-be-one-stage"
SCHEMA = REPO / "schemas" / "diff-v2.schema.json"
LRI, PDI = "\u2066", "\u2069"


@pytest.fixture(scope="module")
def to_be(tmp_path_factory: pytest.TempPathFactory) -> DiffOutput:
    """The base fixture, then the same with an as-is journey and its to-be journey added."""
    base = check_workspace(make_workspace(tmp_path_factory.mktemp("base")))
    head = check_workspace(make_workspace(tmp_path_factory.mktemp("head"), CASE))
    return DiffOutput(diff_workspaces(base, head), "BASE", "HEAD", head, base=base)


def _effort_section(comment: str, heading: str) -> list[str]:
    """The lines of the comment's effort section, up to the next blank line after it."""
    lines = comment.split(f"### {heading}\n\n", 1)[1].split("\n\n", 1)[0]
    return lines.splitlines()


# --- effort --------------------------------------------------------------------------


def test_an_arabic_comment_names_the_journeys_by_title_and_has_no_arrow(
    to_be: DiffOutput,
) -> None:
    comment = DIFF_EMITTERS["markdown"](to_be)  # the workspace's first language: Arabic
    assert "→" not in comment
    section = _effort_section(comment, "الجهد: من الوضع الحالي إلى الوضع المستهدف")
    assert section[0] == "- «الحصول على تصريح عبر الإنترنت» مقابل «الحصول على تصريح»:"
    assert not any("get-permit" in line for line in section)  # titles, not ids
    # Stage “Apply online” against the as-is steps it takes the place of: active 5 (pay at
    # the desk) + 20 (hand in) = 25 → 3 + 10 + 10 = 23, −2; waiting 45 + 120 + 60 = 225 →
    # 10, −215; one visit → none; 3 documents → 1; 800 metres on foot → 0; SAR 150 → 150.
    minus = "\u2212"
    assert section[2] == (
        "  - مرحلة «التقديم عبر الإنترنت»: "
        f"الوقت الفعلي من 25 دقيقة إلى 23 دقيقة ({LRI}{minus}2{PDI})؛ "
        f"وقت الانتظار من 225 دقيقة إلى 10 دقائق ({LRI}{minus}215{PDI})؛ "
        f"الزيارات من 1 إلى 0 ({LRI}{minus}1{PDI})؛ "
        f"المستندات من 3 إلى 1 ({LRI}{minus}2{PDI})؛ "
        f"المشي من 800 متر إلى 0 متر ({LRI}{minus}800{PDI})؛ "
        f"التكلفة من 150 ر.س. إلى 150 ر.س. ({LRI}0{PDI})"
    )
    # The whole journey adds the unchanged stages to both sides: active 10 + 5 + 25 + 10 =
    # 50 → 15 + 23 + 10 = 48; the USD cost of collecting the permit on both.
    assert section[1].startswith(
        f"  - الرحلة كاملة: الوقت الفعلي من 50 دقيقة إلى 48 دقيقة ({LRI}{minus}2{PDI})؛ "
    )
    assert section[1].endswith(f"؛ التكلفة من 20 US$ إلى 20 US$ ({LRI}0{PDI})")
    assert "," not in section[2] and ";" not in section[2]  # Arabic punctuation only


def test_an_english_comment_says_the_same_in_the_sites_words(to_be: DiffOutput) -> None:
    comment = DIFF_EMITTERS["markdown"](replace(to_be, lang="en"))
    assert _effort_section(comment, "Effort: as-is → to-be") == [
        "- “Get a permit online” against “Get a permit”:",
        "  - the whole journey: active time 50 minutes → 48 minutes (−2); "
        "waiting time 240 minutes → 25 minutes (−215); visits 1 → 0 (−1); "
        "documents 3 → 1 (−2); walking 800 metres → 0 metres (−800); "
        "cost SAR 150 → SAR 150 (0); cost $20 → $20 (0)",
        "  - stage “Apply online”: active time 25 minutes → 23 minutes (−2); "
        "waiting time 225 minutes → 10 minutes (−215); visits 1 → 0 (−1); "
        "documents 3 → 1 (−2); walking 800 metres → 0 metres (−800); "
        "cost SAR 150 → SAR 150 (0)",
    ]


def test_the_json_keeps_its_effort_text_and_its_schema(to_be: DiffOutput) -> None:
    data = json.loads(DIFF_EMITTERS["json"](to_be))
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    whole, stage = data["effort"]
    assert (whole["stage"], stage["stage"]) == (None, "visit")
    assert stage["text"].startswith("active 25 → 23 min (−2); waiting 225 → 10 min (−215);")


@pytest.mark.parametrize(
    ("measure", "before", "after", "en", "ar"),
    [
        # 5 − 185 = −180
        ("minutes", 185, 5, "active time 185 minutes → 5 minutes (−180)",
         f"الوقت الفعلي من 185 دقيقة إلى 5 دقائق ({LRI}−180{PDI})"),
        # 2 − 5 = −3; after «إلى» two minutes are oblique
        ("wait_minutes", 5, 2, "waiting time 5 minutes → 2 minutes (−3)",
         f"وقت الانتظار من 5 دقائق إلى دقيقتين ({LRI}−3{PDI})"),
        # 1,250 − 400 = +850
        ("walking_metres", 400, 1250, "walking 400 metres → 1,250 metres (+850)",
         f"المشي من 400 متر إلى 1,250 مترًا ({LRI}+850{PDI})"),
        # unknown on one side: no change
        ("wait_minutes", 30, None, "waiting time 30 minutes → —",
         "وقت الانتظار من 30 دقيقة إلى —"),
    ],
)  # fmt: skip
def test_a_measure_in_words_computed_by_hand(
    measure: str, before: float, after: float | None, en: str, ar: str
) -> None:
    m = MeasureChange(measure, None, before, after)
    assert to_markdown(measure_words(m, "en"), "en") == en
    assert plain_text(measure_words(m, "ar"), "ar") == ar
    assert "→" not in to_markdown(measure_words(m, "ar"), "ar")


def test_money_per_locale_and_a_currency_that_is_not_a_code() -> None:
    # 300 − 1,800 = −1,500
    cost = MeasureChange("cost", "SAR", 1800, 300)
    assert to_markdown(measure_words(cost, "en"), "en") == "cost SAR 1,800 → SAR 300 (−1,500)"
    assert plain_text(measure_words(cost, "ar"), "ar") == (
        f"التكلفة من 1,800 ر.س. إلى 300 ر.س. ({LRI}−1,500{PDI})"
    )
    odd = MeasureChange("cost", "<b>x", 10, 12)  # not an ISO 4217 code: the amount alone
    assert to_markdown(measure_words(odd, "en"), "en") == "cost 10 → 12 (+2)"


# --- measured figures ----------------------------------------------------------------


def _figure(period: str, value: float | None, n: int, status: str, **more: object) -> Figure:
    estimate = (
        Estimate(value, value - 2, value + 2, n, "order-statistic") if value is not None else None
    )
    cell = Cell(journey="renew-license", period=period)
    return Figure("csat", cell, n, estimate, None, status, **more)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> tuple[CheckResult, CheckResult]:
    """The base fixture with measured results before and after: a median moved in October
    2025, a figure with no estimate became suppressed in Q1 2026, and one of a period no
    calendar names is new."""
    checked = check_workspace(make_workspace(tmp_path_factory.mktemp("figures")))
    before = [
        _figure("2025-10", 12, 40, "no_target", statistic="median"),
        _figure("2026-Q1", None, 0, "no_data"),
    ]
    after = [
        _figure("2025-10", 9.5, 42, "no_target", statistic="median"),
        _figure("2026-Q1", None, 2, "suppressed"),
        _figure("wave <b>1", 70, 30, "met"),
    ]
    return (
        replace(checked, results=Results(figures=before)),
        replace(checked, results=Results(figures=after)),
    )


def _lines(sides: tuple[CheckResult, CheckResult], lang: str) -> list[str]:
    """The lines of the median that moved, the status that moved and the new figure."""
    base, head = sides
    view = DiffView(base, head)
    changes = {c.path: c for c in figure_changes(base.results, head.results)}
    assert len(changes) == 3
    paths = ("renew-license 2025-10 median", "renew-license 2026-Q1", "renew-license wave <b>1")
    return [to_markdown(describe(changes[p], view, lang).parts, lang) for p in paths]


def test_a_figure_line_names_journey_period_and_statistic_in_arabic(
    figures: tuple[CheckResult, CheckResult],
) -> None:
    moved, status, added = _lines(figures, "ar")
    # The median went from 12 [10–14] of 40 responses to 9.5 [7.5–11.5] of 42: 9.5 − 12 = −2.5.
    assert moved == (
        "تغيّر رقم: «الرضا» (الوسيط) في «تجديد الرخصة»، أكتوبر 2025: "
        f"من {LRI}12{PDI} ({LRI}10–14{PDI}، بلا مستهدف، 40 إجابة) "
        f"إلى {LRI}9.5{PDI} ({LRI}7\\.5–11\\.5{PDI}، بلا مستهدف، 42 إجابة) "
        f"({LRI}-2.5{PDI})"
    )
    assert (
        status
        == "تغيّر رقم: «الرضا» في «تجديد الرخصة»، الربع الأول 2026: من لا بيانات، 0 إجابة إلى محجوب"
    )
    assert added.startswith("رقم جديد: «الرضا» في «تجديد الرخصة»، wave \\<b\\>1: ")
    assert not any("→" in line or "renew-license" in line for line in (moved, status, added))


def test_a_figure_line_in_english(figures: tuple[CheckResult, CheckResult]) -> None:
    moved, status, added = _lines(figures, "en")
    assert moved == (
        "Figure moved: “Satisfaction” (median) on “Renew a licence”, October 2025: "
        "12 (10–14, no target, 40 responses) → "
        "9.5 (7\\.5–11\\.5, no target, 42 responses) (-2.5)"
    )
    # Only the status moved: no change in brackets; a suppressed figure shows no n.
    assert status == (
        "Figure moved: “Satisfaction” on “Renew a licence”, Q1 2026: no data, 0 responses → "
        "suppressed"
    )
    # A period no calendar names is the dataset's text: shown as written, never as markup.
    assert added == (
        "New figure: “Satisfaction” on “Renew a licence”, wave \\<b\\>1: "
        "70 (68–72, met, 30 responses)"
    )
