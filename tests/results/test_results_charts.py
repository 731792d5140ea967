"""Charts of measured results: snapshots in English and Arabic, their text alternatives,
right-to-left mirroring, suppressed values never drawn, model text only ever as text.

Snapshots: ``CXDSL_UPDATE_SNAPSHOTS=1 pytest tests/results`` rewrites them (review the diff).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from cxdsl.compiler import CheckResult
from cxdsl.i18n import LRI, PDI, RLI
from cxdsl.model import Journey
from cxdsl.render import results_charts as charts
from cxdsl.render.chart_parts import (
    XAxis,
    YAxis,
    interval,
    nice_range,
    number,
    signed_number,
    status_text,
)
from cxdsl.render.context import RenderContext
from cxdsl.results.figures import Estimate, Figure, Results

from .test_site_measured import HOSTILE, PERIODS, checked, e, fig, hand_results

SNAPSHOTS = Path(__file__).parent / "snapshots" / "charts"
NS = "{http://www.w3.org/2000/svg}"
#: Every element a chart may hold: no script, link, image or foreign content.
ELEMENTS = {"svg", "title", "desc", "rect", "text", "line", "g", "circle", "polygon", "polyline"}
LANGS = ("en", "ar")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    return checked(tmp_path_factory.mktemp("charts"))


def journey_of(result: CheckResult) -> Journey:
    journey = result.index.entity("journey", "permit")
    assert isinstance(journey, Journey)
    return journey


def draw(result: CheckResult, lang: str, results: Results | None = None) -> dict[str, str]:
    """Every chart of the fixture journey in ``lang``, by name."""
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    journey = journey_of(result)
    r = results or hand_results()
    csat = {f.cell.period: f for f in r.figures if f.metric == "csat" and not f.cell.breakdown}
    nps = {f.cell.period: f for f in r.figures if f.metric == "nps"}
    readings = {x.step: x for x in r.readings if x.measure == "emotion"}
    expected = {x.step: x for x in r.readings if x.measure == "expected"}
    perceived = {x.step: x for x in r.readings if x.measure == "perceived"}
    steps = {s.id: s for s in journey.steps()}
    pairs = [(steps[k], expected[k], perceived[k]) for k in expected if k in perceived]
    points = [(1, "Start", 0.2, 10.0), (2, "Upload", -0.9, 25.0), (3, "Pay", -1.6, 30.0)]
    latest = [f for f in r.funnels if f.period == PERIODS[-1]]
    return {
        "trend-csat": charts.trend_svg(
            ctx, PERIODS, [csat.get(p) for p in PERIODS], 80, "CSAT", "CSAT by quarter"
        ),
        "trend-nps": charts.trend_svg(
            ctx, PERIODS, [nps.get(p) for p in PERIODS], 25, "NPS", "NPS by quarter"
        ),
        "emotion": charts.emotion_overlay_svg(ctx, journey, readings, "Emotion", "Measured"),
        "funnel": charts.funnel_svg(ctx, journey, latest, "Funnel", "Reached per step"),
        "expected-perceived": charts.expected_perceived_svg(ctx, journey, pairs, "E/P", "Gap"),
        "association": charts.association_svg(
            ctx, journey, points, r.associations[0], "Association", "rho"
        ),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_chart_snapshots(
    result: CheckResult, lang: str, snapshot: Callable[[Path, str], None]
) -> None:
    for name, svg in draw(result, lang).items():
        snapshot(SNAPSHOTS / f"{name}.{lang}.svg", svg)


def test_charts_are_deterministic(result: CheckResult) -> None:
    assert draw(result, "ar") == draw(result, "ar")


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_an_accessible_image(result: CheckResult, lang: str) -> None:
    for name, svg in draw(result, lang).items():
        root = ET.fromstring(svg)
        assert root.tag == f"{NS}svg" and root.get("role") == "img", name
        assert root.get("aria-labelledby") == "title desc"
        title, desc = root[0], root[1]
        assert (title.tag, title.get("id")) == (f"{NS}title", "title") and title.text
        assert (desc.tag, desc.get("id")) == (f"{NS}desc", "desc") and desc.text
        width, height = root.get("width"), root.get("height")
        assert root.get("viewBox") == f"0 0 {width} {height}"
        assert {el.tag.removeprefix(NS) for el in root.iter()} <= ELEMENTS


def _xs(svg: str, tag: str, attr: str) -> list[float]:
    return [float(el.get(attr, "0")) for el in ET.fromstring(svg).iter(f"{NS}{tag}")]


def test_arabic_charts_run_right_to_left(result: CheckResult) -> None:
    en, ar = draw(result, "en"), draw(result, "ar")
    width = {k: float(ET.fromstring(v).get("width", "0")) for k, v in en.items()}
    # Points: each Arabic x is the English one mirrored across the chart's width.
    for name in ("trend-csat", "trend-nps", "association", "expected-perceived", "emotion"):
        left, right = _xs(en[name], "circle", "cx"), _xs(ar[name], "circle", "cx")
        assert left and [round(width[name] - x, 1) for x in left] == right, name
    # The first step's measured mark is on the left in English, on the right in Arabic.
    squares_en = [x for x in _xs(en["emotion"], "rect", "x")[1:] if x > 0]
    squares_ar = [x for x in _xs(ar["emotion"], "rect", "x")[1:] if x > 0]
    assert min(squares_en) < 200 and max(squares_ar) > width["emotion"] - 200
    # Funnel bars grow from the reading side: mirrored rectangles.
    bars_en = [(float(r.get("x", 0)), float(r.get("width", 0))) for r in _bars(en["funnel"])]
    bars_ar = [(float(r.get("x", 0)), float(r.get("width", 0))) for r in _bars(ar["funnel"])]
    assert [(round(width["funnel"] - x - w, 1), w) for x, w in bars_en] == bars_ar


def _bars(svg: str) -> list[ET.Element]:
    return [r for r in ET.fromstring(svg).iter(f"{NS}rect") if r.get("fill") == charts.MEASURED]


def test_arabic_labels_are_isolated_and_formulas_read_left_to_right(result: CheckResult) -> None:
    ar = draw(result, "ar")
    texts = [el.text or "" for el in ET.fromstring(ar["trend-csat"]).iter(f"{NS}text")]
    assert f"{RLI}{LRI}2025-Q3{PDI}{PDI}" in texts
    summary = [el.text or "" for el in ET.fromstring(ar["association"]).iter(f"{NS}text")][-1]
    assert summary == f"{LRI}ρ = -0.90, n = 5{PDI}"


def test_suppressed_values_are_never_drawn(result: CheckResult) -> None:
    svg = draw(result, "en")
    # NPS: three quarters, the first suppressed: two points with their intervals.
    root = ET.fromstring(svg["trend-nps"])
    assert len(list(root.iter(f"{NS}circle"))) == 2
    tips = [g.findtext(f"{NS}title") for g in root.iter(f"{NS}g")]
    assert tips[0] == f"2025-Q3: {status_text('suppressed', 'en')}"
    # Emotion: six steps, Collect suppressed: five measured squares and a lock.
    emotion = ET.fromstring(svg["emotion"])
    squares = [r for r in emotion.iter(f"{NS}rect") if r.get("fill") == charts.MEASURED]
    assert len(squares) == 5
    assert any(t.text == "🔒" for t in emotion.iter(f"{NS}text"))
    # Expected vs perceived: paying was perceived by too few; one circle fewer than steps.
    pairs = ET.fromstring(svg["expected-perceived"])
    assert len(list(pairs.iter(f"{NS}circle"))) == 2
    assert len(list(pairs.iter(f"{NS}polygon"))) == 3


def test_a_suppressed_figure_with_an_estimate_still_shows_none(result: CheckResult) -> None:
    leaked = fig("csat", PERIODS[0], "suppressed", e(99, 98, 100, 3), 80)
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    svg = charts.trend_svg(ctx, PERIODS[:1], [leaked], 80, "t", "d")
    assert not list(ET.fromstring(svg).iter(f"{NS}circle")) and "99" not in svg


def test_model_text_in_a_chart_is_only_text(tmp_path: Path) -> None:
    result = checked(tmp_path, hostile=True)
    for lang in LANGS:
        for name, svg in draw(result, lang).items():
            root = ET.fromstring(svg)
            assert {el.tag.removeprefix(NS) for el in root.iter()} <= ELEMENTS, name
            assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]
            if name in ("emotion", "funnel"):  # they name the steps
                assert "<script>window.__xss=2</script>" in "".join(root.itertext())
                assert "<script>" not in svg  # escaped in the document


def test_hostile_titles_and_descriptions_are_escaped(result: CheckResult) -> None:
    ctx = RenderContext(result.index, result.workspace.settings, "ar")
    svg = charts.trend_svg(ctx, PERIODS, [None, None, None], None, HOSTILE, HOSTILE)
    root = ET.fromstring(svg)
    assert root[0].text == HOSTILE and root[1].text == HOSTILE
    assert "<img" not in svg and "<script" not in svg


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (-0.001, "0"), (0.456, "0.46"), (12.34, "12.3"), (99.96, "100"), (1234.5, "1234")],
)
def test_numbers_are_rounded_for_reading(value: float, text: str) -> None:
    assert number(value) == text


def test_changes_and_intervals_read_with_their_signs() -> None:
    assert [signed_number(v) for v in (3.2, -1, 0)] == ["+3.2", "-1", "0"]
    assert interval(Estimate(80, 74.1, 82.3, 10, "wilson")) == "74.1–82.3"
    assert interval(Estimate(-1, -1.2, -0.9, 10, "t")) == "-1.2 – -0.9"


def test_axes_round_to_readable_steps() -> None:
    assert nice_range([71, 86.1, 80]) == (70, 90)
    assert nice_range([]) == (0, 1)
    assert nice_range([5, 5]) == (4, 6)
    assert YAxis(0, 100, 70, 90).ticks() == [70, 75, 80, 85, 90]
    assert YAxis(0, 100, 70, 90).at(200) == 0  # kept inside the plot
    ltr, rtl = XAxis(10, 110, False), XAxis(10, 110, True)
    assert (ltr.at(0), rtl.at(0), ltr.band(0, 4), rtl.band(0, 4)) == (10, 110, 22.5, 97.5)


def test_a_figure_without_a_journey_figure_draws_an_empty_trend(result: CheckResult) -> None:
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    figures: list[Figure | None] = [None, None, None]
    root = ET.fromstring(charts.trend_svg(ctx, PERIODS, figures, None, "t", "d"))
    assert not list(root.iter(f"{NS}circle")) and not list(root.iter(f"{NS}polyline"))
