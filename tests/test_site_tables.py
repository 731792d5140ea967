"""Wide tables on the example site, in headless Chromium (Debian's): at 1400 px the steps
table shows its Effort column and the comparison its Change column; on a narrow screen a
wide table scrolls inside its container, keeps its first column in view on the reading
side, takes the keyboard focus so the arrow keys scroll it, and is a region named after
the heading it stands under. (At phone width the steps table is a list of cards instead,
cxdsl-phone.css; the effort totals of the permit journey, seven columns, still scroll.)

Screenshots are kept in test-artifacts/site/.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from cxdsl.i18n import ui
from cxdsl.site.build import build_site

from .conftest import REPO

ARTIFACTS = REPO / "test-artifacts" / "site"
JOURNEY = "journeys/issue-commercial-licence/"
COMPARE = "journeys/renew-building-permit-to-be-compare/"
#: A page whose effort totals (seven columns: time, waiting, visits, documents, walking,
#: cost) are wider than a 480 px screen in both languages.
WIDE = "journeys/renew-building-permit/"

#: The table whose header row holds ``word``: the box of that header cell, the visible box
#: of the table's scroll container, and the boxes of the first cell of each row.
TABLE = """word => {
    const th = [...document.querySelectorAll('article th')]
        .find(h => h.textContent.trim() === word);
    if (!th) return null;
    const table = th.closest('table');
    const box = table.closest('.md-typeset__scrollwrap') || table;
    const rect = e => { const r = e.getBoundingClientRect();
                        return {left: r.left, right: r.right}; };
    return {cell: rect(th), box: rect(box), view: document.documentElement.clientWidth,
            scrolls: box.scrollWidth > box.clientWidth, tabindex: box.getAttribute('tabindex'),
            role: box.getAttribute('role'), name: box.getAttribute('aria-label'),
            firsts: [...table.rows].map(row => rect(row.cells[0]))};
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ws = tmp_path_factory.mktemp("example")
    for name in ("cxdsl.yaml", "personas", "journeys", "results", "docs", "mkdocs.yml"):
        src = REPO / name
        if src.exists():
            (shutil.copytree if src.is_dir() else shutil.copyfile)(src, ws / name)
    report, _ = build_site(ws, ws / "site")
    assert report.built and not report.render.failed

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(ws / "site"))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def open_at(browser: Browser, url: str, width: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.querySelector('.md-typeset__scrollwrap') !== null")
    page.wait_for_timeout(50)  # material's document$ has run; the focus script after it
    return page


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("path", "column"), [(JOURNEY, "effort"), (COMPARE, "change")])
def test_the_last_column_is_in_view_at_1400_px(
    browser: Browser, server: str, lang: str, path: str, column: str
) -> None:
    page = open_at(browser, f"{server}/{lang}/{path}", 1400)
    found = page.evaluate(TABLE, ui(column, lang))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"table-{column}.{lang}.1400.png"), full_page=True)
    page.close()
    assert found is not None, f"no {column} column"
    cell, box = found["cell"], found["box"]
    assert not found["scrolls"]
    assert box["left"] - 0.5 <= cell["left"] and cell["right"] <= box["right"] + 0.5
    assert cell["left"] >= 0 and cell["right"] <= found["view"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_wide_table_scrolls_with_its_first_column_kept_and_the_keyboard(
    browser: Browser, server: str, lang: str
) -> None:
    page = open_at(browser, f"{server}/{lang}/{WIDE}", 480)
    word = ui("waiting_time", lang)
    before = page.evaluate(TABLE, word)
    assert before["scrolls"] and before["tabindex"] == "0", before  # focusable when it scrolls
    # a region a screen reader names after the table's heading
    assert before["role"] == "region" and before["name"] == ui("effort_totals", lang), before
    header = page.locator("article th").filter(has_text=re.compile(f"^{re.escape(word)}$"))
    box = header.first.locator("xpath=ancestor::div[contains(@class, 'md-typeset__scrollwrap')]")
    box.focus()
    room = box.evaluate("b => b.scrollWidth - b.clientWidth")
    for _ in range(60):  # the arrow key away from the reading side scrolls it, to its end
        page.keyboard.press("ArrowLeft" if lang == "ar" else "ArrowRight")
    # Keyboard scrolling is animated: wait until it has reached the end and come to rest.
    page.wait_for_function(
        """([b, room]) => new Promise(done => {
            let last = NaN;
            const look = () => {
                const now = Math.abs(b.scrollLeft);
                if (now === last && Math.abs(now - room) <= 1) return done(true);
                last = now;
                setTimeout(look, 100);
            };
            look();
        })""",
        arg=[box.element_handle(), room],
        timeout=10_000,
    )
    scrolled = abs(box.evaluate("b => b.scrollLeft"))
    after = page.evaluate(TABLE, word)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"table-scrolled.{lang}.480.png"))
    page.close()
    assert room > 50 and scrolled == pytest.approx(room, abs=1)
    # the first column stays on the reading side of the container, every row of it
    side = "right" if lang == "ar" else "left"
    edge = after["box"][side]
    assert all(abs(first[side] - edge) <= 1.5 for first in after["firsts"]), (edge, after)
    # while the header cell that was in view has moved with the scroll
    assert after["cell"]["left"] == pytest.approx(
        before["cell"]["left"] + (room if lang == "ar" else -room), abs=1.5
    )
