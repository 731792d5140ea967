"""Diagrams readable at page width (issue 15, item 7), on the example's built site.

How a label's size on screen is measured: an SVG shown through ``<img>`` is opaque to the
page's DOM, so each page is opened at 1280 px and every diagram image's displayed width is
read (``getBoundingClientRect``); then the SVG file itself is opened in Chromium, drawn at
that width (its ``width``/``height`` set to the displayed box, as ``<img>`` scales it: the
viewBox fitted to the box), and for every ``<text>`` the size on screen is its computed
font size times the scale of its screen transform (``getScreenCTM``: the viewBox's scale
and any ``transform`` Graphviz adds). The smallest of these, per diagram and page, must be
at least 11 px.

Also, on every page of both languages: every diagram image has ``width`` and ``height``
(from its SVG, so the page does not jump while it loads) and sits in a link to its own
file with a name; every emotion curve names its steps under its axis; every legend holds
every symbol its diagram draws; and with real Graphviz, no edge of a journey map runs
through a stage's title.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from cxdsl.compiler import check_workspace
from cxdsl.i18n import strip_isolates
from cxdsl.model import Journey
from cxdsl.render.context import RenderContext
from cxdsl.render.emotion_curve import emotion_curve_svg, spread
from cxdsl.render.journey_map import journey_map_dot
from cxdsl.render.step_axis import layout_names
from cxdsl.site.diagram_embed import figure, svg_size

from .conftest import REPO, make_workspace

SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("ar", "en")
MIN_PX = 11.0

#: Every diagram image of the page: its file, displayed width, size attributes and link.
DIAGRAMS = """async () => {
  const images = [...document.querySelectorAll('article img')].filter(i => /\\.svg$/.test(i.src));
  for (const image of images) image.loading = 'eager';
  await Promise.all(images.map(i => i.complete ? null : new Promise(done => {
    i.addEventListener('load', done); i.addEventListener('error', done); })));
  return images.map(i => {
    const link = i.closest('a');
    return {src: i.src, shown: i.getBoundingClientRect().width,
            width: i.getAttribute('width'), height: i.getAttribute('height'),
            href: link ? link.href : null,
            name: link ? (link.getAttribute('aria-label') || i.alt || link.title || '').trim()
                       : ''};
  });
}"""
#: The SVG document drawn at ``width`` px: its smallest text on screen (px) and that text.
SMALLEST = """(width) => {
  const svg = document.documentElement, view = svg.viewBox.baseVal;
  svg.setAttribute('width', width);
  svg.setAttribute('height', width * view.height / view.width);
  let smallest = [Infinity, ''];
  for (const t of svg.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < smallest[0]) smallest = [px, t.textContent.trim()];
  }
  return smallest;
}"""


@pytest.fixture(scope="module")
def shown(
    browser: Browser, example_site: Path, example_server: str
) -> list[dict[str, str | float | None]]:
    """Every diagram image of every page of both languages at 1280 px, with the smallest
    text of its SVG at the width it is shown (each file and width measured once)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    drawn = browser.new_page(viewport={"width": 1280, "height": 900})
    found: list[dict[str, str | float | None]] = []
    smallest: dict[tuple[str, float], list[float | str]] = {}
    for lang in LANGS:
        for html in sorted((example_site / lang).rglob("index.html")):
            url = f"{example_server}/{html.parent.relative_to(example_site).as_posix()}/"
            page.goto(url, wait_until="load")
            for image in page.evaluate(DIAGRAMS):
                image["page"] = url.removeprefix(example_server)
                key = (image["src"], round(image["shown"], 1))
                if image["shown"] and key not in smallest:
                    drawn.goto(image["src"], wait_until="load")
                    smallest[key] = drawn.evaluate(SMALLEST, image["shown"])
                image["px"], image["text"] = smallest.get(key, (None, ""))
                found.append(image)
    page.close()
    drawn.close()
    return found


def _kind(src: str) -> str:
    name = urlsplit(src).path.rsplit("/", 1)[-1].removesuffix(".svg")
    return re.sub(r"^(measured-trend|customer-tree)-.*", r"\1", name)


def test_every_label_reads_at_11_px_or_more_on_a_1280_px_page(
    shown: list[dict[str, str | float | None]], example_site: Path
) -> None:
    kinds = {_kind(str(d["src"])) for d in shown}
    assert {"journey-map", "service-blueprint", "emotion-curve", "customer-tree"} <= kinds
    assert {"actor-map", "measured-trend", "measured-funnel"} <= kinds
    smallest: dict[str, float] = {}
    for d in shown:
        if d["px"] is not None:
            kind = f"{str(d['page']).split('/')[1]} {_kind(str(d['src']))}"
            smallest[kind] = min(smallest.get(kind, float("inf")), float(d["px"]))
    print("\nsmallest label (px) at 1280 px:", json.dumps(smallest, indent=1, sort_keys=True))
    small = [
        f"{d['page']}: {urlsplit(str(d['src'])).path} shown {d['shown']:.0f} px wide, "
        f"{d['text']!r} at {d['px']:.1f} px"
        for d in shown
        if d["px"] is not None and float(d["px"]) < MIN_PX - 0.05
    ]
    assert not small, "\n".join(small)
    # Every diagram file of the site was measured where a page shows it.
    files = {
        p.relative_to(example_site).as_posix() for p in example_site.glob("*/diagrams/**/*.svg")
    }
    measured = {urlsplit(str(d["src"])).path.lstrip("/") for d in shown if d["px"] is not None}
    assert files <= measured, sorted(files - measured)


