"""Accessibility of the example site, audited in headless Chromium (Debian's) with axe-core
(tools/node_modules/axe-core, pinned in tools/package.json), and read in the built HTML.

axe runs on every page of both languages with its colour-contrast check able to read
Arabic: stock axe skips text it takes for an icon font's ligature, and it takes joined
Arabic letters for one (its pixel test compares a text's first letter drawn alone with the
whole text drawn in its box; Arabic letters change shape when joined). After three such
texts in one font family it skips every text in that family, Latin included, so on an
Arabic page it checks almost nothing (48 of 141 Arabic texts on the home page). ARABIC_FIX
keeps axe's own matching but, for an element whose own text is Arabic, answers "not a
ligature" for every font while axe decides; every other element is decided as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import material
import pytest
from playwright.sync_api import Browser, BrowserContext

from .conftest import REPO

AXE = REPO / "tools" / "node_modules" / "axe-core" / "axe.min.js"
#: axe's colour-contrast rule with its icon-ligature guess turned off for Arabic text: its
#: matcher reads a per-font cache ({occurrences, numLigatures}) before it measures
#: anything, and a font seen often and never as a ligature is text; while the rule decides
#: on an element with Arabic text of its own, every font is such a font.
ARABIC_FIX = """(() => {
  const ARABIC = /[\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF]/;
  const rule = axe._audit.rules.find(r => r.id === "color-contrast");
  const stock = rule.matches;
  const text = new Proxy({}, {get: () => ({occurrences: Infinity, numLigatures: 0})});
  axe.configure({rules: [{id: "color-contrast", matches(node, virtualNode, context) {
    const arabic = [...node.childNodes].some(c => c.nodeType === 3 && ARABIC.test(c.nodeValue));
    if (!arabic) return stock.call(this, node, virtualNode, context);
    const fonts = axe._cache.get("fonts");
    axe._cache.set("fonts", text);
    try { return stock.call(this, node, virtualNode, context); }
    finally { axe._cache.set("fonts", fonts || {}); }
  }}]});
})();"""
#: axe's violations on the page, each with its impact and the first few elements.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({rule: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + n.failureSummary)}));
}"""
#: Elements inside the article with Arabic text of their own, shown on the page, that
#: axe's colour-contrast rule did not look at (neither passed, failed nor left to review).
UNCHECKED_ARABIC = """async () => {
  const ARABIC = /[\\u0600-\\u06FF]/;
  const own = e => [...e.childNodes].some(c => c.nodeType === 3 && ARABIC.test(c.nodeValue));
  const r = await axe.run(document, {runOnly: ["color-contrast"], elementRef: true});
  const seen = new Set(["passes", "violations", "incomplete"]
    .flatMap(k => r[k].flatMap(x => x.nodes.map(n => n.element))));
  const shown = [...document.querySelectorAll(".md-content *")]
    .filter(e => own(e) && e.checkVisibility() && e.getClientRects().length);
  return {shown: shown.length,
          unchecked: shown.filter(e => !seen.has(e)).map(e => e.textContent.slice(0, 40))};
}"""
SEVERE = ("serious", "critical")
#: Rules this site was fixed for: none of their violations is acceptable, whatever impact
#: axe gives them.
FIXED_RULES = (
    "aria-dialog-name",
    "color-contrast",
    "landmark-unique",
    "scrollable-region-focusable",
)


@pytest.fixture(scope="module")
def audited(browser: Browser) -> Iterator[Callable[[int], BrowserContext]]:
    """Browser contexts (one per width) that load axe, with the Arabic fix, into every page."""
    assert AXE.exists(), "make tools/node_modules/.installed installs axe-core"
    script = AXE.read_text(encoding="utf-8") + ";\n" + ARABIC_FIX
    contexts: dict[int, BrowserContext] = {}

    def context(width: int) -> BrowserContext:
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 900})
            contexts[width].add_init_script(script)
        return contexts[width]

    yield context
    for made in contexts.values():
        made.close()


def site_pages(site: Path) -> list[str]:
    """Every page of every language (the root's redirect aside)."""
    return sorted(p.relative_to(site).as_posix() for p in site.glob("*/**/*.html"))


def severe(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in SEVERE or v["rule"] in FIXED_RULES]


