"""Diagrams: DOT/SVG snapshots, well-formed accessible SVG, Arabic in logical order,
hostile text rendered literally, caching, and a missing Graphviz."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from cxdsl.compiler import check_workspace
from cxdsl.i18n import isolate, strip_isolates
from cxdsl.model import Journey
from cxdsl.render.blueprint import blueprint_dot
from cxdsl.render.context import RenderContext
from cxdsl.render.emotion_curve import emotion_curve_svg
from cxdsl.render.journey_map import journey_map_dot
from cxdsl.render.pipeline import plan_diagrams, render_diagrams
from cxdsl.render.workspace_maps import actor_map_dot, customer_tree_dot, workspace_trees

from .conftest import REPO

SNAPSHOTS = Path(__file__).parent / "snapshots" / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"


def contexts(ws: Path) -> tuple[RenderContext, RenderContext, Journey]:
    result = check_workspace(ws)
    journey = result.index.entity("journey", "renew-license")
    en = RenderContext(result.index, result.workspace.settings, "en")
    ar = RenderContext(result.index, result.workspace.settings, "ar")
    return en, ar, journey


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dot_snapshots(workspace: Path, lang: str, snapshot: Callable[[Path, str], None]) -> None:
    en, ar, journey = contexts(workspace)
    ctx = en if lang == "en" else ar
    snapshot(SNAPSHOTS / f"journey-map.{lang}.dot", journey_map_dot(ctx, journey))
    snapshot(SNAPSHOTS / f"service-blueprint.{lang}.dot", blueprint_dot(ctx, journey))
    snapshot(SNAPSHOTS / f"customer-tree.{lang}.dot", customer_tree_dot(ctx))
    snapshot(SNAPSHOTS / f"actor-map.{lang}.dot", actor_map_dot(ctx))
    snapshot(
        SNAPSHOTS / f"emotion-curve.{lang}.svg",
        emotion_curve_svg(ctx, journey, None, "title", "description"),
    )


def render_example(out: Path, cache: Path) -> None:
    result = check_workspace(REPO)
    report = render_diagrams(plan_diagrams(result.index, result.workspace.settings), out, cache)
    assert not report.failed and not report.skipped


@pytest.fixture(scope="module")
def example_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("diagrams")
    render_example(out, tmp_path_factory.mktemp("cache"))
    return out


def test_every_diagram_is_well_formed_and_accessible(example_out: Path) -> None:
    svgs = sorted(example_out.rglob("*.svg"))
    # 3 diagrams per journey + a customer tree per segmentation dimension + the actor map,
    # in 2 languages
    result = check_workspace(REPO)
    trees = len(workspace_trees(RenderContext(result.index, result.workspace.settings, "en")))
    journeys = len(result.index.docs("journey"))
    assert (journeys, trees) == (5, 2)  # the example: as below, so a lost diagram shows
    assert len(svgs) == 2 * (journeys * 3 + trees + 1)
    for path in svgs:
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        children = [child.tag for child in root][:2]
        assert children == [f"{SVG}title", f"{SVG}desc"], path
        assert root.find(f"{SVG}title").text  # type: ignore[union-attr]
        assert path.with_suffix(".md").read_text(encoding="utf-8").strip()
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}foreignObject"))


def svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_arabic_text_is_stored_in_logical_order_and_isolated(example_out: Path) -> None:
    texts = svg_texts(example_out / "ar/journeys/issue-commercial-licence/journey-map.svg")
    plain = [strip_isolates(t) for t in texts]
    assert "رفع المستندات" in plain  # a step title, exactly as written in the model
    assert "إصدار رخصة تجارية لمنشأة جديدة" in plain
    # every Arabic label reads right to left, its signed numbers left to right
    assert "\u2067▼ \u2066-1\u2069 منزعج\u2069" in texts
    assert all(not re.search("[\u0600-\u06ff]", t) or t.startswith("\u2067") for t in texts)
    english = svg_texts(example_out / "en/journeys/issue-commercial-licence/journey-map.svg")
    assert "Upload the documents" in english
    assert not any("\u2067" in t for t in english)


def test_isolation_of_numbers_and_latin_words() -> None:
    assert isolate("المشاعر +2 عبر API الجديد", "ar") == (
        "\u2067المشاعر \u2066+2\u2069 عبر \u2066API\u2069 الجديد\u2069"
    )
    assert isolate("Emotion +2", "en") == "Emotion +2"


def test_arabic_maps_flow_right_to_left(example_out: Path) -> None:
    def first_two_x(lang: str) -> tuple[float, float]:
        root = ET.parse(
            example_out / f"{lang}/journeys/issue-commercial-licence/journey-map.svg"
        ).getroot()
        xs = {}
        for group in root.iter(f"{SVG}g"):
            if group.get("class") == "node":
                title = group.find(f"{SVG}title").text  # type: ignore[union-attr]
                poly = group.find(f".//{SVG}polygon")
                path = group.find(f".//{SVG}path")
                shape = poly if poly is not None else path
                numbers = re.findall(r"-?\d+\.?\d*", shape.get("points") or shape.get("d") or "")
                xs[title] = float(numbers[0])
        return xs["s0"], xs["s1"]

    en0, en1 = first_two_x("en")
    ar0, ar1 = first_two_x("ar")
    assert en0 < en1 and ar0 > ar1


HOSTILE = [
    '<script>alert("x")</script>',
    '"]; evil -> pwned [label="gotcha',
    "}} {{ braces }} \\l \\N \\G backslashes\\",
    "line one\nline two",
    "&amp; &lt;b&gt; <b>not bold</b> <!-- comment --> <![CDATA[x]]>",
    "x" * 300,
]


def test_hostile_text_renders_literally(workspace: Path, tmp_path: Path) -> None:
    steps = "\n".join(
        f"      - id: h{i}\n        title: {{ar: خطوة, en: {json.dumps(text)}}}\n"
        f"        channel: portal\n"
        f"        emotion: 0\n        pain_points:\n          - text: {json.dumps(text)}\n"
        f"            severity: low"
        for i, text in enumerate(HOSTILE)
    )
    (workspace / "journeys" / "hostile.yaml").write_text(
        "kind: journey\nid: hostile\ntitle: {ar: عدائي, en: Hostile}\npersona: sara\n"
        f"stages:\n  - id: s\n    title: '<img src=x onerror=alert(1)>'\n    steps:\n{steps}\n",
        encoding="utf-8",
    )
    result = check_workspace(workspace)
    assert result.ok, [d.render() for d in result.diagnostics]
    out = tmp_path / "out"
    report = render_diagrams(
        plan_diagrams(result.index, result.workspace.settings), out, tmp_path / "cache"
    )
    assert not report.failed
    for kind in ("journey-map", "service-blueprint", "emotion-curve"):
        path = out / f"en/journeys/hostile/{kind}.svg"
        root = ET.parse(path).getroot()  # well-formed despite everything
        tags = {el.tag.replace(SVG, "") for el in root.iter()}
        assert tags <= {
            "svg",
            "g",
            "title",
            "desc",
            "text",
            "path",
            "polygon",
            "polyline",
            "ellipse",
            "rect",
            "line",
            "circle",
        }, tags
        # Labels are wrapped, so compare with whitespace removed.
        text = re.sub(r"\s+", "", "".join(strip_isolates(el.text or "") for el in root.iter()))

        # every title shows (the curve names the steps under its axis), and every pain
        assert all(re.sub(r"\s+", "", value) in text for value in HOSTILE), kind
        if kind == "journey-map":
            nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
            # a node per step, the stage's title and the legend: nothing added a node
            assert len(nodes) == len(HOSTILE) + 2
            assert max(len(t) for t in svg_texts(path)) <= 90  # the 300-char word is wrapped


def test_cache_reuses_unchanged_diagrams(workspace: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"

    def build() -> tuple[int, int]:
        result = check_workspace(workspace)
        report = render_diagrams(plan_diagrams(result.index, result.workspace.settings), out, cache)
        return report.rendered, report.reused

    assert build() == (10, 0)  # 1 journey x 3 + tree + actor map, x 2 languages
    first = {p: p.read_bytes() for p in out.rglob("*.svg")}
    assert build() == (0, 10)
    assert {p: p.read_bytes() for p in out.rglob("*.svg")} == first  # same bytes
    journey = workspace / "journeys" / "renew-license.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("emotion: 1", "emotion: -1"), encoding="utf-8"
    )
    # the journey's map and curve change in both languages; nothing else does
    assert build() == (4, 6)
    journey.unlink()
    build()
    assert not (out / "en/journeys/renew-license").exists() or not list(
        (out / "en/journeys/renew-license").glob("*.svg")
    )


def test_missing_graphviz_is_reported_once_and_the_rest_still_builds(
    workspace: Path, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(sys.executable, bin_dir / "python")
    env = {**os.environ, "PATH": str(bin_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "cxdsl", "build", str(workspace)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Graphviz's 'dot' was not found") == 1
    assert "sudo apt-get install graphviz" in done.stderr
    assert "8 skipped (no Graphviz)" in done.stdout
    assert (workspace / "site/ar/diagrams/journeys/renew-license/emotion-curve.svg").exists()
    assert (workspace / "site/ar/journeys/renew-license/index.html").exists()


def test_thirty_steps_fit_a_laptop_screen(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    generate(tmp_path / "ws", journeys=1, steps=30)
    result = check_workspace(tmp_path / "ws")
    journey = result.index.entity("journey", "journey-0")
    assert len(journey.stages) == 6
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    import graphviz

    svg = graphviz.pipe("dot", "svg", journey_map_dot(ctx, journey).encode()).decode()
    width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    assert width < 1100  # points: a page-wide grid, not a 30-node strip (~5,000 pt)


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshots_in_chromium(example_out: Path, lang: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "make test installs Debian's chromium"
    artifacts = REPO / "test-artifacts" / "diagrams"
    artifacts.mkdir(parents=True, exist_ok=True)
    for journey, kind, size in [
        ("issue-commercial-licence", "journey-map", "1200,1100"),
        ("renew-building-permit", "service-blueprint", "1100,1500"),
        ("renew-building-permit-to-be", "emotion-curve", "960,420"),
    ]:
        # Taken in tmp_path, then kept in test-artifacts/: another test run in the same
        # checkout may be writing the artifact at the same moment.
        shot = tmp_path / f"{kind}.{lang}.png"
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={tmp_path / kind}",
                f"--window-size={size}",
                f"--screenshot={shot}",
                (example_out / f"{lang}/journeys/{journey}/{kind}.svg").as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert shot.exists() and shot.stat().st_size > 10_000, shot
        shutil.copyfile(shot, artifacts / shot.name)


def test_signed_numbers_in_arabic_diagrams_are_drawn_sign_first(example_out: Path) -> None:
    """Measured in Chromium: LRI…PDI keeps "+1" / "-1" sign-first inside RTL labels."""
    from playwright.sync_api import sync_playwright

    svg = example_out / "ar/journeys/issue-commercial-licence/journey-map.svg"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(svg.as_uri())
        positions = page.evaluate("""() => [...document.querySelectorAll('text')]
            .filter(t => /\\u2066[+-]\\d/.test(t.textContent)).map(t => {
                const i = t.textContent.search(/\\u2066[+-]\\d/) + 1;
                return [t.textContent, t.getStartPositionOfChar(i).x,
                        t.getStartPositionOfChar(i + 1).x];
            })""")
        browser.close()
    assert len(positions) >= 5
    for text, sign, digit in positions:
        assert sign < digit, f"{text!r} is drawn with its sign on the right"


EXCURSION_JOURNEY = """\
kind: journey
id: renew-license
title: {ar: تجديد الرخصة, en: Renew a licence}
persona: sara
personas: [lina]
stages:
  - id: apply
    title: {ar: التقديم, en: Apply}
    steps:
      - {id: sign-in, title: {ar: الدخول, en: Sign in}, channel: portal,
         emotion: {sara: 1, lina: 0}}
      - id: submit
        title: {ar: الإرسال, en: Submit}
        channel: portal
        emotion: {sara: 0, lina: -1}
        transitions: [{to: receive, type: next}, {to: lost, type: failure}]
      - {id: lost, title: {ar: الضياع, en: Lost}, channel: portal, personas: [lina],
         emotion: -2}
      - {id: receive, title: {ar: الاستلام, en: Receive}, channel: portal, emotion: 1,
         moment_of_truth: true}
