"""The Measured section of the site, from a ``Results`` built by hand (the engine is not
needed): a journey's cards, matrix and per-step charts in English and Arabic, the metric
page's blocks, the home page's attention list and the customer tree's measured volumes.

Snapshots: ``CXDSL_UPDATE_SNAPSHOTS=1 pytest tests/results`` rewrites them (review the diff).
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build as mkdocs_build
from playwright.sync_api import Browser

from cxdsl.build import Prepared, site_config
from cxdsl.cache import BUILT_DIAGRAMS, DIAGRAM_CACHE
from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.i18n import LRI, PDI, RLI, with_unit
from cxdsl.render.chart_parts import number
from cxdsl.render.context import RenderContext
from cxdsl.render.pipeline import plan_diagrams, render_diagrams
from cxdsl.results.figures import (
    Association,
    Cell,
    Estimate,
    Figure,
    FunnelStep,
    Method,
    Results,
    Status,
    StepReading,
)
from cxdsl.site.content import PageContext, SiteContent
from cxdsl.site.generate import RESULTS_CHARTS, generate_site
from cxdsl.site.markdown import Writer
from cxdsl.site.measured_steps import association_sentence, pooled_drop_off
from cxdsl.site.mkdocs_config import read_mkdocs_config
from cxdsl.site.mkdocs_run import MkdocsLog, run_mkdocs
from cxdsl.site.plugin import CxdslPlugin
from tests.conftest import REPO, make_workspace

SNAPSHOTS = Path(__file__).parent / "snapshots"
HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
PERIODS = ["2025-Q3", "2025-Q4", "2026-Q1"]

#: A journey of three stages and six steps, measured by four metrics (one per stage).
JOURNEY = """\
kind: journey
id: permit
title: {{ar: تصريح البناء, en: Building permit}}
persona: sara
stages:
  - id: apply
    title: {{ar: التقديم, en: Apply}}
    steps:
      - {{id: start, title: {start}, channel: portal, emotion: 0}}
      - {{id: upload, title: {{ar: رفع المستندات, en: Upload documents}}, channel: portal,
          emotion: -1}}
  - id: review
    title: {{ar: المراجعة, en: Review}}
    steps:
      - {{id: pay, title: {{ar: الدفع, en: Pay the fee}}, channel: portal, emotion: -2}}
      - {{id: wait, title: {{ar: الانتظار, en: Wait}}, channel: portal, emotion: -1}}
  - id: receive
    title: {{ar: الاستلام, en: Receive}}
    steps:
      - {{id: notify, title: {{ar: الإشعار, en: Notification}}, channel: portal, emotion: 1}}
      - {{id: collect, title: {{ar: الاستلام, en: Collect}}, channel: kiosk-app, emotion: 2}}
measurement_plan:
  - {{metric: csat, trigger: {{step: collect}}}}
  - {{metric: nps, trigger: {{step: collect}}}}
  - {{metric: ease, stages: each}}
  - {{metric: wait-time}}
