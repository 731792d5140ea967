"""Print (A4) and phone (390 px) views of the example site, in headless Chromium.

Printed with Chromium's print-to-PDF (``page.pdf(format="A4")``, the print stylesheet
``cxdsl-print.css``), every journey page of the example fits on at most four sheets and every
as-is/to-be comparison on one, in both languages; text alternatives, captions and the
tables of figures under a chart are left out (the diagram or chart above shows them), other
collapsed blocks print as their summary; every sheet carries the footer's date and version
and its number in the page's language in its bottom margin, read in order (glyph positions
from ``pdftotext -bbox``; an Arabic sheet was numbered «4 / 1», now «صفحة 1 من 4»). At
390 px the page never scrolls sideways, the steps of a journey are cards whose emotion
and effort are on screen, and elsewhere a feeling stays on one line in a table that
scrolls inside its region (``cxdsl-phone.css``; each wrapped onto four lines before).

Figures from the example (Chromium 156, sheets per journey page, the same in both
languages): before these stylesheets 20 to 38; with the first print stylesheet 4 (complaint),
7 (licence), 5 (permit as is), 3 and 4 (permit to-be journeys), comparisons 1; now 3, 4, 3,
2 and 2, comparisons 1.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ._site_build import LANGS, addressed_site, serve_under_prefix

COMPARISON = "journeys/renew-building-permit-to-be-compare/"
PHONE_PAGES = ("", "attention/", "journeys/issue-commercial-licence/", COMPARISON, "metrics/")
PHONE = {"width": 390, "height": 844}
OTHER_HOSTS = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return addressed_site(tmp_path_factory)


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    with serve_under_prefix(built) as url:
        yield url


def _new_page(browser: Browser, viewport: dict[str, int] | None = None) -> Page:
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})  # type: ignore[arg-type]
    page.route(OTHER_HOSTS, lambda route: route.abort())  # (the site_url's own host)
    return page


def _open(browser: Browser, url: str, viewport: dict[str, int] | None = None) -> Page:
    page = _new_page(browser, viewport)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def _pdf(page: Page, url: str) -> bytes:
    """The page at ``url`` printed on A4 (every image loaded first)."""
    page.goto(url, wait_until="load")
    page.evaluate(
        """Promise.all([...document.images].map(i => {
            i.loading = "eager"; return i.decode().catch(() => null); }))"""
    )
    return page.pdf(format="A4")


def _sheets(page: Page, url: str) -> int:
    """How many A4 sheets the page at ``url`` prints on."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", _pdf(page, url)))