def test_every_diagram_has_its_size_and_opens_at_full_size(
    shown: list[dict[str, str | float | None]], example_site: Path
) -> None:
    assert len(shown) > 60
    for d in shown:
        where = f"{d['page']}: {d['src']}"
        assert d["width"] and d["height"], where  # the page keeps the room: no jump
        size = svg_size(
            (example_site / urlsplit(str(d["src"])).path.lstrip("/")).read_text("utf-8")
        )
        assert size is not None, where
        assert (int(str(d["width"])), int(str(d["height"]))) == (
            round(size.width),
            round(size.height),
        ), where
        assert d["href"] == d["src"], where  # a tap or a click opens the SVG itself
        assert d["name"], where  # and the link has a name


def test_emotion_curves_name_their_steps_under_the_axis(example_site: Path) -> None:
    result = check_workspace(example_site.parent)
    journeys = [d.entity for d in result.index.docs("journey") if isinstance(d.entity, Journey)]
    assert len(journeys) == 5
    for lang in LANGS:
        ctx = RenderContext(result.index, result.workspace.settings, lang)
        for journey in journeys:
            path = example_site / lang / "diagrams/journeys" / journey.id / "emotion-curve.svg"
            root = ET.parse(path).getroot()
            (names,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cx-step-names"]
            axis = _flat(" ".join(strip_isolates("".join(t.itertext())) for t in names))
            for step in journey.steps():
                assert _flat(ctx.text(step.title)) in axis, (lang, journey.id, step.id)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _symbols(text: str) -> set[str]:
    """The symbols in ``text`` (⚠, ★, ⑂, ▲, →, …), and ⚠⚠ as one."""
    found = {ch for ch in text if unicodedata.category(ch) == "So" or ch in "→←"}
    return found | ({"⚠⚠"} if "⚠⚠" in text else set())


def _legend_and_rest(root: ET.Element) -> tuple[str, str]:
    """The drawn text of a diagram's legend, and of everything else (not its tooltips)."""
    legend = [
        g for g in root.iter(f"{SVG}g") if g.get("id") == "legend" or g.get("class") == "cx-legend"
    ]
    inside = {id(t) for g in legend for t in g.iter(f"{SVG}text")}
    rest = [t for t in root.iter(f"{SVG}text") if id(t) not in inside]
    return (
        " ".join("".join(t.itertext()) for g in legend for t in g.iter(f"{SVG}text")),
        " ".join("".join(t.itertext()) for t in rest),
    )


def test_every_symbol_a_diagram_draws_is_in_its_legend(example_site: Path) -> None:
    checked = 0
    for path in sorted(example_site.glob("*/diagrams/**/*.svg")):
        legend, rest = _legend_and_rest(ET.parse(path).getroot())
        used = _symbols(rest)
        assert used <= _symbols(legend), (path.relative_to(example_site), used - _symbols(legend))
        checked += bool(used)
    assert checked >= 30  # the maps, blueprints and curves of both languages
    # ⚠⚠ against ⚠: the licence journey's map (high-severity pains and medium ones)
    # explains both, each symbol beside its words
    legend, _ = _legend_and_rest(
        ET.parse(
            example_site / "en/diagrams/journeys/issue-commercial-licence/journey-map.svg"
        ).getroot()
    )
    assert "⚠⚠ High-severity pain point" in legend
    assert re.search(r"(?<!⚠)⚠ Pain point", legend)


def _bezier(points: list[list[float]]) -> Iterator[tuple[float, float]]:
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(25):
            t = k / 24
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            yield (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )


def _edges_through_titles(dot: str) -> list[tuple[str, str, str]]:
    """(tail, head, title) for each drawn edge that passes through a stage title's text
    box, in Graphviz's own layout (``dot -Tjson``)."""
    laid = json.loads(
        subprocess.run(
            ["dot", "-Tjson"], input=dot.encode(), capture_output=True, check=True
        ).stdout
    )
    objects = laid.get("objects", [])
    names = {o["_gvid"]: o["name"] for o in objects}
    boxes = []
    for o in objects:
        if re.fullmatch(r"t\d+", o.get("name", "")):
            x, y = (float(v) for v in o["pos"].split(","))
            # the node's box less its margins (0.11 × 0.055 in): the title's text
            half_w, half_h = float(o["width"]) * 36 - 8, float(o["height"]) * 36 - 4
            boxes.append((o["name"], x - half_w, y - half_h, x + half_w, y + half_h))
    assert boxes
    hits = []
    for edge in laid.get("edges", []):
        if "invis" in edge.get("style", ""):
            continue
        points = [op["points"] for op in edge.get("_draw_", []) if op["op"] in "bB"]
        for x, y in (p for curve in points for p in _bezier(curve)):
            hits += [
                (names[edge["tail"]], names[edge["head"]], name)
                for name, x0, y0, x1, y1 in boxes
                if x0 <= x <= x1 and y0 <= y <= y1
            ]
    return sorted(set(hits))


def test_no_edge_of_a_journey_map_runs_through_a_stage_title(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    generate(tmp_path / "ws", journeys=1, steps=30)
    for workspace in (REPO, tmp_path / "ws"):
        result = check_workspace(workspace)
        for lang in LANGS:
            ctx = RenderContext(result.index, result.workspace.settings, lang)
            for doc in result.index.docs("journey"):
                assert isinstance(doc.entity, Journey)
                dot = journey_map_dot(ctx, doc.entity)
                assert _edges_through_titles(dot) == [], (lang, doc.entity.id)


TWINS = """\
kind: journey
id: twins
title: {ar: توأمان, en: Twins}
persona: sara
personas: [sara, omar]
stages:
  - id: s
    title: {ar: مرحلة, en: Stage}
    steps:
      - {id: a, title: {ar: أ, en: A}, channel: portal, emotion: {sara: 1, omar: 1}}
      - {id: b, title: {ar: ب, en: B}, channel: portal, emotion: {sara: -1, omar: -1}}
---
kind: persona
id: omar
name: {ar: عمر, en: Omar}
segments: [citizens]
"""


def test_personas_who_feel_the_same_are_drawn_apart(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "journeys" / "twins.yaml").write_text(TWINS, encoding="utf-8")
    result = check_workspace(ws)
    assert result.ok, [d.render() for d in result.diagnostics]
    journey = result.index.entity("journey", "twins")
    assert isinstance(journey, Journey)
    root = ET.fromstring(
        emotion_curve_svg(RenderContext(result.index, result.workspace.settings, "en"), journey)
    )
    lines = [p.get("points") for p in root.iter(f"{SVG}polyline") if p.get("stroke-width") == "2.5"]
    # +1 is at y = 90 + (2 - 1) / 4 × 160 = 130 and -1 at 210; the two lines 5 px apart
    # around them, 2.5 px up and down; x from 160 to 160 + 530
    assert lines == ["160.0,127.5 690.0,207.5", "160.0,132.5 690.0,212.5"]
    assert [spread(j, 2) for j in range(2)] == [-2.5, 2.5]
    assert [spread(j, 3) for j in range(3)] == [-5.0, 0.0, 5.0]
    assert spread(0, 1) == 0.0 and spread(0, 7) == -12.0  # six gaps of 4 px: within 12 px


def test_step_names_go_under_the_steps_or_into_a_key() -> None:
    # 530 px between two steps: a name gets min(530, 170) - 8 = 162 px, 162 / (12 × 0.62)
    # = 21 characters a line
    under = layout_names(["Sign in", "Submit the renewal request"], 530, 12, 708)
    assert under.under == [["Sign in"], ["Submit the renewal", "request"]]
    assert under.key == [] and under.height == 54 + 15 + 10  # two lines under the axis
    # 59 px: (59 - 8) / 7.44 = 6 characters, and "requirements" has 12: a key, in as many
    # columns as the longest entry allows (4 at 174 px each for "1. Sign in" … "3. Look
    # up the requirements" = 27 characters = 200.9 px: no; 3 at 232 px: yes)
    key = layout_names(["Sign in", "Pay", "Look up the requirements"], 59, 12, 708)
    assert key.under == [[], [], []]
    assert [(round(e.x), e.y, e.lines) for e in key.key] == [
        (12, 54, ["1. Sign in"]),
        (244, 54, ["2. Pay"]),
        (476, 54, ["3. Look up the requirements"]),
    ]


def test_a_page_gets_the_size_of_the_svg_it_shows() -> None:
    graphviz = (
        '<svg width="597pt" height="300pt" viewBox="0.00 0.00 597.00 300.00">'
        '<text font-size="9.00">Step 1</text><text font-size="14.00">Title</text></svg>'
    )
    size = svg_size(graphviz)
    # points are 4/3 px: 796 × 400 px, the 9 pt label 12 px; at 11 px it is shown no
    # narrower than 796 × 11 / 12 = 729.67, so 730 px
    assert size is not None and (size.width, size.height, size.smallest_text) == (796, 400, 12)
    assert size.min_width() == 730
    chart = '<svg width="720" height="457" viewBox="0 0 720 457"><text font-size="12">x</text>'
    md = figure("../d/c.svg", "Curve", "Curve", "Open the diagram at full size", chart + "</svg>")
    assert (
        '[![Curve](../d/c.svg){ loading=lazy width=720 height=457 style="min-width: 660px" }]' in md
    )
    assert '](../d/c.svg "Open the diagram at full size")' in md
    assert 'style="overflow-x: auto"' in md  # past its minimum, the figure scrolls
    quoted = figure("c.svg", "C", "C", 'say "open"', None)
    assert '(c.svg "say &#34;open&#34;")' in quoted and "width=" not in quoted