"""
METRICS = """\
kind: metric
id: nps
name: {nps}
type: nps
unit: points
owner: clerk
instrument: survey
target: 25
---
kind: metric
id: ease
name: {{ar: سهولة الإنجاز, en: Ease}}
type: ces
unit: 1-7
owner: clerk
instrument: survey
target: 5
---
kind: metric
id: wait-time
name: {{ar: وقت الانتظار, en: Waiting time}}
type: time_to_complete
unit: days
owner: clerk
instrument: survey
direction: lower_is_better
target: 5
"""


def e(value: float, low: float, high: float, n: int, method: Method = "wilson") -> Estimate:
    return Estimate(value, low, high, n, method)


def fig(
    metric: str,
    period: str,
    status: Status,
    estimate: Estimate | None,
    target: float | None,
    *,
    stage: str | None = None,
    segment: str | None = None,
    n: int = 0,
    provisional: bool = False,
    change: float | None = None,
    significant: bool | None = None,
) -> Figure:
    cell = Cell("permit", period, stage=stage, segment=segment)
    count = estimate.n if estimate else n
    return Figure(metric, cell, count, estimate, target, status, provisional, change, significant)


def hand_results(periods: list[str] = PERIODS) -> Results:
    """Two metrics over three quarters (met, underpowered, not met and provisional,
    suppressed, inconclusive), a criterion across stages, readings, a funnel, an
    association and the segments' volumes."""
    q3, q4, q1 = periods
    figures = [
        fig("csat", q3, "met", e(82, 78.1, 85.5, 400), 80),
        fig("csat", q4, "underpowered", e(79, 70.2, 86.1, 60), 80, change=-3, significant=False),
        fig(
            "csat",
            q1,
            "not_met",
            e(74.5, 71, 77.8, 520),
            80,
            provisional=True,
            change=-4.5,
            significant=True,
        ),
        fig("csat", q1, "underpowered", e(70, 55, 82, 30), 80, segment="citizens"),
        fig("nps", q3, "suppressed", None, 25, n=6),
        fig("nps", q4, "inconclusive", e(20, 8.5, 31.5, 150, "nps"), 25),
        fig("nps", q1, "met", e(31, 27, 35, 600, "nps"), 25, change=11, significant=True),
        fig("ease", q4, "met", e(5.4, 5.1, 5.7, 120, "t"), 5, stage="apply"),
        fig("ease", q4, "not_met", e(4.2, 3.9, 4.5, 110, "t"), 5, stage="review"),
        fig("ease", q4, "suppressed", None, 5, stage="receive", n=4),
        fig("ease", q1, "met", e(5.6, 5.3, 5.9, 130, "t"), 5, stage="apply"),
        fig("ease", q1, "inconclusive", e(4.8, 4.4, 5.2, 90, "t"), 5, stage="review"),
        fig("ease", q1, "met", e(5.9, 5.5, 6.3, 80, "t"), 5, stage="receive", provisional=True),
    ]
    emotion = {"start": 0.2, "upload": -0.9, "pay": -1.6, "wait": -1.2, "notify": 0.8}
    readings = [
        StepReading("permit", step, "emotion", 200, e(v, v - 0.3, v + 0.3, 200, "t"))
        for step, v in emotion.items()
    ]
    readings.append(StepReading("permit", "collect", "emotion", 7, None))
    readings += [
        StepReading("permit", "upload", "expected", 150, e(4.1, 3.9, 4.3, 150, "t")),
        StepReading("permit", "upload", "perceived", 150, e(3.2, 3.0, 3.4, 150, "t")),
        StepReading("permit", "pay", "expected", 140, e(3.8, 3.6, 4.0, 140, "t")),
        StepReading("permit", "pay", "perceived", 8, None),
        StepReading("permit", "collect", "expected", 90, e(4.5, 4.3, 4.7, 90, "t")),
        StepReading("permit", "collect", "perceived", 90, e(4.6, 4.4, 4.8, 90, "t")),
    ]
    steps = ["start", "upload", "pay", "wait", "notify", "collect"]
    lost = {"start": 10.0, "upload": 25.0, "pay": 30.0, "wait": 20.0, "notify": 5.0}
    funnels = []
    for period, first in ((q4, 1000), (q1, 2000)):
        reached = first
        for step in steps:
            share = lost.get(step)
            drop = e(share, share - 2, share + 2, reached) if share is not None else None
            funnels.append(FunnelStep("permit", period, step, reached, drop))
            reached = round(reached * (1 - (share or 0) / 100))
    association = Association("permit", "drop_off", -0.9, 5, 0.037, True)
    return Results(figures, readings, funnels, [association], {"people": 1240}, list(periods))


def checked(tmp: Path, hostile: bool = False) -> CheckResult:
    """The base fixture workspace with the journey and metrics above, checked; ``hostile``:
    the first step's title and a metric's name are HTML and script, in every language."""
    ws = make_workspace(tmp)
    texts = {"start": "{ar: البدء, en: Start}", "nps": "{ar: صافي نقاط الترويج, en: NPS}"}
    if hostile:
        texts = dict.fromkeys(texts, "'" + HOSTILE.replace("'", "''") + "'")
    (ws / "journeys" / "permit.yaml").write_text(JOURNEY.format(**texts), encoding="utf-8")
    (ws / "journeys" / "metrics.yaml").write_text(METRICS.format(**texts), encoding="utf-8")
    result = check_workspace(ws)
    assert result.ok, [d.render() for d in result.diagnostics]
    return result


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    result = checked(tmp_path_factory.mktemp("measured"))
    result.results = hand_results()
    return result