measurement_plan:
  - {metric: csat, trigger: {step: receive}, population: 1000, confidence_level: 0.95,
     margin_of_error: 0.05, sample_size: 300}
---
kind: persona
id: lina
name: {ar: لينا, en: Lina}
segments: [citizens]
"""


def excursion_contexts(workspace: Path) -> tuple[RenderContext, RenderContext, Journey]:
    (workspace / "journeys" / "renew-license.yaml").write_text(EXCURSION_JOURNEY, "utf-8")
    en, ar, journey = contexts(workspace)
    assert journey is not None and check_workspace(workspace).ok
    return en, ar, journey


def series_lines(svg: str, colour: str) -> tuple[list[str], list[str]]:
    """(main line points, excursion points) of the persona drawn in ``colour``."""
    lines = [p for p in ET.fromstring(svg).iter(f"{SVG}polyline") if p.get("stroke") == colour]
    main = [p.get("points", "") for p in lines if p.get("stroke-width") == "2.5"]
    detours = [p.get("points", "") for p in lines if p.get("stroke-dasharray") == "3 3"]
    return main, detours


@pytest.mark.parametrize(
    ("lang", "xs"),
    [
        ("en", ["160.0", "336.7", "513.3", "690.0"]),  # 160 + i/3 x 530
        ("ar", ["560.0", "383.3", "206.7", "30.0"]),  # mirrored: 30 + (1 - i/3) x 530
    ],
)
def test_a_failure_path_is_an_excursion_only_its_personas_take(
    workspace: Path, lang: str, xs: list[str]
) -> None:
    en, ar, journey = excursion_contexts(workspace)
    svg = emotion_curve_svg(en if lang == "en" else ar, journey)
    # y = 90 + (2 - emotion) / 4 x 160: +1 -> 130, 0 -> 170, -1 -> 210, -2 -> 250; two
    # series are drawn 5 px apart around that (Sara 2.5 px up, Lina 2.5 px down), so
    # equal values never hide one another
    sara, lina = "#0072B2", "#D55E00"
    # Sara does not live 'lost': her line joins the main path and has no detour.
    assert series_lines(svg, sara) == ([f"{xs[0]},127.5 {xs[1]},167.5 {xs[3]},127.5"], [])
    # Lina's main line skips 'lost' too; her failure path leaves 'submit' and ends there.
    assert series_lines(svg, lina) == (
        [f"{xs[0]},172.5 {xs[1]},212.5 {xs[3]},132.5"],
        [f"{xs[1]},212.5 {xs[2]},252.5"],
    )
    root = ET.fromstring(svg)
    hollow = [c for c in root.iter(f"{SVG}rect") if c.get("fill") == "white" and c.get("stroke")]
    assert [(c.get("x"), c.get("y")) for c in hollow] == [  # Lina's square, hollow, at 'lost'
        (f"{float(xs[2]) - 5:.1f}", "247.5")
    ]
    texts = [strip_isolates(t) for t in svg_texts_of(root)]
    assert "3✕" in texts  # the step number says it is a failure path
    word = "failure" if lang == "en" else "تعثّر"
    assert any(t.startswith("┄ ✕ " + word) for t in texts)  # and the legend explains it


def svg_texts_of(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_the_journey_map_draws_a_failure_path_under_the_main_row(workspace: Path) -> None:
    en, _, journey = excursion_contexts(workspace)
    dot = journey_map_dot(en, journey)
    main = re.search(r"subgraph row_0_0 \{(.*?)\}", dot, re.S)
    off = re.search(r"subgraph row_0_x0 \{(.*?)\}", dot, re.S)
    assert main and off
    assert re.findall(r"\b(s\d) \[", main.group(1)) == ["s0", "s1", "s3"]
    assert re.findall(r"\b(s\d) \[", off.group(1)) == ["s2"]
    lost = re.search(r"\bs2 \[label=<(.*?)>\]\n", off.group(1), re.S)
    assert lost is not None
    label = lost.group(1)
    assert 'STYLE="rounded,dashed"' in label and "Step 3 · ✕ failure" in label
    assert "☺ Lived by: Lina" in label
    assert "▼▼ -2</FONT>" in label and "Sara" not in label  # one emotion: Lina's
    # 'submit' leads on to 'receive' beside it, unlabelled, like the default flow
    assert "s1 -> s3 [color=" in dot and "→ next" not in dot


ACTORS = """\
kind: actor
id: reviewer
name: {ar: المراجع, en: Reviewer}
type: back_stage
organisation: {ar: إدارة الرخص, en: Licensing Department}
---
kind: actor
id: inspector
name: {ar: المفتش, en: Inspector}
type: front_stage
organisation: {ar: إدارة الرخص, en: Licensing Department}
---
kind: actor
id: civil-defense
name: {ar: الدفاع المدني, en: Civil defense}
type: partner
organisation: {ar: جهة شريكة, en: Partner entity}
---
kind: system
id: licensing
name: {ar: نظام الرخص, en: Licensing system}
---
kind: system
id: sso
name: {ar: الدخول الموحد, en: Single sign-on}
"""

ACTIONS = """\
        back_stage:
          - {action: {ar: يراجع, en: Checks the file}, actor: reviewer, system: licensing}
          - {action: {ar: يسجل, en: Records the decision}, actor: reviewer, system: licensing}
          - {action: {ar: يطلب, en: Asks for approval}, actor: civil-defense}
        support:
          - {action: {ar: يتحقق, en: Verifies identity}, system: sso}
