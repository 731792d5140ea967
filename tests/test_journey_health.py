"""Journey health on the example workspace, every figure worked out by hand from its
journey files: each persona's lowest feeling and its step, the open high-severity pains,
the effort added up, the painful steps nothing measures (CX227), the order of the
journeys overview, the three lines that open a journey page, the home page's lists."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.diagnostics import Severity
from cxdsl.journey_health import (
    JourneyHealth,
    emotion_scale,
    feelings,
    journey_health,
    journeys_by_health,
    position,
    worst_steps,
)
from cxdsl.model import Journey
from cxdsl.render.context import RenderContext
from cxdsl.site.attention_view import old_evidence, without_journey
from cxdsl.site.content import PageContext, SiteContent
from cxdsl.site.generate import generate_site
from cxdsl.site.health_view import health_summary
from cxdsl.site.markdown import Writer

from .conftest import REPO


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return check_workspace(REPO)


def health(result: CheckResult, ident: str) -> JourneyHealth:
    journey = result.index.entity("journey", ident)
    assert isinstance(journey, Journey)
    return journey_health(journey, result.workspace.settings)


def lows(h: JourneyHealth) -> list[tuple[str | None, float, str]]:
    return [(low.persona, low.value, low.step.id) for low in h.lowest]


def test_lowest_feeling_per_persona_and_its_step(result: CheckResult) -> None:
    # renew-building-permit: Khalid -1, -2 (visit-centre), 0, -1, —, 0, +1;
    # Fahad 0, -1, +1, -1, -2 (address-comments, the step only he lives), 0, +1.
    assert lows(health(result, "renew-building-permit")) == [
        ("khalid-home-owner", -2, "visit-centre"),
        ("fahad-engineering-office", -2, "address-comments"),
    ]
    # Noura: 0, +1, +1, -1, 0, -1, -2 (fix-returned-application), -1, 0, +2.
    assert lows(health(result, "issue-commercial-licence")) == [
        ("noura-cafe-founder", -2, "fix-returned-application")
    ]
    # Maria: -1, -2, -2, +1, +1: the first of the two -2 steps.
    assert lows(health(result, "file-complaint")) == [("maria-resident", -2, "route-to-contractor")]
    # To be: Khalid +1, +1, 0 (targeted-review), +1, +2; Fahad +1 first at the reminder.
    assert lows(health(result, "renew-building-permit-to-be")) == [
        ("khalid-home-owner", 0, "targeted-review"),
        ("fahad-engineering-office", 1, "expiry-reminder"),
    ]


def test_effort_of_the_permit_journey_added_up_by_hand(result: CheckResult) -> None:
    totals = health(result, "renew-building-permit").effort
    # visit-centre 80 active + 70 waiting, 1 visit, 400 m; submit-renewal 25, 3 documents;
    # plan-review 150 waiting; address-comments 240, 1,500 SAR, 2 documents;
    # pay-renewal-fee 5 + 20 waiting, 300 SAR (no currency named: the workspace's SAR).
    assert totals.minutes == 80 + 25 + 240 + 5 == 350
    assert totals.wait_minutes == 70 + 150 + 20 == 240
    assert totals.total_minutes == 590
    assert (totals.visits, totals.documents, totals.walking_metres) == (1, 5, 400)
    assert totals.cost == {"SAR": 1800}
    licence = health(result, "issue-commercial-licence").effort
    assert licence.total_minutes == 45 + 3 + 20 + 30 + 5 + 40 + 2 == 145
    assert (licence.visits, licence.cost) == (2, {"SAR": 1200})


def test_open_high_pains_and_unmeasured_painful_steps(result: CheckResult) -> None:
    permit = health(result, "renew-building-permit")
    assert [step.id for step, _ in permit.high_pains] == [
        "notice-expiry",
        "visit-centre",
        "plan-review",
        "address-comments",
    ]
    # plan-review and address-comments are measured at their stage (time-to-permit-renewal).
    assert [s.step.id for s in permit.unmeasured] == ["notice-expiry", "visit-centre"]
    assert permit.owner == "plan-reviewer"
    licence = health(result, "issue-commercial-licence")
    # civil-defense-approval's pain is medium (and accepted): not counted.
    assert [step.id for step, _ in licence.high_pains] == [
        "upload-documents",
        "fix-returned-application",
    ]
    assert licence.unmeasured == []
    # Painful: the five -2 steps, and the high pains of notice-expiry, upload-documents
    # and plan-review; all but notice-expiry and visit-centre measured.
    journeys = [j for j, _ in result.index.entities(Journey)]
    painful = [s for j in journeys for s in journey_health(j, result.workspace.settings).painful]
    assert (sum(s.measured for s in painful), len(painful)) == (6, 8)


def test_cx227_reports_the_same_steps(result: CheckResult) -> None:
    found = sorted(
        (d.span.file, d.span.line, d.message.split("'")[1])
        for d in result.diagnostics
        if d.code == "CX227" and d.span
    )
    assert [(f, step) for f, _, step in found] == [
        ("journeys/renew-building-permit.yaml", "notice-expiry"),
        ("journeys/renew-building-permit.yaml", "visit-centre"),
    ]


def test_worst_steps_and_journeys_worst_first(result: CheckResult) -> None:
    settings = result.workspace.settings
    healths = [journey_health(j, settings) for j, _ in result.index.entities(Journey)]
    worst = [s.step.id for s in worst_steps(healths)]
    # Worked out by hand from the journey files (place on the -2..+2 scale; personas at
    # -2; open high pains; measured; minutes):
    assert worst == [
        # -2 (place 0), one persona at the bottom and one high pain each but chase-by-phone:
        "visit-centre",  # Khalid -2, Fahad -1; unmeasured (CX227), 150 min
        "address-comments",  # Fahad -2; measured at its stage, 240 min
        "fix-returned-application",  # Noura -2; measured, 40 min
        "route-to-contractor",  # Maria -2; measured, no minutes
        "chase-by-phone",  # Maria -2; no high pain
        # -1 (place 0.25), nobody at the bottom: one high pain first, unmeasured first,
        "notice-expiry",  # unmeasured (CX227)
        "plan-review",  # measured, 150 min
        "upload-documents",  # measured, 30 min
        # then no high pain: unmeasured first, then the journey's own order
        "submit-complaint",  # unmeasured, 6 min
        "review-application",  # measured, no minutes, 6th step of the licence journey
        "civil-defense-approval",  # measured, no minutes, 8th step
        # 0 (place 0.5), there as its journey's longest: unmeasured first
        "targeted-review",
        "find-requirements",
        "request-online",  # +1, the to-be request journey's longest
    ]
    # A step with no low feeling and no high pain is there only as its journey's longest.
    assert "targeted-review" in worst and "sign-in" not in worst
    order = [h.journey.id for h in journeys_by_health(healths)]
    # -2 with 4, 2 and 1 high pains; then the to-be journeys (0, then +1).
    assert order == [
        "renew-building-permit",
        "issue-commercial-licence",
        "file-complaint",
        "renew-building-permit-to-be",
        "renew-building-permit-request-to-be",
    ]


def test_worst_steps_two_personas_at_the_bottom_before_one(result: CheckResult) -> None:
    # Both steps at -2; "both" hurts two personas, "one" hurts one but has a high pain,
    # no measurement and more minutes: the count of personas at the bottom decides first.
    journey = Journey.model_validate(
        {
            "id": "j",
            "title": "J",
            "persona": "a",
            "personas": ["b"],
            "stages": [
                {
                    "id": "s",
                    "title": "S",
                    "steps": [
                        {
                            "id": "one",
                            "title": "One",
                            "emotion": {"a": -2, "b": 0},
                            "pain_points": [{"text": "P", "severity": "high"}],
                            "effort": {"minutes": 90},
                        },
                        {"id": "both", "title": "Both", "emotion": -2},
                        {"id": "tie", "title": "Tie", "emotion": -2},
                    ],
                }
            ],
        }
    )
    health = journey_health(journey, result.workspace.settings)
    assert [s.step.id for s in worst_steps([health])] == ["both", "tie", "one"]


def test_a_single_emotion_is_every_persona_s(result: CheckResult) -> None:
    journey = Journey.model_validate(
        {
            "id": "j",
            "title": "J",
            "persona": "a",
            "personas": ["b"],
            "stages": [
                {"id": "s", "title": "S", "steps": [{"id": "x", "title": "X", "emotion": -1}]}
            ],
        }
    )
    step = journey.steps()[0]
    assert feelings(journey, step) == [("a", -1), ("b", -1)]
    scale = emotion_scale(journey, result.workspace.settings)
    assert (scale.min, scale.max, position(-1, scale)) == (-2, 2, 0.25)


def _side_path_journey() -> Journey:
    # "x" is one value for everyone; "y" is lived by "b" only (a side path).
    return Journey.model_validate(
        {
            "id": "j",
            "title": "J",
            "persona": "a",
            "personas": ["b"],
            "emotion_scale": "no-such-scale",
            "stages": [
                {
                    "id": "s",
                    "title": "S",
                    "steps": [
                        {"id": "x", "title": "X", "emotion": -1},
                        {"id": "y", "title": "Y", "personas": ["b"], "emotion": -2},
                    ],
                }
            ],
        }
    )


def test_diagrams_ask_journey_health_for_the_scale(result: CheckResult) -> None:
    journey = _side_path_journey()
    settings = result.workspace.settings
    ctx = RenderContext(result.index, settings, "en")
    # An unknown scale name (CX112's to report) falls back the same way for both.
    assert ctx.scale(journey) == emotion_scale(journey, settings)
    assert (ctx.scale(journey).min, ctx.scale(journey).max) == (-2, 2)


def test_diagrams_and_pages_give_a_single_emotion_to_the_same_personas(
    result: CheckResult,
) -> None:
    journey = _side_path_journey()
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    x, y = journey.steps()
    assert ctx.emotions(journey, x) == feelings(journey, x) == [("a", -1), ("b", -1)]
    assert ctx.emotions(journey, y) == feelings(journey, y) == [("b", -2)]


def test_old_evidence_and_what_no_journey_serves(result: CheckResult) -> None:
    pc = page_context(result, "en")
    # 12 months before 2026-03-18 is 2025-03-18: the interviews of that day are not older.
    old = [(e.id, months) for e, months in old_evidence(pc, dt.date(2026, 3, 18))]
    assert old == [("focus-group-engineers-2025", 13)]
    assert [e.id for e, _ in old_evidence(pc, dt.date(2026, 3, 19))] == [
        "focus-group-engineers-2025",
        "interviews-2025-q1",
    ]
    # Large enterprises: no journey names it, no persona of a journey is in it; its
    # parent (businesses) is served through SMEs. Every persona is on a journey.
    assert without_journey(pc) == [("segment", "large-enterprises")]


def page_context(result: CheckResult, lang: str) -> PageContext:
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    return PageContext(result, ctx, Writer(ctx), {}, Path("/nonexistent"))


def test_journey_page_opens_with_three_lines(result: CheckResult) -> None:
    journey = result.index.entity("journey", "renew-building-permit")
    here = "journeys/renew-building-permit.md"
    en = health_summary(page_context(result, "en"), journey, here)
    assert en.splitlines()[2:5] == [
        "- **Lowest point**: Khalid: -2 Very frustrated at [Visit the service centre]"
        "(#step-visit-centre); Fahad: -2 Very frustrated at [Address the comments]"
        "(#step-address-comments)",
        "- **Pain**: 4 high-severity pain points; 2 painful steps without measurement: "
        "[Find out the permit has expired](#step-notice-expiry), "
        "[Visit the service centre](#step-visit-centre)",
        "- **Effort**: 350 minutes active, 240 minutes waiting, 1 visit, 5 documents, "
        "400 metres on foot, SAR 1,800",
    ]
    ar = health_summary(page_context(result, "ar"), journey, here)
    lines = ar.splitlines()[2:5]
    assert lines[0].startswith('- **أدنى نقطة**: خالد: <bdi dir="ltr">&#45;2</bdi> محبط جداً عند')
    assert "؛ فهد: " in lines[0]
    assert lines[1].startswith('- **الألم**: <bdi dir="ltr">4</bdi> نقاط ألم عالية الخطورة؛ ')
    assert "خطوتان مؤلمتان بلا قياس: [" in lines[1]
    assert '<bdi dir="ltr">1,800</bdi> ر.س.' in lines[2]


@pytest.fixture(scope="module")
def sites(result: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> dict[str, SiteContent]:
    out = tmp_path_factory.mktemp("diagrams")
    return {lang: generate_site(result, [], out, lang) for lang in ("en", "ar")}


def test_home_page_says_what_needs_attention_first(
    result: CheckResult, sites: dict[str, SiteContent]
) -> None:
    home = sites["en"].pages["index.md"]
    warnings = result.count(Severity.WARNING)
    order = [
        "## Needs attention {#attention}",
        "### Worst steps {#attention-worst}",
        "### Painful steps without measurement {#attention-unmeasured}",
        "### Segments and personas without a journey {#attention-no-journey}",
        "### Evidence older than 12 months {#attention-evidence}",
        "### Measured figures off target or underpowered {#attention-measured}",
        f"Model check: the files are valid — no errors, {warnings} warnings "
        "([see the check report](check.md))",
        '<div class="cx-cards" markdown>',
        "## Customer tree",
        "## Measurement coverage",
    ]
    assert [home.index(part) for part in order] == sorted(home.index(part) for part in order)
    worst = home[home.index("{#attention-worst}") : home.index("{#attention-unmeasured}")]
    assert worst.count("\n| [") == 5  # five rows, then the rest on the attention page
    assert "[and 9 more](attention.md#attention-worst)" in worst
    first = worst[worst.index("\n| [") :].splitlines()[1]
    # Khalid -2 and Fahad -1 there, a high pain and no measurement: before "Address the
    # comments" (Fahad -2, a high pain, measured, 240 minutes).
    assert first.startswith(
        "| [Visit the service centre](journeys/renew-building-permit.md#step-visit-centre) | "
    )
    assert first.endswith("| ⚠⚠ 70-minute average wait | 150 minutes | ⚠ not measured |")
    second = worst[worst.index("\n| [") :].splitlines()[2]
    assert second.startswith(
        "| [Address the comments](journeys/renew-building-permit.md#step-address-comments) | "
    )
    assert "| Painful steps measured | 6 / 8 |" in home
    arabic = sites["ar"].pages["index.md"]
    assert "فحص ملفات النموذج: الملفات سليمة — " in arabic
    assert "([انظر تقرير الفحص](check.md))" in arabic
    assert "أصعب الخطوات على المستفيد" in arabic
    assert "العميل" not in arabic


def test_attention_page_holds_every_list_whole(sites: dict[str, SiteContent]) -> None:
    page = sites["en"].pages["attention.md"]
    worst = page[page.index("{#attention-worst}") : page.index("{#attention-unmeasured}")]
    assert worst.count("\n| [") == 14 and "more](" not in worst
    measured = page[page.index("{#attention-measured}") :]
    assert "### ✘ Not met" in measured and "### ⚠ Underpowered" in measured


def test_journeys_overview_worst_first_with_health(sites: dict[str, SiteContent]) -> None:
    page = sites["en"].pages["journeys/index.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert [row.split("](")[1].split(")")[0] for row in rows] == [
        "../journeys/renew-building-permit.md",
        "../journeys/issue-commercial-licence.md",
        "../journeys/file-complaint.md",
        "../journeys/renew-building-permit-to-be.md",
        "../journeys/renew-building-permit-request-to-be.md",
    ]
    cells = [words(c) for c in rows[0].strip("|").split(" | ")]
    assert cells[1] == (
        "[Khalid](../personas/khalid-home-owner.md), "
        "[Fahad](../personas/fahad-engineering-office.md)"
    )
    assert cells[3] == (
        "Khalid: -2 Very frustrated at [Visit the service centre]"
        "(../journeys/renew-building-permit.md#step-visit-centre)<br>"
        "Fahad: -2 Very frustrated at [Address the comments]"
        "(../journeys/renew-building-permit.md#step-address-comments)"
    )
    assert cells[4:7] == ["4", "2", "590 minutes<br>1 visit<br>SAR 1,800"]
    assert cells[7] == "[Engineering plan reviewer](../catalog/actors.md#actor-plan-reviewer)"
    licence = [words(c) for c in rows[1].strip("|").split(" | ")]
    assert licence[4:7] == ["2", "0", "145 minutes<br>2 visits<br>SAR 1,200"]
    arabic = words(sites["ar"].pages["journeys/index.md"])
    assert (
        '<bdi dir="ltr">590</bdi> دقيقة<br>زيارة واحدة<br><bdi dir="ltr">1,800</bdi> ر.س.' in arabic
    )


def words(markdown: str) -> str:
    """A cell as read: the spans that keep an amount on one line left out."""
    return re.sub(r'<span style="white-space:nowrap">(.*?)</span>', r"\1", markdown).strip()