@pytest.fixture(scope="module")
def sites(result: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> dict[str, SiteContent]:
    out = tmp_path_factory.mktemp("diagrams")
    return {lang: generate_site(result, [], out, lang) for lang in ("en", "ar")}


def section(page: str) -> str:
    """The Measured section of a journey page (to its end)."""
    return page[page.rindex("\n## ", 0, page.index("{#measured}")) :]


def rows(markdown_text: str, first_cell: str) -> list[list[str]]:
    """The cells of every table row whose first cell starts with ``first_cell``."""
    found = []
    for line in markdown_text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.strip().startswith("|") and cells[0].startswith(first_cell):
            found.append(cells)
    return found


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_measured_section_of_a_journey(
    sites: dict[str, SiteContent], lang: str, snapshot: Callable[[Path, str], None]
) -> None:
    page = sites[lang].pages["journeys/permit.md"]
    snapshot(SNAPSHOTS / f"measured-permit.{lang}.md", section(page))
    # After the plan, at the end of the page; every chart it shows is a file of the site.
    assert page.index("{#measured}") > page.index(
        "\n## " + ("Measurement plan" if lang == "en" else "خطة القياس")
    )
    shown = re.findall(r"\]\(\.\./(diagrams/[^)]+\.svg)\)", section(page))
    assert shown and set(shown) <= set(sites[lang].files)
    for path in shown:
        assert sites[lang].files[path].read_text(encoding="utf-8").startswith("<svg")


def test_every_chart_is_written_once_per_language(sites: dict[str, SiteContent]) -> None:
    names = {
        "measured-trend-csat",
        "measured-trend-nps",
        "measured-emotion",
        "measured-funnel",
        "measured-expected-perceived",
        "measured-association",
    }
    for lang, site in sites.items():
        charts = {p: f for p, f in site.files.items() if "/measured-" in p}
        assert {Path(p).stem for p in charts} == names
        assert all(f.parent.parent.parent.name == lang for f in charts.values())
        assert all(RESULTS_CHARTS in f.parts for f in charts.values())


def test_cards_show_the_latest_figure_and_say_no_data(sites: dict[str, SiteContent]) -> None:
    text = section(sites["en"].pages["journeys/permit.md"])
    cards = re.split(r'<div class="cx-result[ "]', text[: text.index("??? info")])[1:]
    csat, nps, wait = cards
    # CSAT 2026-Q1: 74.5 (71–77.8), n = 520, target 80, not met, provisional, −4.5 beyond noise.
    assert "&#55;&#52;.5</span>" in csat and "71–77.8" in csat and "n &#61; 520" in csat
    assert "✘ Not met" in csat and "† provisional" in csat
    assert "&#45;4.5 since Q4 2025 &#40;larger than the noise&#41;" in csat
    assert "31 points" in nps and "✔ Met" in nps and "&#43;11 since Q4 2025" in nps
    assert "Waiting time" in wait and "– No data" in wait and "measured-trend" not in wait


def test_statuses_read_without_colour(sites: dict[str, SiteContent]) -> None:
    symbols = {
        "met": "✔",
        "not_met": "✘",
        "inconclusive": "≈",
        "underpowered": "⚠",
        "no_data": "–",
        "suppressed": "🔒",
        "no_target": "○",
    }
    for lang, site in sites.items():
        text = section(site.pages["journeys/permit.md"])
        found = re.findall(r'<span class="cx-status cx-status-(\w+)">(\S+) (\w)', text)
        assert {status for status, _, _ in found} == {
            "met",
            "not_met",
            "inconclusive",
            "underpowered",
            "no_data",
            "suppressed",
        }
        for status, symbol, _word in found:
            assert symbol == symbols[status], (lang, status)


def test_suppressed_cells_show_no_value(sites: dict[str, SiteContent]) -> None:
    text = section(sites["en"].pages["journeys/permit.md"])
    # NPS in 2025-Q3 (6 responses): no value, no interval, no n; why is said.
    (q3,) = [r for r in rows(text, "Q3 2025") if "points" in r[4]]
    assert q3[1:4] == ["—", "—", "—"]
    assert "🔒 Suppressed <small>(fewer than 10 responses)</small>" in q3[5]
    # Ease at the Receive stage in 2025-Q4 (4 responses): the status alone.
    (ease_q4,) = [r for r in rows(text, "[Ease]") if "Not met" in r[2]]
    assert re.sub(r"<[^>]+>", "", ease_q4[3]) == "🔒 Suppressed (fewer than 10 responses)"
    # The emotion of Collect, and what was perceived when paying (7 and 8 answers).
    (collect,) = rows(text, "6. Collect")[:1]
    assert collect[2].startswith("🔒") and collect[3:] == ["—", "—"]


def test_matrix_shows_the_latest_period_first_then_the_others(
    sites: dict[str, SiteContent],
) -> None:
    text = section(sites["en"].pages["journeys/permit.md"])
    matrix = text[text.index("### Criteria × stages") : text.index("### Measured emotion")]
    earlier = matrix.index('??? note "Earlier periods &#40;1&#41;"')
    assert matrix.index("**Q1 2026** (latest)") < earlier < matrix.index("    **Q4 2025**")
    latest, older = rows(matrix, "[Ease]")
    assert "&#53;.6 &#40;1-7&#41;" in latest[1] and "&#53;.3–5.9" in latest[1]
    assert "✔ Met" in latest[1]
    assert "✘ Not met" in older[2] and "Suppressed" in older[3]
    assert "Q3 2025" not in matrix  # no figure per stage in that quarter


def test_funnel_and_association_tables(sites: dict[str, SiteContent]) -> None:
    text = section(sites["en"].pages["journeys/permit.md"])
    funnel = text[text.index("### Funnel") : text.index("### Expected vs perceived")]
    # 2026-Q1: 2,000 start, 10 % lost → 1,800; 25 % lost → 1,350; 30 % → 945; 20 % → 756.
    assert [r[1] for r in rows(funnel, "")[2:8]] == ["2,000", "1,800", "1,350", "945", "756", "718"]
    association = text[text.index("### Do emotions explain behaviour?") :]
    assert "ρ &#61; -0.90, n &#61; 5, p &#61; 0.037" in association
    assert "Steps where people feel worse lose more people" in association
    # Drop-off over both quarters: each step lost the same share in each, so the same.
    assert [r[2] for r in rows(association, "")[2:]] == ["10%", "25%", "30%", "20%", "5%"]


def part(page: str, start: str, end: str | None = None) -> str:
    """The text of ``page`` from ``start`` to ``end`` (or to the page's end)."""
    begin = page.index(start)
    return page[begin : page.index(end, begin) if end else len(page)]


def body_rows(markdown_text: str) -> list[list[str]]:
    """The cells of every table row but the headers (and their separators)."""
    found = rows(markdown_text, "")
    separator = [r[0].startswith("---") for r in found] + [False]
    return [r for k, r in enumerate(found) if not separator[k] and not separator[k + 1]]


def text_of(cell: str) -> str:
    """A cell as it reads: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", cell))


CSAT_LINK = "[Satisfaction](metrics/index.md#metric-csat)"
PERMIT_LINK = "[Building permit](journeys/permit.md)"


def test_home_page_lists_what_is_off_target_and_underpowered(sites: dict[str, SiteContent]) -> None:
    # The attention page holds every figure off target or underpowered in its latest period.
    whole = part(sites["en"].pages["attention.md"], "## Measured figures off target")
    not_met = part(whole, "### ✘ Not met", "### ⚠ Underpowered")
    underpowered = part(whole, "### ⚠ Underpowered")
    # Only each cell's latest figure: CSAT 2026-Q1 (not met); ease at Review was not met in
    # 2025-Q4 but is inconclusive in 2026-Q1, CSAT was underpowered in 2025-Q4 only.
    (csat,) = rows(not_met, "[Satisfaction]")
    assert csat[:4] == [CSAT_LINK, PERMIT_LINK, "—", "Q1 2026"]
    assert [text_of(c) for c in csat[4:7]] == ["74.5", "71–77.8", "520"]
    assert "[Ease]" not in not_met and "Q4 2025" not in whole
    # Breakdowns are many in real results: collapsed under their own title.
    assert '??? note "By stage, step, segment, channel or persona (1)"' in underpowered
    (citizens,) = rows(underpowered, "[Satisfaction]")
    assert citizens[:4] == [CSAT_LINK, PERMIT_LINK, "Segment: Citizens", "Q1 2026"]
    assert citizens[6] == "30" and "⚠ Underpowered" in citizens[8]
    # The home page: the journeys' own figures first, linked to the whole list.
    home = part(sites["en"].pages["index.md"], "{#attention-measured}", "cx-model-health")
    assert [r[:3] for r in body_rows(home)] == [[CSAT_LINK, PERMIT_LINK, "Q1 2026"]]
    assert "[and 1 more](attention.md#attention-measured)" in home
    # In Arabic the period in words, its year isolated, on both pages.
    quarter = 'الربع الأول <bdi dir="ltr">2026</bdi>'
    arabic = sites["ar"].pages
    home_ar = part(arabic["index.md"], "{#attention-measured}", "cx-model-health")
    assert [r[2] for r in body_rows(home_ar)] == [quarter]
    whole_ar = part(arabic["attention.md"], "{#attention-measured}")
    assert [r[3] for r in body_rows(whole_ar)] == [quarter, quarter]


def test_home_page_links_breakdowns_when_they_are_all_off_target(
    result: CheckResult, tmp_path: Path
) -> None:
    """Where only breakdowns need attention, the home page says how many and links them
    (not "none" followed by "and 1 more")."""
    results = hand_results()
    results.figures = [f for f in results.figures if f.metric != "csat" or f.cell.segment]
    only = CheckResult(result.workspace, result.index, result.diagnostics, results)
    labels = {
        "en": "By stage, step, segment, channel or persona (1)",
        "ar": 'حسب المرحلة أو الخطوة أو الشريحة أو القناة أو الشخصية (<bdi dir="ltr">1</bdi>)',
    }
    for lang, label in labels.items():
        site = generate_site(only, [], tmp_path, lang)
        home = part(site.pages["index.md"], "{#attention-measured}", "cx-model-health")
        assert not body_rows(home) and "*none*" not in home and "لا يوجد" not in home
        assert home.count("](attention.md#attention-measured)") == 1
        assert f"[{label}](attention.md#attention-measured)" in home
        # There: the one figure, with its segment and sample.
        (citizens,) = body_rows(part(site.pages["attention.md"], "{#attention-measured}"))
        assert (
            citizens[0].endswith("(metrics/index.md#metric-csat)") and text_of(citizens[6]) == "30"
        )


def test_a_period_from_the_data_is_text_on_the_home_page(tmp_path: Path) -> None:
    """The latest period (whose figures the home page lists) holding HTML and script."""
    result = checked(tmp_path)
    period = '2026-Q1"><script>window.__xss=4</script>|'
    result.results = hand_results([*PERIODS[:2], period])
    for lang in ("en", "ar"):
        site = generate_site(result, [], tmp_path / "out", lang)
        for page in ("index.md", "attention.md"):
            html_page = markdown.markdown(site.pages[page], extensions=EXTENSIONS)
            assert "<script>" not in html_page, (lang, page)
            assert '2026-Q1"><script>window.__xss=4</script>|' in "".join(
                _rendered_text(site.pages[page])
            )


def test_customer_tree_shows_measured_beside_estimated_volume(
    sites: dict[str, SiteContent],
) -> None:
    tree = sites["en"].pages["customer-tree.md"]
    people = tree[tree.index("## People") : tree.index("## Citizens")]
    assert "| Measured volume | 1,240 |" in people
    citizens = tree[tree.index("## Citizens") :]
    assert "| Measured volume | – No data &#40;none, or fewer than 10&#41; |" in citizens


def test_metrics_page_shows_each_journeys_figures_and_trend(sites: dict[str, SiteContent]) -> None:
    page = sites["en"].pages["metrics/index.md"]
    csat = part(page, "{#metric-csat}", "{#metric-nps}")
    measured = part(csat, "**Measured**")
    assert "[Building permit](../journeys/permit.md)" in measured
    assert "../diagrams/journeys/permit/measured-trend-csat.svg" in measured
    # Newest first: value, interval, n, target, status, change since the period before.
    assert [[text_of(c) for c in r] for r in body_rows(measured)] == [
        [
            *("Q1 2026", "74.5", "71–77.8", "520", "80", "✘ Not met † provisional"),
            "-4.5 since Q4 2025 (larger than the noise)",
        ],
        [
            *("Q4 2025", "79", "70.2–86.1", "60", "80", "⚠ Underpowered"),
            "-3 since Q3 2025 (within the noise)",
        ],
        ["Q3 2025", "82", "78.1–85.5", "400", "80", "✔ Met", "—"],
    ]
    nps = part(page, "{#metric-nps}", "{#metric-ease}")
    assert "../diagrams/journeys/permit/measured-trend-nps.svg" in nps
    assert [
        [text_of(c) for c in r[:2]] + [text_of(r[5])] for r in body_rows(part(nps, "**Measured**"))
    ] == [
        ["Q1 2026", "31 points", "✔ Met"],
        ["Q4 2025", "20 points", "≈ Inconclusive"],
        ["Q3 2025", "—", "🔒 Suppressed (fewer than 10 responses)"],
    ]
    wait = part(page, "{#metric-wait-time}", "## Instruments")
    assert "– No data" in wait
    # In Arabic: the periods in words, each year and figure isolated.
    arabic = part(sites["ar"].pages["metrics/index.md"], "{#metric-csat}", "{#metric-nps}")
    latest, *earlier = body_rows(part(arabic, "**القياس الفعلي**"))
    assert [r[0] for r in [latest, *earlier]] == [
        'الربع الأول <bdi dir="ltr">2026</bdi>',
        'الربع الرابع <bdi dir="ltr">2025</bdi>',
        'الربع الثالث <bdi dir="ltr">2025</bdi>',
    ]
    assert latest[6] == (
        '<bdi dir="ltr">&#45;4.5</bdi> منذ الربع الرابع <bdi dir="ltr">2025</bdi>'
        " &#40;تغيّر دالّ إحصائياً&#41;"
    )


def test_metrics_page_shows_a_metric_measured_per_stage(sites: dict[str, SiteContent]) -> None:
    """Ease is measured at each stage, never for the whole journey: its figures by stage
    (newest period first, stages in the journey's order), not "No data"."""
    ease = part(sites["en"].pages["metrics/index.md"], "{#metric-ease}", "{#metric-wait-time}")
    measured = part(ease, "**Measured**")
    assert "– No data" not in measured
    assert "[Building permit](../journeys/permit.md) (at each stage)" in measured
    assert [[text_of(c) for c in r[:5]] + [text_of(r[6])] for r in body_rows(measured)] == [
        ["Q1 2026", "Apply", "5.6 (1-7)", "5.3–5.9", "130", "✔ Met"],
        ["Q1 2026", "Review", "4.8 (1-7)", "4.4–5.2", "90", "≈ Inconclusive"],
        ["Q1 2026", "Receive", "5.9 (1-7)", "5.5–6.3", "80", "✔ Met † provisional"],
        ["Q4 2025", "Apply", "5.4 (1-7)", "5.1–5.7", "120", "✔ Met"],
        ["Q4 2025", "Review", "4.2 (1-7)", "3.9–4.5", "110", "✘ Not met"],
        ["Q4 2025", "Receive", "—", "—", "—", "🔒 Suppressed (fewer than 10 responses)"],
    ]
    arabic = part(sites["ar"].pages["metrics/index.md"], "{#metric-ease}", "{#metric-wait-time}")
    first = body_rows(part(arabic, "**القياس الفعلي**"))[0]
    assert first[:2] == ['الربع الأول <bdi dir="ltr">2026</bdi>', "التقديم"]


def test_a_journey_without_results_has_no_measured_section(
    result: CheckResult, sites: dict[str, SiteContent], tmp_path: Path
) -> None:
    assert "{#measured}" not in sites["en"].pages["journeys/renew-license.md"]
    bare = CheckResult(result.workspace, result.index, result.diagnostics, None)
    for lang in ("en", "ar"):
        plain = generate_site(bare, [], tmp_path, lang)
        # The page of a journey nothing was measured for is the same with or without results.
        assert (
            plain.pages["journeys/renew-license.md"]
            == sites[lang].pages["journeys/renew-license.md"]
        )
        assert "{#measured}" not in plain.pages["journeys/permit.md"]
        assert not [p for p in plain.files if "/measured-" in p]
        for page in ("index.md", "customer-tree.md", "metrics/index.md"):
            assert plain.pages[page] != sites[lang].pages[page]
            assert "cx-status" not in plain.pages[page]


def test_charts_no_page_shows_are_removed(result: CheckResult, tmp_path: Path) -> None:
    generate_site(result, [], tmp_path, "en")
    folder = tmp_path / RESULTS_CHARTS / "en"
    assert len(list(folder.rglob("*.svg"))) == 6
    bare = CheckResult(result.workspace, result.index, result.diagnostics, Results())
    generate_site(bare, [], tmp_path, "en")
    assert list(folder.rglob("*.svg")) == []


def test_two_statistics_of_one_metric_are_two_cards(result: CheckResult, tmp_path: Path) -> None:
    results = hand_results()
    q1 = PERIODS[-1]
    results.figures += [
        replace(
            fig("wait-time", q1, "met", e(4, 3, 5, 50, "order-statistic"), 5), statistic="median"
        ),
        replace(
            fig("wait-time", q1, "no_target", e(9, 7, 12, 50, "order-statistic"), None),
            statistic="p90",
        ),
    ]
    both = CheckResult(result.workspace, result.index, result.diagnostics, results)
    site = generate_site(both, [], tmp_path, "en")
    text = section(site.pages["journeys/permit.md"])
    cards = re.split(r'<div class="cx-result[ "]', text[: text.index("??? info")])[1:]
    assert [c.split("**")[1].rsplit(") ", 1)[-1] for c in cards[2:]] == [
        "(median)",
        "(90th percentile)",
    ]
    assert "– No data" not in "".join(cards[2:])
    assert {
        "diagrams/journeys/permit/measured-trend-wait-time-median.svg",
        "diagrams/journeys/permit/measured-trend-wait-time-p90.svg",
    } <= set(site.files)
    # The p90 has no target (the metric's target is for its median): no target line.
    files = site.files
    median = files["diagrams/journeys/permit/measured-trend-wait-time-median.svg"].read_text(
        "utf-8"
    )
    p90 = files["diagrams/journeys/permit/measured-trend-wait-time-p90.svg"].read_text("utf-8")
    assert 'stroke-dasharray="5 3"' in median and 'stroke-dasharray="5 3"' not in p90


def test_each_series_reads_in_its_own_cadence(result: CheckResult, tmp_path: Path) -> None:
    """Monthly figures beside quarterly ones: each card, trend and table keeps its own
    periods, and a change is since the series' own previous period."""
    results = hand_results()
    results.periods = ["2025-Q3", "2025-12", "2025-Q4", "2026-01", "2026-02", "2026-Q1"]
    results.figures += [
        fig("wait-time", "2026-01", "not_met", e(9, 8, 10, 40, "t"), 5),
        fig("wait-time", "2026-02", "not_met", e(7, 6, 8, 45, "t"), 5, change=-2, significant=True),
    ]
    mixed = CheckResult(result.workspace, result.index, result.diagnostics, results)
    site = generate_site(mixed, [], tmp_path, "en")
    text = section(site.pages["journeys/permit.md"])
    csat, _, wait = re.split(r'<div class="cx-result[ "]', text[: text.index("??? info")])[1:]
    # Since the series' own previous period: January for the monthly, Q4 for the quarterly
    # (not February, the period just before 2026-Q1 in the workspace's order).
    assert "&#45;2 since January 2026" in wait and "<small>February 2026</small>" in wait
    assert "&#45;4.5 since Q4 2025" in csat and "<small>Q1 2026</small>" in csat
    tables = text[text.index("??? info") : text.index("### Criteria")]
    assert [r[0] for r in body_rows(tables)] == [
        *(["Q1 2026", "Q4 2025", "Q3 2025"] * 2),
        "February 2026",
        "January 2026",
    ]
    svg = "{http://www.w3.org/2000/svg}text"
    charts = {
        name: ET.fromstring(
            site.files[f"diagrams/journeys/permit/measured-trend-{name}.svg"].read_text("utf-8")
        )
        for name in ("wait-time", "csat")
    }
    labels = {name: [t.text for t in chart.iter(svg)] for name, chart in charts.items()}
    assert labels["wait-time"][-2:] == ["January 2026", "February 2026"]
    assert labels["csat"][-3:] == ["Q3 2025", "Q4 2025", "Q1 2026"]
    assert not [x for x in labels["csat"] if x and ("2025-12" in x or "December" in x)]
    # The metrics page and the attention page read each series in its own periods too.
    page = site.pages["metrics/index.md"]
    wait_rows = body_rows(part(part(page, "{#metric-wait-time}", "## Instruments"), "**Measured**"))
    assert [r[0] for r in wait_rows] == ["February 2026", "January 2026"]
    assert text_of(wait_rows[0][6]) == "-2 since January 2026 (larger than the noise)"
    not_met = part(site.pages["attention.md"], "### ✘ Not met", "### ⚠ Underpowered")
    assert [(r[0], r[3]) for r in body_rows(not_met)] == [
        (CSAT_LINK, "Q1 2026"),
        ("[Waiting time](metrics/index.md#metric-wait-time)", "February 2026"),
    ]
    # In Arabic: months by their Arabic names, each year isolated (bdi on pages, LRI…PDI
    # inside the chart's right-to-left label).
    site = generate_site(mixed, [], tmp_path, "ar")
    wait = re.split(r'<div class="cx-result[ "]', section(site.pages["journeys/permit.md"]))[3]
    assert '<bdi dir="ltr">&#45;2</bdi> منذ يناير <bdi dir="ltr">2026</bdi>' in wait
    assert '<small>فبراير <bdi dir="ltr">2026</bdi></small>' in wait
    chart = site.files["diagrams/journeys/permit/measured-trend-wait-time.svg"].read_text("utf-8")
    labels = [t.text for t in ET.fromstring(chart).iter(svg)]
    assert labels[-2:] == [f"{RLI}يناير {LRI}2026{PDI}{PDI}", f"{RLI}فبراير {LRI}2026{PDI}{PDI}"]
    home = part(site.pages["index.md"], "{#attention-measured}", "cx-model-health")
    assert [r[2] for r in body_rows(home)] == [
        'الربع الأول <bdi dir="ltr">2026</bdi>',
        'فبراير <bdi dir="ltr">2026</bdi>',
    ]


class _Tags(HTMLParser):
    """Every element and attribute of rendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc"]


def test_model_and_data_text_never_becomes_markup(tmp_path: Path) -> None:
    """A step title, a metric name and a period holding HTML and script: shown as text
    on every page and in every chart, in both languages."""
    result = checked(tmp_path, hostile=True)
    period = '2025-Q4"><script>window.__xss=3</script>'
    result.results = hand_results([PERIODS[0], period, PERIODS[2]])
    for lang in ("en", "ar"):
        site = generate_site(result, [], tmp_path / "out", lang)
        for path, page in site.pages.items():
            parser = _Tags()
            parser.feed(markdown.markdown(page, extensions=EXTENSIONS))
            assert not [t for t, _ in parser.tags if t in ("script", "iframe")], path
            images = [dict(attrs).get("src") or "" for t, attrs in parser.tags if t == "img"]
            assert all(re.fullmatch(r"(\.\./)*diagrams/[\w/-]+\.svg", src) for src in images)
            assert not [a for _, attrs in parser.tags for a, _ in attrs if a.startswith("on")]
        text = "".join(_rendered_text(site.pages["journeys/permit.md"]))
        assert (
            "<script>window.__xss=2</script>" in text and "<script>window.__xss=3</script>" in text
        )
        charts = [f for p, f in site.files.items() if "/measured-" in p]
        assert len(charts) == 6
        for chart in charts:
            root = ET.fromstring(chart.read_text(encoding="utf-8"))
            tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
            assert not tags & {"script", "img", "foreignObject", "a", "iframe"}, chart
            assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]
        every = " ".join(
            "".join(ET.fromstring(chart.read_text(encoding="utf-8")).itertext()) for chart in charts
        )
        assert "<script>window.__xss=2</script>" in every  # the step title, as text
        assert "<script>window.__xss=3</script>" in every  # the period, as text


def _rendered_text(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(markdown.markdown(page, extensions=EXTENSIONS))
    return parser.text


def page_context(result: CheckResult, lang: str, out: Path) -> PageContext:
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    return PageContext(result, ctx, Writer(ctx), {}, out)


@pytest.mark.parametrize(
    ("association", "sentence"),
    [
        (
            Association("permit", "drop_off", 0.95, 6, 0.004, True),
            "ρ &#61; 0.95, n &#61; 6, p &#61; 0.004. Steps where people feel better lose more "
            "people: look for another cause of drop-off &#40;a correlation, not proof of "
            "cause&#41;.",
        ),
        (
            Association("permit", "drop_off", -1.0, 3, 0.0, False),
            "ρ &#61; -1.00, n &#61; 3, p &#60; 0.001. The evidence is too thin to conclude that "
            "emotions explain drop-off here: fewer than 5 steps.",
        ),
        (
            Association("permit", "drop_off", -0.3, 8, 0.47, False),
            "ρ &#61; -0.30, n &#61; 8, p &#61; 0.470. The evidence is too thin to conclude that "
            "emotions explain drop-off here: a correlation this weak could be chance.",
        ),
    ],
)
def test_what_the_association_allows_is_said_plainly(
    result: CheckResult, tmp_path: Path, association: Association, sentence: str
) -> None:
    pc = page_context(result, "en", tmp_path)
    said = association_sentence(pc, association)
    assert said == "Spearman&#39;s rank correlation across the steps: " + sentence or said.endswith(
        sentence
    )
    assert said.endswith(sentence)


def test_no_correlation_without_steps_to_correlate(result: CheckResult, tmp_path: Path) -> None:
    none = Association("permit", "drop_off", None, 1, None, False)
    pc = page_context(result, "en", tmp_path)
    assert association_sentence(pc, none, md=False) == (
        "Too few steps have both a measured emotion and a drop-off (n = 1) to say whether "
        "emotions explain behaviour here."
    )


def test_formulas_read_left_to_right_inside_arabic(result: CheckResult, tmp_path: Path) -> None:
    pc = page_context(result, "ar", tmp_path)
    said = association_sentence(pc, Association("permit", "drop_off", -0.9, 5, 0.037, True))
    assert '<bdi dir="ltr">ρ &#61; -0.90</bdi>' in said
    assert '<bdi dir="ltr">n &#61; 5</bdi>' in said and '<bdi dir="ltr">p &#61; 0.037</bdi>' in said


def test_drop_off_over_all_periods_weighs_each_by_the_cases_that_reached_it() -> None:
    funnels = [
        FunnelStep("permit", "2025-Q4", "upload", 900, e(25, 22, 28, 900)),
        FunnelStep("permit", "2026-Q1", "upload", 1800, e(35, 33, 37, 1800)),
        FunnelStep("permit", "2026-Q1", "collect", 500, None),  # the last step: nothing after
        FunnelStep("permit", "2026-Q1", "pay", 0, e(0, 0, 0, 0)),  # nobody reached it
    ]
    # Cases lost: 900 × 25 % + 1,800 × 35 % = 225 + 630 = 855, of 2,700 that reached it.
    assert pooled_drop_off(funnels) == {"upload": pytest.approx(100 * 855 / 2700)}


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (78.44, "%", "78.4%"),
        (12, "days", "12 days"),
        (5.6, "1-7", "5.6 (1-7)"),
        (3, None, "3"),
        (0.456, None, "0.46"),
        (1234.5, "SAR", "1234 SAR"),
        (-0.04, None, "-0.04"),
    ],
)
def test_values_read_with_their_unit(value: float, unit: str | None, text: str) -> None:
    assert with_unit(number(value), unit, "en") == text


# The real site: built with mkdocs from the fixture workspace, its results set by hand (as
# cxdsl build does, stage by stage), opened in Chromium. Screenshots: test-artifacts/results/.

ARTIFACTS = REPO / "test-artifacts" / "results"


def build_with_results(ws: Path, result: CheckResult, site: Path) -> tuple[Path, list[str]]:
    """``cxdsl build``'s stages with ``result`` (and its results) as the check's: the
    site folder and mkdocs' warnings."""
    vetted = read_mkdocs_config(ws, untrusted=False)
    diagrams = plan_diagrams(result.index, result.workspace.settings)
    out = ws / BUILT_DIAGRAMS
    report = render_diagrams(diagrams, out, ws / DIAGRAM_CACHE)
    prepared = Prepared(result, diagrams, out, report, ws)
    with MkdocsLog() as log:
        for lang in result.workspace.settings.languages:
            config = site_config(vetted, site / lang, no_python=False, warn=False)
            content = generate_site(result, diagrams, out, lang, config.repo_url)
            plugin = config.plugins["cxdsl"]
            assert isinstance(plugin, CxdslPlugin)
            plugin.use(prepared, content, per_language_folders=True)
            run_mkdocs(functools.partial(mkdocs_build, config), log, lang)
    return site, log.messages


@pytest.fixture(scope="module")
def measured_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture workspace's site, built with its results, served locally."""
    root = tmp_path_factory.mktemp("measured-site")
    result = checked(root)
    result.results = hand_results()
    site, warnings = build_with_results(root / "ws", result, root / "site")
    assert warnings == []
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_measured_section_in_the_browser(browser: Browser, measured_site: str, lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{measured_site}/{lang}/journeys/permit/")
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    # Every chart of the section loaded, and each card shows its status in words.
    charts = page.evaluate("""Promise.all([...document.querySelectorAll('#measured ~ * img')]
        .map(i => { i.loading = "eager"; return i.decode().then(() => i.naturalWidth); }))""")
    assert len(charts) == 6 and all(width > 0 for width in charts)
    cards = page.locator(".cx-result").all_inner_texts()
    words = ("Not met", "Met", "No data") if lang == "en" else ("لم يتحقق", "تحقق", "لا بيانات")
    assert [any(w in card for w in words) for card in cards] == [True, True, True]
    top = page.locator("#measured").bounding_box()
    assert top is not None
    height = page.evaluate("document.documentElement.scrollHeight") - top["y"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    clip = {"x": 0, "y": top["y"] - 16, "width": 1280, "height": height + 16}
    page.screenshot(path=str(ARTIFACTS / f"measured.{lang}.png"), full_page=True, clip=clip)
    page.close()
