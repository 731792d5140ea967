"""The documentation site, end to end in headless Chromium (Debian's), plus a link checker.

Screenshots are kept in test-artifacts/site/.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from cxdsl.i18n import ui
from cxdsl.site.build import build_site
from cxdsl.site.markdown import escape_markdown, safe_url

from ._serve import serve_folder
from .conftest import REPO, make_workspace

ARTIFACTS = REPO / "test-artifacts" / "site"
XSS_TITLE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace, plus a journey whose step title is an XSS payload."""
    ws = tmp_path_factory.mktemp("example")
    for name in ("cxdsl.yaml", "personas", "journeys", "results", "docs", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, ws / name)
    (ws / "journeys" / "xss.yaml").write_text(
        "kind: journey\nid: xss-probe\ntitle: {ar: اختبار, en: Probe}\n"
        "persona: maria-resident\nstages:\n  - id: s\n    title: {ar: مرحلة, en: Stage}\n"
        "    steps:\n      - id: x\n        channel: web-portal\n        emotion: 0\n"
        f"        title: {{ar: 'خطوة {XSS_TITLE}',\n"
        f"                en: '{XSS_TITLE} [click](javascript:alert(1))'}}\n",
        encoding="utf-8",
    )
    report, _warnings = build_site(ws, ws / "site")
    assert report.prepared.result.ok, [d.render() for d in report.prepared.result.diagnostics]
    assert not report.render.failed
    return ws / "site"


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    with serve_folder(built) as url:
        yield url


def open_page(browser: Browser, url: str, shot: str | None = None) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if shot:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
    return page, errors


PAGES = {
    "home": "",
    "journey": "journeys/issue-commercial-licence/",
    "persona": "personas/noura-cafe-founder/",
    "metrics": "metrics/",
    "compare": "journeys/renew-building-permit-to-be-compare/",
}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_load_without_errors(browser: Browser, server: str, lang: str, name: str) -> None:
    page, errors = open_page(browser, f"{server}/{lang}/{PAGES[name]}", f"{name}.{lang}")
    assert errors == []
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.get_attribute("html", "dir") == direction
    assert page.get_attribute("body", "dir") == direction
    assert page.get_attribute("html", "lang") == lang
    # every image (the diagrams) loaded
    broken = page.evaluate("""Promise.all([...document.images].map(i => {
        i.loading = "eager";  // diagrams are lazy: load them all before judging
        return i.decode().then(() => i.naturalWidth > 0 ? null : i.src, () => i.src);
    })).then(r => r.filter(Boolean))""")
    assert broken == []
    page.close()


def test_journey_page_shows_its_diagrams(browser: Browser, server: str) -> None:
    page, _ = open_page(browser, f"{server}/ar/journeys/issue-commercial-licence/")
    sources = page.evaluate("[...document.images].map(i => i.getAttribute('src'))")
    assert any(s.endswith("journey-map.svg") for s in sources)
    assert any(s.endswith("service-blueprint.svg") for s in sources)
    assert any(s.endswith("emotion-curve.svg") for s in sources)
    assert "رفع المستندات" in page.inner_text("article")
    page.close()


def test_language_switcher_leads_to_the_same_page(browser: Browser, server: str) -> None:
    page, _ = open_page(browser, f"{server}/en/journeys/issue-commercial-licence/")
    page.click(".md-header__option .md-select button", force=True)
    page.click('a.md-select__link[hreflang="ar"]', force=True)
    page.wait_for_load_state("networkidle")
    assert page.url == f"{server}/ar/journeys/issue-commercial-licence/"
    assert page.get_attribute("html", "dir") == "rtl"
    page.close()


def test_search_finds_a_step_by_its_arabic_title(browser: Browser, server: str) -> None:
    page, errors = open_page(browser, f"{server}/ar/")
    page.click(".md-search__input")
    page.keyboard.type("رفع المستندات")
    page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000
    )
    results = page.inner_text(".md-search-result")
    assert "رفع المستندات" in results
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.ar.png"))
    assert errors == []
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_xss_in_a_step_title_stays_inert(browser: Browser, server: str, lang: str) -> None:
    page, errors = open_page(browser, f"{server}/{lang}/journeys/xss-probe/")
    assert page.evaluate("window.__xss") is None
    assert errors == []
    text = page.inner_text("article")
    assert "<script>window.__xss=2</script>" in text  # shown as text
    assert page.locator("article script").count() == 0
    assert page.locator('article a[href^="javascript"]').count() == 0
    page.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (
                (tag == "a" and name == "href")
                or name == "src"
                or (tag == "link" and name == "href")
            ):
                self.links.append(value)


def test_no_broken_internal_links_or_missing_images(built: Path) -> None:
    broken = []
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        parser = _Links()
        html = page.read_text(encoding="utf-8")
        parser.feed(html)
        # A 404 page is served at any address; its script points <base id="cx-base"> at
        # its language's folder (the root copy too), and its links are relative to that.
        runtime = re.search(r'<html lang="([a-z]{2,3})"', html) if 'id="cx-base"' in html else None
        folder = built / runtime.group(1) if runtime else page.parent
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "mailto:", "//")):
                continue
            base = built if parts.path.startswith("/") else folder
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built)} -> {link}")
    assert broken == []