def _journey_pages(site: Path) -> list[str]:
    """Every journey page and comparison page of the built site (their folders)."""
    return sorted(p.parent.name for p in (site / "en" / "journeys").glob("*/index.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_pages_print_on_few_a4_sheets(
    browser: Browser, built: Path, server: str, lang: str
) -> None:
    """Every journey page on at most four A4 sheets, every comparison on one."""
    pages = _journey_pages(built)
    compared = [name for name in pages if name.endswith("-compare")]
    assert len(pages) - len(compared) == 5 and len(compared) == 2, pages  # the example's
    page = _new_page(browser)
    sheets = {name: _sheets(page, f"{server}{lang}/journeys/{name}/") for name in pages}
    page.close()
    assert all(sheets[name] == 1 for name in compared), sheets
    assert all(sheets[name] <= 4 for name in pages if name not in compared), sheets


#: What a journey page shows in print (emulated at the width of an A4 sheet's text).
PRINTED = """(() => {
  const visible = e => getComputedStyle(e).display !== "none";
  const article = document.querySelector("article");
  const after = (e, selector) => e.previousElementSibling?.matches(selector) ?? false;
  const details = [...article.querySelectorAll(":scope > details")];
  const doubles = details.filter(d => after(d, ".cx-diagram, .cx-results"));
  const kept = details.filter(d => !doubles.includes(d));
  const tables = [...article.querySelectorAll(":scope > .md-typeset__scrollwrap")];
  const data = tables.filter(t => after(t, ".cx-diagram"));
  const images = [...article.querySelectorAll(".cx-diagram img")];
  const meta = document.querySelector(".cx-page-meta");
  let footer = true;
  for (let e = meta; e; e = e.parentElement) footer = footer && visible(e);
  return {
    doubles: doubles.length, doubles_shown: doubles.filter(visible).length,
    kept: kept.length, kept_summaries: kept.filter(d => visible(d.querySelector("summary"))).length,
    inner: details.flatMap(d => [...d.children].filter(c => c.tagName !== "SUMMARY"))
      .filter(visible).length,
    data: data.length, data_shown: data.filter(visible).length,
    tables_shown: tables.filter(t => !data.includes(t)).every(visible),
    captions_shown: [...article.querySelectorAll("figcaption")].filter(visible).length,
    images: images.length, width: article.clientWidth,
    widest: Math.max(...images.map(i => i.getBoundingClientRect().width)),
    headings: [...article.querySelectorAll("h2, h3")].filter(visible)
      .every(h => getComputedStyle(h).breakAfter === "avoid"),
    whole: [...article.querySelectorAll(".cx-diagram")]
      .every(f => getComputedStyle(f).breakInside === "avoid"),
    footer: footer, meta: meta.textContent,
    nav: visible(document.querySelector(".md-header")),
  };
})()"""


@pytest.mark.parametrize("lang", LANGS)
def test_print_leaves_out_what_the_sheet_shows(browser: Browser, server: str, lang: str) -> None:
    """A journey page with measured results, as printed: what repeats a diagram or chart on
    the same sheet is left out, the rest is there; diagrams whole and within the sheet."""
    page = _new_page(browser, {"width": 718, "height": 1000})  # A4 less 10 mm margins, 96 dpi
    page.goto(f"{server}{lang}/journeys/issue-commercial-licence/", wait_until="load")
    page.evaluate("Promise.all([...document.images].map(i => (i.loading = 'eager', i.decode())))")
    page.emulate_media(media="print")
    shown = page.evaluate(PRINTED)
    page.close()
    # text alternatives (3 diagrams) and the trend charts' data: not printed at all
    assert shown["doubles"] == 4 and shown["doubles_shown"] == 0, shown
    # other collapsed blocks (earlier periods) print as their one-line summary
    assert shown["kept"] == 2 and shown["kept_summaries"] == 2 and shown["inner"] == 0, shown
    # the tables under the four step charts repeat them; every other table is printed
    assert shown["data"] == 4 and shown["data_shown"] == 0 and shown["tables_shown"], shown
    assert shown["captions_shown"] == 0  # each diagram draws its title
    # every diagram scaled into the sheet's width (on screen some keep a wider minimum)
    assert shown["images"] == 13 and shown["widest"] <= shown["width"] + 0.5, shown
    assert shown["headings"] and shown["whole"] and not shown["nav"]
    # the footer's line is in every sheet's margin (below), not again at the page's end
    assert not shown["footer"] and "cxdsl 0.1.0" in shown["meta"]
    assert re.search(r"\b2026\b", shown["meta"])  # the sources' date


#: The bottom margin of an A4 sheet in points (10 mm, cxdsl-print.css); a sheet is 842.88 pt.
MARGIN_TOP = 842.88 - 10 / 25.4 * 72
#: Isolation marks, and Arabic vowel signs (their place among the drawn glyphs varies).
DROPPED = str.maketrans(
    "", "", "\u2066\u2067\u2068\u2069\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
)
XHTML = "{http://www.w3.org/1999/xhtml}"


def _reading(text: str, rtl: bool) -> str:
    """A word as ``pdftotext`` gives it, its glyphs left to right, in reading order: on a
    right-to-left sheet backwards, but for the digits and Latin letters in it."""
    text = text.translate(DROPPED)
    if not rtl:
        return text
    return re.sub(r"[0-9A-Za-z.]+", lambda run: run.group()[::-1], text[::-1])


def _margin_words(pdf: bytes, rtl: bool) -> list[list[tuple[float, str]]]:
    """Per printed sheet, the words in its bottom margin, left to right, with where each
    starts (x, in points): glyph positions as ``pdftotext -bbox`` reads them."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "make setup installs poppler-utils (pdftotext reads the printed sheets)"
    out = subprocess.run(
        [pdftotext, "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", out))
    sheets = []
    for sheet in root.iter(f"{XHTML}page"):
        words = [
            (float(word.get("xMin", "0")), _reading(word.text or "", rtl))
            for word in sheet.iter(f"{XHTML}word")
            if float(word.get("yMin", "0")) > MARGIN_TOP
        ]
        sheets.append(sorted(w for w in words if w[1]))
    return sheets


#: The footer's line of the licence journey (its file is dated 2026-03-15 in the built
#: copy), vowel signs aside, and a sheet's number, in each language.
SHEET_LINE = {
    "en": "Sources last changed on 15 March 2026 (26 Ramadan 1447 AH) · built with cxdsl 0.1.0",
    "ar": "آخر تغيير في مصادر هذه الصفحة: 15 مارس 2026 (26 رمضان 1447 هـ) · "
    "بنيت باستخدام cxdsl 0.1.0",
}
SHEET_NUMBER = {"en": "Page {} of {}", "ar": "صفحة {} من {}"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_sheet_carries_the_date_version_and_its_number_in_reading_order(
    browser: Browser, server: str, lang: str
) -> None:
    """Printed, each of the licence journey's four sheets has in its bottom margin the
    footer's line and its number, «صفحة 1 من 4» / "Page 1 of 4", whose glyphs read in
    order: right to left in Arabic (the sheet's 1 right of the count 4, not «4 / 1»)."""
    page = _new_page(browser)
    sheets = _margin_words(
        _pdf(page, f"{server}{lang}/journeys/issue-commercial-licence/"), rtl=lang == "ar"
    )
    page.close()
    assert len(sheets) == 4
    for number, words in enumerate(sheets, start=1):
        reading = [text for _x, text in (words[::-1] if lang == "ar" else words)]
        assert Counter(reading) >= Counter(SHEET_LINE[lang].split()), (number, reading)
        expected = SHEET_NUMBER[lang].format(number, 4).split()
        assert expected[0] in reading, (number, reading)
        start = reading.index(expected[0])
        assert reading[start : start + 4] == expected, (number, reading)


@pytest.mark.parametrize("lang", LANGS)
def test_phone_feelings_stay_on_one_line_in_a_table_that_scrolls(
    browser: Browser, server: str, lang: str
) -> None:
    """At 390 px the home page's worst steps keep each feeling on one line (a chip as tall
    as one line of its text); their table scrolls sideways inside its focusable region,
    the page body does not."""
    page = _open(browser, f"{server}{lang}/", PHONE)
    shown = page.evaluate(
        """(() => {
          const chips = [...document.querySelectorAll("article .cx-emotion")];
          const region = chips[0].closest(".md-typeset__scrollwrap");
          return {lines: chips.map(c => c.getBoundingClientRect().height
                                     / parseFloat(getComputedStyle(c).lineHeight)),
                  region: [region.scrollWidth, region.clientWidth, region.tabIndex],
                  body: [document.documentElement.scrollWidth, innerWidth]};
        })()"""
    )
    page.close()
    assert len(shown["lines"]) == 7  # the example's worst steps: 6 rows, one with 2 personas
    assert all(0.9 < lines < 1.2 for lines in shown["lines"]), shown["lines"]
    width, room, tab_index = shown["region"]
    assert width > room and tab_index == 0
    assert shown["body"] == [390, 390]


@pytest.mark.parametrize("lang", LANGS)
def test_phone_never_scrolls_sideways(browser: Browser, server: str, lang: str) -> None:
    for path in PHONE_PAGES:
        page = _open(browser, f"{server}{lang}/{path}", PHONE)
        width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1] == 390, path
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_phone_steps_are_cards_with_emotion_and_effort_on_screen(
    browser: Browser, server: str, lang: str
) -> None:
    page = _open(browser, f"{server}{lang}/journeys/issue-commercial-licence/", PHONE)
    cards = page.evaluate(
        """[...document.querySelectorAll('td > span[id^="step-"]')].map(anchor => {
          const row = anchor.closest("tr"), cells = [...row.children];
          const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
          return {display: getComputedStyle(row).display,
                  emotion: box(cells.find(c => c.querySelector(".cx-emotion"))),
                  effort: box(cells[5]), step: box(cells[1])};
        })"""
    )
    assert len(cards) == 10  # the example journey's ten steps
    for card in cards:
        assert card["display"] == "grid"
        for left, right in (card["emotion"], card["effort"], card["step"]):
            assert 0 <= left < right <= 390
    page.close()
