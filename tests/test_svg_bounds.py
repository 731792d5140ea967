"""No SVG text outside its viewBox: every SVG the example workspace generates (the
diagrams of the pipeline and the charts of measured results its pages show), in every
language, is opened in headless Chromium and every ``<text>`` box is measured in the
SVG's own coordinates (its viewBox), with the fonts Chromium really uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from cxdsl.build import prepare
from cxdsl.site.generate import generate_site

from .conftest import REPO, make_workspace

#: Half a unit: anti-aliasing, not a clipped glyph.
TOLERANCE = 0.5

#: For each <text>: its text and its box, corners mapped into the root's user space
#: (the viewBox), next to the viewBox itself.
MEASURE = """() => {
    const svg = document.documentElement;
    const view = svg.viewBox.baseVal;
    const toRoot = svg.getScreenCTM().inverse();
    const boxes = [...svg.querySelectorAll('text')].map(t => {
        const b = t.getBBox();
        if (b.width === 0 && b.height === 0) return null;  // an empty label
        const m = toRoot.multiply(t.getScreenCTM());
        const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                         [b.x + b.width, b.y + b.height]].map(([x, y]) => {
            const p = new DOMPoint(x, y).matrixTransform(m);
            return [p.x, p.y];
        });
        const xs = corners.map(c => c[0]), ys = corners.map(c => c[1]);
        return {text: t.textContent, left: Math.min(...xs), right: Math.max(...xs),
                top: Math.min(...ys), bottom: Math.max(...ys)};
    }).filter(Boolean);
    return {view: [view.x, view.y, view.width, view.height], boxes};
}"""


@pytest.fixture(scope="module")
def svgs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every SVG of the example workspace, in every language (no mkdocs run)."""
    ws = tmp_path_factory.mktemp("example")
    for name in ("cxdsl.yaml", "personas", "journeys", "results"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, ws / name)
    prepared = prepare(ws, out=ws / "diagrams")
    assert not prepared.report.failed and not prepared.report.skipped
    files: set[Path] = set()
    for lang in prepared.result.workspace.settings.languages:
        content = generate_site(prepared.result, prepared.diagrams, prepared.diagrams_out, lang)
        files.update(path for path in content.files.values() if path.suffix == ".svg")
    return sorted(files)


LONG_LABELS = """\
name: {ar: مساحة اختبار, en: Test workspace}
languages: [ar, en]
emotion_scales:
  feelings:
    min: -2
    max: 2
    labels:
      -2:
        ar: محبط جداً وغاضب من طول الانتظار وتكرار الطلبات
        en: Very frustrated and angry about waiting
      -1: {ar: منزعج قليلاً, en: Somewhat frustrated}
      0: {ar: محايد, en: Neutral}
      2: {ar: مسرور جداً ويوصي بالخدمة لغيره, en: Delighted and recommending it to everyone}
allow_python: true
"""


def _long_texts(tmp_path: Path) -> Path:
    """The base workspace with long scale labels, a long title, long stage names and six
    personas with long names: what a real workspace writes."""
    ws = make_workspace(tmp_path)
    (ws / "cxdsl.yaml").write_text(LONG_LABELS, encoding="utf-8")
    names = [f"Persona {k} — a long description of who they are" for k in range(6)]
    personas = "".join(
        f"---\nkind: persona\nid: p{k}\nname: {{ar: شخصية {k} — وصف طويل لمن هي, en: {name}}}\n"
        "segments: [citizens]\n"
        for k, name in enumerate(names)
    )
    tree = ws / "personas" / "tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8") + personas, encoding="utf-8")
    journey = ws / "journeys" / "renew-license.yaml"
    text = journey.read_text(encoding="utf-8")
    text = text.replace(
        "title: {ar: تجديد الرخصة, en: Renew a licence}",
        "title: {ar: تجديد الرخصة التجارية للمنشآت الصغيرة والمتوسطة في جميع مناطق المملكة "
        "مع التحقق من الاشتراطات, en: 'Renewing the commercial licence of a small or medium "
        "enterprise in every region, with the requirements checked on the way'}",
    )
    text = text.replace("persona: sara\n", "persona: sara\npersonas: [p0, p1, p2, p3, p4, p5]\n")
    text = text.replace(
        "title: {ar: التقديم, en: Apply}",
        "title: {ar: التقديم وإرفاق المستندات والتحقق منها, en: 'Apply, attach the documents "
        "and have them checked'}",
    )
    journey.write_text(text, encoding="utf-8")
    return ws


@pytest.fixture(scope="module")
def long_text_svgs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every diagram of a workspace with long labels, in both languages."""
    ws = _long_texts(tmp_path_factory.mktemp("long"))
    prepared = prepare(ws, out=ws / "diagrams")
    assert prepared.result.ok, [d.render() for d in prepared.result.diagnostics]
    assert not prepared.report.failed
    return sorted((ws / "diagrams").rglob("*.svg"))


def outside(view: list[float], box: dict[str, float]) -> bool:
    """Whether a text box crosses an edge of the viewBox ``[x, y, width, height]``."""
    x, y, width, height = view
    return (
        box["left"] < x - TOLERANCE
        or box["top"] < y - TOLERANCE
        or box["right"] > x + width + TOLERANCE
        or box["bottom"] > y + height + TOLERANCE
    )


def test_outside_is_judged_against_the_viewbox() -> None:
    view = [0.0, 0.0, 100.0, 50.0]
    inside = {"left": 0.0, "top": 10.0, "right": 100.2, "bottom": 50.0}
    assert not outside(view, inside)
    assert outside(view, {**inside, "left": -3.0})  # clipped on the left
    assert outside(view, {**inside, "right": 101.0})  # on the right
    assert outside(view, {**inside, "bottom": 52.0})  # under the bottom
    assert outside([0.0, -400.0, 100.0, 400.0], {**inside, "top": -401.0})  # dot's negative y


def clipped_texts(browser: Browser, svgs: list[Path]) -> tuple[int, list[str]]:
    """(how many text boxes were measured, those crossing their viewBox)."""
    page = browser.new_page()
    clipped: list[str] = []
    measured = 0
    for path in svgs:
        page.goto(path.as_uri())
        page.evaluate("document.fonts.ready")
        found = page.evaluate(MEASURE)
        measured += len(found["boxes"])
        for box in found["boxes"]:
            if outside(found["view"], box):
                clipped.append(
                    f"{path.relative_to(path.parents[2])}: {box['text'].strip()!r} at "
                    f"x {box['left']:.1f}..{box['right']:.1f}, "
                    f"y {box['top']:.1f}..{box['bottom']:.1f} outside {found['view']}"
                )
    page.close()
    return measured, clipped


@pytest.mark.slow
def test_every_text_of_every_svg_lies_inside_its_viewbox(
    svgs: list[Path], browser: Browser
) -> None:
    kinds = {path.stem for path in svgs}
    # the pipeline's diagrams and the measured charts, in both languages
    assert {"journey-map", "service-blueprint", "emotion-curve", "customer-tree"} <= kinds
    assert {"actor-map"} <= kinds and len(svgs) > 28
    measured, clipped = clipped_texts(browser, svgs)
    assert measured > 1000
    assert not clipped, "\n".join(clipped)


@pytest.mark.slow
def test_long_labels_stay_inside_the_charts(long_text_svgs: list[Path], browser: Browser) -> None:
    curves = [p for p in long_text_svgs if p.stem == "emotion-curve"]
    assert len(curves) == 2  # English and Arabic
    measured, clipped = clipped_texts(browser, long_text_svgs)
    assert measured > 100
    assert not clipped, "\n".join(clipped)