@pytest.mark.npm
def test_no_serious_or_critical_violation_on_any_page(
    audited: Callable[[int], BrowserContext], example_server: str, example_site: Path
) -> None:
    pages = site_pages(example_site)
    assert {p.split("/")[0] for p in pages} == {"ar", "en"} and len(pages) > 40
    page = audited(1280).new_page()
    found, unnamed = {}, []
    for rel in pages:
        page.goto(f"{example_server}/{rel}", wait_until="load")
        if bad := severe(page.evaluate(RUN_AXE)):
            found[rel] = bad
        if not page.get_attribute(".md-search", "aria-label"):
            unnamed.append(rel)
    page.close()
    assert found == {}
    assert unnamed == []


@pytest.mark.npm
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_at_phone_width_wide_tables_are_named_regions_the_keyboard_scrolls(
    audited: Callable[[int], BrowserContext], example_server: str, lang: str
) -> None:
    page = audited(390).new_page()
    page.goto(f"{example_server}/{lang}/journeys/file-complaint/", wait_until="load")
    page.wait_for_function("document.querySelector('.md-typeset__scrollwrap[role=region]')")
    regions = page.evaluate("""[...document.querySelectorAll('.md-typeset__scrollwrap')]
        .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => {
          let h = null;  // the last heading before the table
          for (const x of document.querySelectorAll('.md-content :is(h1, h2, h3, h4)'))
            if (x.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) h = x;
          return {role: b.getAttribute('role'), tabindex: b.getAttribute('tabindex'),
                  name: b.getAttribute('aria-label'),
                  heading: h.textContent.replace('¶', '').trim()}; })""")
    assert regions, "some table is wider than a phone"
    for region in regions:
        assert (region["role"], region["tabindex"]) == ("region", "0")
        assert re.fullmatch(re.escape(region["heading"]) + r"( \(\d+\))?", region["name"])
    names = [r["name"] for r in regions]
    assert len(set(names)) == len(names)  # told apart when they share a heading
    box = page.locator(".md-typeset__scrollwrap[role=region]").first
    box.focus()
    assert box.evaluate("b => b.scrollLeft") == 0  # at the start, on the reading side
    page.keyboard.press("ArrowLeft" if lang == "ar" else "ArrowRight")
    # Scrolled toward the end of the line (leftward, negative, in Arabic).
    page.wait_for_function(
        f"b => b.scrollLeft {'<' if lang == 'ar' else '>'} 0", arg=box.element_handle()
    )
    assert severe(page.evaluate(RUN_AXE)) == []
    page.close()