"""


def test_the_actor_map_groups_actors_by_organisation_and_labels_its_edges(
    workspace: Path,
) -> None:
    (workspace / "journeys" / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    journey = workspace / "journeys" / "renew-license.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("        emotion: 0\n", "        emotion: 0\n" + ACTIONS))
    en, ar, _ = contexts(workspace)
    assert check_workspace(workspace).ok
    dot = actor_map_dot(en)
    clusters = dict(re.findall(r"subgraph (cluster_org\d) \{.*?label=<<B>(.*?)</B>>", dot, re.S))
    assert clusters == {"cluster_org0": "Licensing Department", "cluster_org1": "Partner entity"}
    licensing = dot[dot.index("subgraph cluster_org0") : dot.index("subgraph cluster_org1")]
    assert "Reviewer" in licensing and "Civil defense" not in licensing
    assert "Inspector" not in dot  # an actor of no step is not drawn
    # journey -> actor: how many steps; actor -> system: what the actor does with it
    assert "j0 -> a0 [label=<1 step>]" in dot and "j0 -> a1 [label=<1 step>]" in dot
    assert "a0 -> s0 [label=<Checks the file<BR/>Records the decision>" in dot
    # a system used with no actor named stands alone, saying how many journeys it serves
    assert "-> s1" not in dot and "system · 1 journey" in dot
    rtl = actor_map_dot(ar)
    assert "rankdir=RL" in rtl and "إدارة الرخص" in rtl


def test_the_actors_and_systems_catalog_pages_show_the_actor_map(
    workspace: Path, tmp_path: Path
) -> None:
    from cxdsl.site.generate import generate_site

    result = check_workspace(workspace)
    out = tmp_path / "diagrams"
    diagrams = plan_diagrams(result.index, result.workspace.settings)
    render_diagrams(diagrams, out, tmp_path / "cache")
    for lang, title in (("en", "Actor map"), ("ar", "خريطة الجهات المنفذة")):
        site = generate_site(result, diagrams, out, lang)
        for page in ("catalog/actors.md", "catalog/systems.md"):
            # The image's alt is the map's summary; its caption, the title.
            assert "](../diagrams/actor-map.svg)" in site.pages[page], page
            assert f"<figcaption>{title}</figcaption>" in site.pages[page], page
        assert "actor-map.svg" not in site.pages["catalog/channels.md"]
        assert site.files["diagrams/actor-map.svg"].exists()


def test_a_very_wide_emotion_scale_draws_a_readable_chart_in_bounded_work() -> None:
    from cxdsl.model import EmotionScale
    from cxdsl.render.emotion_curve import MAX_LEVELS, Plot

    plot = Plot(False, EmotionScale(min=-1_000_000, max=1_000_000), 5)
    assert plot.plot_h == 40 * MAX_LEVELS  # not 80 million pixels
    assert len(plot.levels()) <= MAX_LEVELS + 1
    assert list(Plot(False, EmotionScale(min=-2, max=2), 5).levels()) == [-2, -1, 0, 1, 2]


def test_the_map_title_names_every_persona_it_draws_with_room_under_it() -> None:
    """The building permit's map draws Khalid's and Fahad's feelings: its subtitle and its
    text alternative name both (the language's list separator between them), and the
    16 pt title's baseline sits at least 20 px above the 11 pt subtitle's (12 px let
    Arabic descenders touch the line under them)."""
    import graphviz

    from cxdsl.render.alt import journey_map_alt

    result = check_workspace(REPO)
    journey = result.index.entity("journey", "renew-building-permit")
    assert isinstance(journey, Journey)
    expected = {
        "ar": "الشخصيات: خالد — مالك منزل، فهد — مدير مكتب هندسي · الوضع الحالي",
        "en": "Personas: Khalid — home owner, Fahad — engineering office manager · as is",
    }
    alt_names = {
        "ar": "للشخصيات خالد — مالك منزل، فهد — مدير مكتب هندسي (",
        "en": "for Khalid — home owner, Fahad — engineering office manager (",
    }
    for lang in ("ar", "en"):
        ctx = RenderContext(result.index, result.workspace.settings, lang)
        svg = ET.fromstring(graphviz.Source(journey_map_dot(ctx, journey)).pipe(format="svg"))
        texts = [t for t in svg.iter(f"{SVG}text") if t.text]
        assert strip_isolates(texts[1].text or "") == expected[lang]
        assert float(texts[1].get("y", "0")) - float(texts[0].get("y", "0")) >= 20
        assert alt_names[lang] in journey_map_alt(ctx, journey).splitlines()[0]
