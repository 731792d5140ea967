"""Print (A4) and phone (390 px) views of the example site, in headless Chromium.

Printed with Chromium's print-to-PDF (``page.pdf(format="A4")``, the print stylesheet
``cxdsl-print.css``), a journey page of the example fits on at most four sheets and the
as-is/to-be comparison on one; collapsed blocks (text alternatives) stay collapsed and the
footer's date and version are printed. At 390 px the page never scrolls sideways and the
steps of a journey are cards whose emotion and effort are on screen (``cxdsl-phone.css``).

Figures from the example (``make site``, Chromium 156): a journey page printed on 20 to 38
sheets before these stylesheets; see the module's report for the figures after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ._site_build import LANGS, addressed_site, serve_under_prefix

#: Journey pages whose print must fit on four sheets: one with measured results, one without.
JOURNEYS = ("journeys/file-complaint/", "journeys/renew-building-permit-to-be/")
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


def _open(browser: Browser, url: str, viewport: dict[str, int] | None = None) -> Page:
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})  # type: ignore[arg-type]
    page.route(OTHER_HOSTS, lambda route: route.abort())  # (the site_url's own host)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def _sheets(page: Page) -> int:
    """How many A4 sheets the page prints on (every image loaded first)."""
    page.evaluate(
        """Promise.all([...document.images].map(i => {
            i.loading = "eager"; return i.decode().catch(() => null); }))"""
    )
    pdf = page.pdf(format="A4")
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize("lang", LANGS)
def test_pages_print_on_few_a4_sheets(browser: Browser, server: str, lang: str) -> None:
    for path in JOURNEYS:
        page = _open(browser, f"{server}{lang}/{path}")
        assert _sheets(page) <= 4, path
        page.close()
    page = _open(browser, f"{server}{lang}/{COMPARISON}")
    assert _sheets(page) == 1
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_print_collapses_blocks_and_keeps_the_footer_line(
    browser: Browser, server: str, lang: str
) -> None:
    page = _open(browser, f"{server}{lang}/journeys/issue-commercial-licence/")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """(() => {
          const visible = e => getComputedStyle(e).display !== "none";
          const details = [...document.querySelectorAll("article details")];
          const inner = details.flatMap(d => [...d.children].filter(c => c.tagName !== "SUMMARY"));
          const meta = document.querySelector(".cx-page-meta");
          let footer = true;
          for (let e = meta; e; e = e.parentElement) footer = footer && visible(e);
          return {
            details: details.length,
            summaries: details.filter(d => visible(d.querySelector("summary"))).length,
            inner: inner.filter(visible).length,
            footer: footer, meta: meta.textContent,
            whole: [...document.querySelectorAll("article .cx-diagram")]
              .every(f => getComputedStyle(f).breakInside === "avoid"),
            nav: visible(document.querySelector(".md-header")),
          };
        })()"""
    )
    assert shown["details"] > 0 and shown["summaries"] == shown["details"]
    assert shown["inner"] == 0  # a text alternative prints as its one-line summary
    assert shown["footer"] and "cxdsl 0.1.0" in shown["meta"]
    assert re.search(r"\b2026\b", shown["meta"])  # the sources' date
    assert shown["whole"] and not shown["nav"]
    page.close()


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