#: A page of faint Arabic text (and one faint English line in the same font), with a dark
#: heading: every faint line fails WCAG AA (#aaa on white is 2.32:1).
FAINT = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تباين</title>
<style>body { font-family: "Noto Sans Arabic", "Noto Sans", sans-serif; background: #fff; }
.faint { color: #aaa; } h1 { color: #222; }</style></head><body><main>
<h1>رحلة المستفيد</h1>
<p class="faint">انتظار سبعين دقيقة في مركز الخدمة</p>
<p class="faint">لا يعرف المستفيد أين وصل طلبه</p>
<p class="faint">تقديم شكوى ومعالجتها</p>
<p class="faint">تجديد رخصة البناء</p>
<p class="faint">الملاحظات تصل دفعة واحدة</p>
<p class="faint">Seventy minutes of waiting</p>
</main></body></html>"""
CONTRAST = """async () => {
  const r = await axe.run(document, {runOnly: ["color-contrast"]});
  const texts = k => r[k].flatMap(x => x.nodes.map(n => n.html.replace(/<[^>]*>/g, "")));
  return {violations: texts("violations"), passes: texts("passes")};
}"""


@pytest.mark.npm
def test_the_contrast_check_reads_arabic_text(browser: Browser, tmp_path: Path) -> None:
    """Stock axe passes over faint Arabic text (and, once it has decided the font is an
    icon font, over the English line too); with the fix it reports every faint line."""
    (tmp_path / "faint.html").write_text(FAINT, encoding="utf-8")
    faint = re.findall(r'<p class="faint">(.*)</p>', FAINT)
    results = {}
    for fixed in (False, True):
        page = browser.new_page()
        page.goto((tmp_path / "faint.html").as_uri())
        page.add_script_tag(path=str(AXE))
        if fixed:
            page.evaluate(ARABIC_FIX)
        results[fixed] = page.evaluate(CONTRAST)
        page.close()
    assert results[True] == {"violations": faint, "passes": ["رحلة المستفيد"]}
    assert len(results[False]["violations"]) < len(faint)  # why the fix is there


@pytest.mark.npm
@pytest.mark.parametrize("rel", ["ar/", "ar/journeys/file-complaint/"])
def test_with_the_fix_axe_checks_every_arabic_text_of_the_site(
    audited: Callable[[int], BrowserContext], example_server: str, rel: str
) -> None:
    page = audited(1280).new_page()
    page.goto(f"{example_server}/{rel}", wait_until="load")
    seen = page.evaluate(UNCHECKED_ARABIC)
    page.close()
    assert seen["shown"] > 100
    assert seen["unchecked"] == []


#: For each (primary, accent, scheme, custom colour): the colours of a link, of a link in
#: focus (as under the pointer: the accent), of the page behind them, of the header and
#: of the header's title. Transitions are off, so each colour is the final one.
COLOURS = """([primary, accent, scheme, custom]) => {
  const body = document.body;
  body.setAttribute("data-md-color-primary", primary);
  body.setAttribute("data-md-color-accent", accent);
  body.setAttribute("data-md-color-scheme", scheme);
  for (const name of ["--md-primary-fg-color", "--md-accent-fg-color"])
    body.style.removeProperty(name);
  if (custom) body.style.setProperty(primary === "custom" ? "--md-primary-fg-color"
                                                           : "--md-accent-fg-color", custom);
  const link = document.querySelector("article a:not(.headerlink)");
  const css = e => getComputedStyle(e);
  const colours = {link: css(link).color, page: css(body).backgroundColor,
    header: css(document.querySelector(".md-header")).backgroundColor,
    title: css(document.querySelector(".md-header__topic .md-ellipsis")).color};
  link.focus();
  colours.focused = css(link).color;
  link.blur();
  return colours;
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    """A computed colour ("rgb(…)", "rgba(…)" or "color(srgb …)") as 0–255 channels and
    alpha."""
    numbers = [float(x) for x in re.findall(r"[\d.]+", css)]
    if css.startswith("color("):
        r, g, b = (x * 255 for x in numbers[:3])
        return r, g, b, numbers[3] if len(numbers) > 3 else 1.0
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0


def contrast(fore: str, back: str) -> float:
    """WCAG contrast ratio of ``fore`` (its alpha composited) on the opaque ``back``."""

    def luminance(rgb: tuple[float, ...]) -> float:
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    *f, alpha = rgba(fore)
    b = rgba(back)[:3]
    mixed = tuple((alpha * x + (1 - alpha) * y) / 255 for x, y in zip(f, b, strict=True))
    high, low = sorted((luminance(mixed), luminance(tuple(y / 255 for y in b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(0, 148, 133)", "rgb(255, 255, 255)") == pytest.approx(3.77, abs=0.01)
    assert contrast("rgba(0, 0, 0, 0.87)", "rgb(255, 193, 5)") == pytest.approx(10.69, abs=0.01)
    assert contrast("color(srgb 0.45 0.45 0.45)", "rgb(255, 255, 255)") == pytest.approx(
        4.75, abs=0.01
    )


def palettes() -> list[tuple[str, str, str, str]]:
    """Every primary and accent colour material names, on its light and dark schemes, and
    "custom" colours (light scheme) that no fixed darkening would serve."""
    css = next(Path(material.__file__).parent.glob("templates/assets/stylesheets/palette.*.css"))
    text = css.read_text(encoding="utf-8")
    primaries = sorted(set(re.findall(r"data-md-color-primary=([a-z-]+)\]", text)))
    accents = sorted(set(re.findall(r"data-md-color-accent=([a-z-]+)\]", text)))
    assert "teal" in primaries and "deep-orange" in accents and len(primaries) > 15
    named = [
        (primary, accents[i % len(accents)], scheme, "")
        for scheme in ("default", "slate")
        for i, primary in enumerate(primaries)
    ]
    named += [("indigo", accent, "default", "") for accent in accents]
    customs = ["#ffffff", "#ffff00", "#00ffff", "#808080", "#009485"]
    return (
        named
        + [("custom", "indigo", "default", c) for c in customs]
        + [("indigo", "custom", "default", c) for c in customs]
    )


def test_links_and_the_header_read_at_4_5_to_1_in_every_palette(
    browser: Browser, example_server: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{example_server}/en/", wait_until="load")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    low = {}
    for palette in palettes():
        c = page.evaluate(COLOURS, list(palette))
        ratios = {
            "link": contrast(c["link"], c["page"]),
            "header": contrast(c["title"], c["header"]),
        }
        if palette[2] == "default":  # the accent is darkened on the light scheme
            ratios["focused link"] = contrast(c["focused"], c["page"])
        if failing := {k: round(v, 2) for k, v in ratios.items() if v < 4.5}:
            low[palette] = failing
    page.close()
    assert low == {}


class Element:
    """An element of parsed HTML: its tag, attributes and children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[Element | str] = []

    def elements(self, tag: str | None = None) -> list[Element]:
        """The child elements (with ``tag``)."""
        return [c for c in self.children if isinstance(c, Element) and tag in (None, c.tag)]

    def descendants(self, tag: str) -> list[Element]:
        found = []
        for child in self.elements():
            found += [child] if child.tag == tag else []
            found += child.descendants(tag)
        return found

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own_text(self) -> str:
        """The text before the first nested list (a list item's own words)."""
        words = []
        for child in self.children:
            if isinstance(child, Element) and child.tag in ("ul", "ol"):
                break
            words.append(child if isinstance(child, str) else child.text())
        return " ".join("".join(words).split())


class _Parser(HTMLParser):
    VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack = [Element("root", {})]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def text_alternatives(html: str) -> list[Element]:
    """The text alternatives of a page's diagrams (collapsed <details>), in page order."""
    parser = _Parser()
    parser.feed(html)
    return [
        d
        for d in parser.stack[0].descendants("details")
        if d.elements("summary")
        and d.elements("summary")[0].text().strip() in ("Text alternative", "البديل النصي")
    ]


def test_no_text_alternative_holds_a_broken_list(example_site: Path) -> None:
    """The lists used to be one-item numbered lists side by side (306 of them on 18
    pages), each step numbered "a." and its facts not under it: each an item whose only
    content was a nested one-item list."""
    alternatives = 0
    for rel in site_pages(example_site):
        for alt in text_alternatives((example_site / rel).read_text(encoding="utf-8")):
            alternatives += 1
            for li in alt.descendants("li"):
                assert li.own_text(), (rel, "an item that is only a nested list")
            for lists in (alt.elements("ul"), alt.elements("ol")):
                assert len(lists) <= 2, (rel, "lists side by side")  # (the as-is curve: 2)
    assert alternatives > 30


@pytest.mark.parametrize(
    ("lang", "stage", "step", "pain", "leads"),
    [
        ("en", "Stage: ", "Step ", "Pain point (high severity): No update", "next → Site fixed"),
        ("ar", "المرحلة: ", "الخطوة ", "نقطة ألم (خطورة عالية): لا تحديث", "التالي ← إصلاح الموقع"),
    ],
)
def test_a_journey_maps_text_alternative_nests_stages_steps_and_facts(
    example_site: Path, lang: str, stage: str, step: str, pain: str, leads: str
) -> None:
    html = (example_site / lang / "journeys/file-complaint/index.html").read_text(encoding="utf-8")
    journey_map, blueprint, curve = text_alternatives(html)[:3]
    for alt in (journey_map, blueprint):
        (stages,) = alt.elements("ul")
        assert [li.own_text().startswith(stage) for li in stages.elements("li")] == [True] * 3
        steps = [
            [s.own_text() for s in li.elements("ul")[0].elements("li")]
            for li in stages.elements("li")
        ]
        # Report (1 step), Resolve (3), Close (1); numbered as the diagrams number them.
        assert [len(s) for s in steps] == [1, 3, 1]
        numbers = [t.split(":")[0] for s in steps for t in s]
        assert numbers == [f"{step}{n}" for n in range(1, 6)]
    routed = journey_map.elements("ul")[0].elements("li")[1].elements("ul")[0].elements("li")[0]
    facts = [li.own_text() for li in routed.elements("ul")[0].elements("li")]
    assert any(f.startswith(pain) for f in facts) and leads in facts
    (ordered,) = curve.elements("ol")  # the emotion curve: one numbered list of the 5 steps
    assert len(ordered.elements("li")) == 5


def test_an_images_alt_text_does_not_repeat_its_caption(example_site: Path) -> None:
    parser = _Parser()
    parser.feed(
        (example_site / "en/journeys/file-complaint/index.html").read_text(encoding="utf-8")
    )
    figures = [
        f for f in parser.stack[0].descendants("figure") if f.attrs.get("class") == "cx-diagram"
    ]
    assert len(figures) >= 3
    for figure in figures:
        (img,) = figure.descendants("img")
        (caption,) = figure.descendants("figcaption")
        assert img.attrs["alt"] and img.attrs["alt"] != caption.text().strip()


def test_the_customer_trees_text_alternative_nests_segments(example_site: Path) -> None:
    html = (example_site / "en/customer-tree/index.html").read_text(encoding="utf-8")
    (tree,) = text_alternatives(html)[:1]
    top = [li.own_text().split(" (")[0] for li in tree.elements("ul")[0].elements("li")]
    assert top == ["Individuals", "Businesses"]
