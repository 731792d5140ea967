"""Print (A4) and phone (390 px) views of the example site, in headless Chromium.

Printed with Chromium's print-to-PDF (``page.pdf(format="A4")``, the print stylesheet
``cxdsl-print.css``), every journey page of the example fits on at most four sheets and every
as-is/to-be comparison on one, in both languages; text alternatives, captions and the
tables of figures under a chart are left out (the diagram or chart above shows them), other
collapsed blocks print as their summary, and the footer's date and version are printed. At
390 px the page never scrolls sideways and the steps of a journey are cards whose emotion
and effort are on screen (``cxdsl-phone.css``).

Figures from the example (Chromium 156, sheets per journey page, the same in both
languages): before these stylesheets 20 to 38; with the first print stylesheet 4 (complaint),
7 (licence), 5 (permit as is), 3 and 4 (permit to-be journeys), comparisons 1; now 3, 4, 3,
2 and 2, comparisons 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ._site_build import LANGS, addressed_site, serve_under_prefix

COMPARISON = "journeys/renew-building-permit-to-be-compare/"
PHONE_PAGES = ("journeys/issue-commercial-licence/", COMPARISON, "metrics/")
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


def _sheets(page: Page, url: str) -> int:
    """How many A4 sheets the page at ``url`` prints on (every image loaded first)."""
    page.goto(url, wait_until="load")
    page.evaluate(
        """Promise.all([...document.images].map(i => {
            i.loading = "eager"; return i.decode().catch(() => null); }))"""
    )
    pdf = page.pdf(format="A4")
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


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
def test_print_leaves_out_what_the_sheet_shows_and_keeps_the_footer_line(
    browser: Browser, server: str, lang: str
) -> None:
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
    assert shown["footer"] and "cxdsl 0.1.0" in shown["meta"]
    assert re.search(r"\b2026\b", shown["meta"])  # the sources' date


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