def test_markdown_escaping_keeps_text_literal() -> None:
    assert escape_markdown("*a* [b](c) <i>") == ("&#42;a&#42; &#91;b&#93;&#40;c&#41; &#60;i&#62;")
    assert escape_markdown("المشاعر +2", rtl=True) == 'المشاعر <bdi dir="ltr">&#43;2</bdi>'
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("//evil.example/x") is None
    assert safe_url("https://example.gov/a b") == "https://example.gov/a%20b"
    assert safe_url("mailto:cx@example.gov") == "mailto:cx@example.gov"
    assert safe_url("../reports/q1.pdf") == "../reports/q1.pdf"


def test_missing_translation_is_marked(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "tree.yaml").write_text(
        (ws / "personas" / "tree.yaml")
        .read_text(encoding="utf-8")
        .replace("name: {ar: سارة, en: Sara}", "name: {en: Sara}"),
        encoding="utf-8",
    )
    build_site(ws, ws / "site")
    html = (ws / "site/ar/personas/sara/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'class="cx-fallback" lang="en"[^>]*><bdi dir="ltr">Sara</bdi> '
        r'<small class="cx-badge">EN',
        html,
    )


def test_serve_rebuilds_when_a_model_file_changes(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    ws = make_workspace(tmp_path)
    (ws / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - cxdsl\n",
        encoding="utf-8",
    )
    (ws / "docs").mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxdsl", "serve", str(ws), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/journeys/renew-license/"

    def fetch() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if text in fetch():
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert wait_for("تجديد الرخصة")
        journey = ws / "journeys" / "renew-license.yaml"
        journey.write_text(
            journey.read_text(encoding="utf-8").replace("تجديد الرخصة", "تجديد الترخيص"),
            encoding="utf-8",
        )
        assert wait_for("تجديد الترخيص")  # rebuilt from the changed model file
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_signed_numbers_read_left_to_right_inside_arabic(browser: Browser, server: str) -> None:
    """Measured on screen: in an RTL page the sign of +1 / -2 sits left of its digit."""
    page, _ = open_page(browser, f"{server}/ar/journeys/issue-commercial-licence/")
    positions = page.evaluate("""() => [...document.querySelectorAll('.cx-emotion bdi')]
        .map(el => el.firstChild).filter(t => /^[+-]/.test(t.data)).map(t => {
            const r = document.createRange();
            const x = i => { r.setStart(t, i); r.setEnd(t, i + 1);
                             return r.getBoundingClientRect().left; };
            return [t.data, x(0), x(1)];
        })""")
    assert len(positions) >= 5
    for text, sign, digit in positions:
        assert sign < digit, f"{text!r} is drawn with its sign on the right"
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_journey_page_shows_what_was_measured(browser: Browser, server: str, lang: str) -> None:
    """The example's measured data on its licence journey: cards, the matrix, the measured
    emotion over the designed curve, the funnel, the association; every chart drawn."""
    page, errors = open_page(browser, f"{server}/{lang}/journeys/issue-commercial-licence/")
    assert errors == []
    section = page.locator("#measured")
    section.scroll_into_view_if_needed()
    text = page.inner_text("article")
    words = {
        "en": ["Measured", "95 % interval", "Criteria × stages", "Funnel", "Spearman"],
        "ar": ["95", "ρ"],
    }
    for word in words[lang]:
        assert word in text, word
    charts = page.evaluate(
        "[...document.images].map(i => i.getAttribute('src')).filter(s => s.includes('measured'))"
    )
    assert len(charts) >= 4, charts
    broken = page.evaluate("""Promise.all([...document.images].map(i => {
        i.loading = "eager";
        return i.decode().then(() => i.naturalWidth > 0 ? null : i.src, () => i.src);
    })).then(r => r.filter(Boolean))""")
    assert broken == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.querySelector('#measured').scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / f"measured.{lang}.png"), full_page=False)
    # In Arabic, changes since the previous period keep their sign left of their digits.
    signs = page.evaluate("""() => [...document.querySelectorAll('article bdi')]
        .map(el => el.firstChild).filter(t => t && /^[+-][0-9]/.test(t.data)).map(t => {
            const r = document.createRange();
            const x = i => { r.setStart(t, i); r.setEnd(t, i + 1);
                             return r.getBoundingClientRect().left; };
            return [t.data, x(0), x(1)];
        })""")
    assert lang == "en" or len(signs) >= 5
    for sign_text, sign, digit in signs:
        assert sign < digit, f"{sign_text!r} is drawn with its sign on the right"
    page.close()


def test_personal_columns_reach_no_page_and_no_index(built: Path) -> None:
    """The example's survey exports carry phone numbers and comments declared personal:
    nothing of them is in any file of the built site (pages, search index, charts)."""
    values = set()
    for export in (REPO / "results").glob("post-service-*.csv"):
        for row in csv.DictReader(export.open(encoding="utf-8")):
            values.update(v for k, v in row.items() if k in ("phone", "comment") and v)
    assert values
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".svg", ".js", ".xml"):
            content = path.read_text(encoding="utf-8", errors="replace")
            leaked = [v for v in values if v in content]
            assert not leaked, (path, leaked[:3])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_journey_page_adds_up_effort_and_details_each_stage(built: Path, lang: str) -> None:
    """Effort totals per stage and journey, then the stages and steps in detail (the
    example's permit journey states effort and a step's thoughts)."""
    page = (built / lang / "journeys" / "renew-building-permit" / "index.html").read_text(
        encoding="utf-8"
    )
    totals = page.index(f">{ui('effort_totals', lang)}<")
    details = page.index(f">{ui('step_details', lang)}<")
    assert totals < details
    assert 'id="step-notice-expiry-details"' in page
