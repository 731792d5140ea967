"""Dates and addresses: when each page's sources last changed (git, else file times), the
build's version, the age of evidence, ``site_url`` (``cxdsl build --site-url``) with its
sitemaps, canonical links and hreflang alternates, and 404 pages per language that work
when the site is served under a sub-path.

The example is copied with its files dated by hand and built on a set day
(:mod:`tests._site_build`), so every date and age below is worked out in advance.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from cxdsl.cli import main
from cxdsl.site.addresses import alternate_links, not_found_base, not_found_text
from cxdsl.site.evidence_age import age_words, is_stale, months_old
from cxdsl.site.mkdocs_config import read_mkdocs_config
from cxdsl.site.page_dates import last_changes, page_dates
from cxdsl.site.site_url import site_url_problem

from ._site_build import (
    LANGS,
    NEW,
    OLD,
    SITE_URL,
    addressed_site,
    build,
    free_port,
    serve_under_prefix,
)
from .conftest import shared_folder

D = dt.date


# Units: dates, ages and addresses worked out by hand.


def test_months_old_and_staleness() -> None:
    assert months_old(D(2025, 3, 18), D(2026, 9, 1)) == 17  # 18 months less 17 days
    assert months_old(D(2025, 9, 1), D(2026, 9, 1)) == 12
    assert months_old(D(2026, 9, 5), D(2026, 9, 1)) == 0  # a date after the build
    assert not is_stale(D(2025, 9, 1), D(2026, 9, 1), 12)  # exactly twelve months
    assert is_stale(D(2025, 9, 1), D(2026, 9, 2), 12)
    assert is_stale(D(2025, 8, 15), D(2026, 9, 1), 12)  # 12 months and 17 days
    assert not is_stale(D(2024, 2, 29), D(2025, 2, 28), 12)  # the month's last day
    assert is_stale(D(2024, 2, 29), D(2025, 3, 1), 12)


def test_age_in_words_with_plurals() -> None:
    assert age_words(1, "en") == "1 month"
    assert age_words(17, "en") == "17 months"
    assert age_words(30, "en") == "2 years"  # whole years from 24 months
    assert age_words(17, "ar") == "17 شهرًا"
    assert age_words(5, "ar") == "5 أشهر"
    assert age_words(2, "ar") == "شهران"
    assert age_words(36, "ar") == "3 سنوات"


def test_site_url_must_be_a_web_address() -> None:
    assert site_url_problem("https://example.org/cx/") is None
    assert site_url_problem("http://127.0.0.1:8000/") is None
    for bad in ("example.org", "/cx/", "ftp://example.org/", "https://example.org/?a=1"):
        assert site_url_problem(bad), bad
    runner = CliRunner()
    result = runner.invoke(main, ["build", ".", "--site-url", "example.org/cx"])
    assert result.exit_code == 2 and "--site-url" in result.output


def test_site_url_in_mkdocs_yml_is_checked(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: docs.example.org\nplugins: [search, cxdsl]\n", encoding="utf-8"
    )
    issues = read_mkdocs_config(tmp_path, untrusted=False).issues
    assert [(i.code, i.span.line if i.span else None) for i in issues] == [("CX016", 2)]


def test_alternates_name_every_language_and_the_default() -> None:
    links = alternate_links("https://ex.org/cx", "journeys/a b/", ["ar", "en"], "ar")
    assert links.splitlines() == [
        '<link rel="alternate " hreflang="ar" href="https://ex.org/cx/ar/journeys/a%20b/">',
        '<link rel="alternate " hreflang="en" href="https://ex.org/cx/en/journeys/a%20b/">',
        '<link rel="alternate " hreflang="x-default" href="https://ex.org/cx/ar/journeys/a%20b/">',
    ]


def test_404_links_and_what_its_script_looks_for() -> None:
    plain = not_found_text("ar", ".", ["ar", "en"])
    assert plain["href"] == "./"
    assert plain["others"] == [{"code": "en", "dir": "ltr", "name": "English", "href": "../en/"}]
    rooted = not_found_text("en", "/sub/path/en", ["ar", "en"])
    assert rooted["href"] == "/sub/path/en/"
    assert rooted["others"] == [
        {"code": "ar", "dir": "rtl", "name": "العربية", "href": "/sub/path/ar/"}
    ]
    assert not_found_text("en", ".", [])["others"] == []  # a site without language folders
    pages = ["./", "journeys/", "journeys/renew/", "check/", "about.html"]
    assert not_found_base(["en", "ar"], pages, "ar") == {
        "languages": ["ar", "en"],
        "tops": ["check", "journeys"],
        "own": "ar",
    }


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_dates_come_from_git_history_else_file_times(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    ws = repo / "ws"
    (ws / "journeys").mkdir(parents=True)
    _git(repo, "init", "-q")
    (ws / "journeys" / "a.yaml").write_text("a\n", encoding="utf-8")
    (ws / "journeys" / "b.yaml").write_text("b\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one", when="2025-01-10T09:00:00+03:00")
    (ws / "journeys" / "b.yaml").write_text("b2\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "two", when="2025-04-02T10:30:00+00:00")
    new = ws / "journeys" / "c.yaml"  # never committed: its file time
    new.write_text("c\n", encoding="utf-8")
    os.utime(new, (NEW.timestamp(), NEW.timestamp()))
    files = ["journeys/a.yaml", "journeys/b.yaml", "journeys/c.yaml", "journeys/gone.yaml"]
    changed = last_changes(ws, files)
    assert changed == {
        "journeys/a.yaml": dt.datetime(2025, 1, 10, 6, tzinfo=dt.UTC),
        "journeys/b.yaml": dt.datetime(2025, 4, 2, 10, 30, tzinfo=dt.UTC),
        "journeys/c.yaml": NEW,
    }
    pages = {"x.md": ["journeys/a.yaml", "journeys/b.yaml"], "y.md": ["journeys/gone.yaml"]}
    assert page_dates(pages, changed) == {"x.md": dt.datetime(2025, 4, 2, 10, 30, tzinfo=dt.UTC)}
    outside = tmp_path / "plain"  # no repository: file times
    outside.mkdir()
    (outside / "a.yaml").write_text("a\n", encoding="utf-8")
    os.utime(outside / "a.yaml", (OLD.timestamp(), OLD.timestamp()))
    assert last_changes(outside, ["a.yaml"]) == {"a.yaml": OLD}


# The example built with a site_url.


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return addressed_site(tmp_path_factory)


#: The pages whose sources include the complaint journey's file.
NEWEST_PAGES = {
    *("", "attention/", "check/", "journeys/", "personas/", "metrics/coverage/"),
    *("journeys/file-complaint/", "personas/maria-resident/"),
}


def _html(site: Path) -> Iterator[tuple[str, str, str]]:
    """(language, page URL in the language's folder, HTML) of every page."""
    for lang in LANGS:
        for index in sorted((site / lang).rglob("index.html")):
            rel = index.parent.relative_to(site / lang).as_posix()
            yield lang, "" if rel == "." else f"{rel}/", index.read_text(encoding="utf-8")


def test_sitemaps_list_every_page_of_their_language(built: Path) -> None:
    for lang in LANGS:
        sitemap = (built / lang / "sitemap.xml").read_text(encoding="utf-8")
        urls = re.findall(r"<loc>([^<]*)</loc>", sitemap)
        pages = [url for code, url, _html_text in _html(built) if code == lang]
        assert sorted(urls) == sorted(f"{SITE_URL}{lang}/{url}" for url in pages)
        assert len(urls) > 20


def test_every_page_has_its_canonical_link_and_alternates(built: Path) -> None:
    for lang, url, html in _html(built):
        assert f'<link rel="canonical" href="{SITE_URL}{lang}/{url}">' in html, url
        alternates = re.findall(r'<link rel="alternate " hreflang="([^"]*)" href="([^"]*)">', html)
        assert alternates == [
            ("ar", f"{SITE_URL}ar/{url}"),
            ("en", f"{SITE_URL}en/{url}"),
            ("x-default", f"{SITE_URL}ar/{url}"),  # the example's default language
        ]


def test_every_page_says_when_its_sources_changed_and_the_version(built: Path) -> None:
    for _lang, url, html in _html(built):
        meta = re.search(r'<p class="cx-page-meta">(.*?)</p>', html)
        assert meta is not None, url
        assert '<bdi dir="ltr">cxdsl 0.1.0</bdi>' in meta.group(1)
        day = re.search(r'<time datetime="([^"]*)">', meta.group(1))
        assert day is not None, url
        # The complaint journey's file is the newest: its page, its persona's page (which
        # lists it) and the pages built from the whole workspace show its day; every other
        # page shows the day all other files have.
        expected = NEW if url in NEWEST_PAGES else OLD
        assert day.group(1) == expected.date().isoformat(), url


def test_the_date_is_said_in_the_page_language(built: Path) -> None:
    ar = (built / "ar" / "journeys" / "file-complaint" / "index.html").read_text("utf-8")
    assert 'آخر تغيير في مصادر هذه الصفحة: <time datetime="2026-06-20">20 يونيو 2026' in ar
    en = (built / "en" / "catalog" / "channels" / "index.html").read_text("utf-8")
    assert 'Sources last changed on <time datetime="2026-03-15">15 March 2026' in en


def test_old_evidence_shows_its_age_where_it_is_cited(built: Path) -> None:
    # Built on 2026-09-01: 2025-03-18 is 17 months back, 2025-09-01 exactly 12 (not old).
    catalog = (built / "en" / "catalog" / "evidence" / "index.html").read_text("utf-8")
    assert "⚠ old: 17 months ago &#40;older than 12 months" in catalog
    assert catalog.count('class="cx-age cx-stale"') == 6  # all but the analytics of 2025-09-01
    assert 'class="cx-age">12 months ago</span>' in catalog
    journey = (built / "ar" / "journeys" / "issue-commercial-licence" / "index.html").read_text(
        "utf-8"
    )
    text = re.sub(r"<[^>]+>", "", journey)  # numbers in Arabic text are isolated (<bdi>)
    assert "⚠ قديم: قبل 17 شهرًا" in text


@pytest.mark.parametrize("lang", LANGS)
def test_404_pages_are_in_their_language(built: Path, lang: str) -> None:
    html = (built / lang / "404.html").read_text(encoding="utf-8")
    direction = "rtl" if lang == "ar" else "ltr"
    assert re.search(rf'<html lang="{lang}"[^>]* dir="{direction}">', html)
    title = "الصفحة غير موجودة" if lang == "ar" else "Page not found"
    assert f"<h1>{title}</h1>" in html
    assert "404 - Not found" not in html
    assert f'<a class="cx-home" href="/sub/path/{lang}/">' in html  # under the site_url's path
    other = "en" if lang == "ar" else "ar"
    assert f'<a href="/sub/path/{other}/" hreflang="{other}" lang="{other}"' in html
    assert "<base" not in html  # absolute links: no address to work out


def test_the_site_has_a_root_404_in_the_default_language(built: Path) -> None:
    # site/404.html (the one GitHub Pages serves): the default language's (Arabic, right to
    # left), with links to every language's home.
    html = (built / "404.html").read_text(encoding="utf-8")
    assert html == (built / "ar" / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar"[^>]* dir="rtl">', html)
    assert '<a class="cx-home" href="/sub/path/ar/">' in html
    assert '<a href="/sub/path/en/" hreflang="en" lang="en" dir="ltr">English</a>' in html


# 404 pages served under a sub-path, in Chromium.


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Path:
    """The same example built without a site_url (its diagrams from the first build's
    cache)."""
    ws = built.parent / "ws"
    folder = shared_folder(tmp_path_factory, "example-site-plain", lambda f: build(ws, f, None))
    return folder


def test_without_a_site_url_the_404_script_has_only_names_of_the_site(plain: Path) -> None:
    for page in (plain / "404.html", plain / "en" / "404.html"):
        html = page.read_text(encoding="utf-8")
        found = re.search(r"\}\)\((\{.*?\})\);\s*</script>", html)
        assert found is not None, page
        data = json.loads(found.group(1))
        assert data["languages"] == ["ar", "en"]
        assert data["own"] == ("en" if page.parent.name == "en" else "ar")
        assert {"journeys", "personas", "check"} <= set(data["tops"])
        # A <base> no address resolves against (for Chromium's preload scanner), then the
        # script that sets it, both before the first stylesheet.
        first_css = html.index('rel="stylesheet"')
        assert html.index('<base id="cx-base" href="about:blank">') < first_css
        assert html.index('getElementById("cx-base").href = root + folder') < first_css


OTHER_HOSTS = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


def _visit(browser: Browser, url: str) -> tuple[int, list[str], str, str, str, str]:
    """(status, failed requests, <html lang>, <html dir>, the home link's target after a
    click, the English home link's address)."""
    page = browser.new_page()
    page.route(OTHER_HOSTS, lambda route: route.abort())  # (the site_url's own host)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(url, wait_until="load")
    assert response is not None
    page.wait_for_load_state("networkidle")  # material's own fetches (search index) too
    lang = page.get_attribute("html", "lang") or ""
    direction = page.get_attribute("html", "dir") or ""
    css = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-text-font')")
    assert "Noto" in css, "cxdsl.css did not load"
    english = page.evaluate(
        "(document.querySelector('.cx-languages a[hreflang=en]')"
        " || document.querySelector('a.cx-home')).href"
    )
    with page.expect_navigation(wait_until="load"):
        page.locator("article a.cx-home").click()
    landed, title = page.url, page.title()
    page.close()
    assert "404" not in title and title, title
    blocked = [u for u in failed if u != url and not OTHER_HOSTS.match(u)]
    return response.status, blocked, lang, direction, landed, english


#: Missing addresses under the sub-path, and the language whose 404 page they get.
MISSING = {
    "ar/journeys/no/such/page/": "ar",  # a renamed page: every address ends in "/"
    "ar/no-such-page/": "ar",
    "ar/no-such-page": "ar",
    "en/no-such-page/": "en",
    "en/journeys/old-name/": "en",
    "en/404.html": "en",
    "nope/": "ar",  # outside the language folders: the site's 404, the default language's
    "nope": "ar",
    "journeys/old-name/": "ar",  # an address from before the language folders
}


@pytest.mark.parametrize("with_site_url", [True, False], ids=["site_url", "no_site_url"])
def test_404_works_under_a_sub_path(
    browser: Browser, built: Path, plain: Path, with_site_url: bool
) -> None:
    with serve_under_prefix(built if with_site_url else plain) as root:
        for missing, lang in MISSING.items():
            status, failed, seen_lang, seen_dir, landed, english = _visit(browser, root + missing)
            direction = "rtl" if lang == "ar" else "ltr"
            expected_status = 200 if missing.endswith("404.html") else 404
            assert (status, seen_lang, seen_dir) == (expected_status, lang, direction), missing
            assert failed == [], missing
            assert landed == f"{root}{lang}/", missing  # the language's real home page
            assert english == f"{root}en/", missing


@pytest.fixture(scope="module")
def served_at_its_url(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Iterator[str]:
    """The example built for the address it is then served at (a port free at build time)."""
    ws, port = built.parent / "ws", free_port()
    url = f"http://127.0.0.1:{port}/sub/path/"
    folder = shared_folder(tmp_path_factory, f"example-site-{port}", lambda f: build(ws, f, url))
    with serve_under_prefix(folder, port) as root:
        assert root == url
        yield root


def test_switching_language_keeps_the_page_and_the_sub_path(
    browser: Browser, served_at_its_url: str
) -> None:
    root, journey = served_at_its_url, "journeys/issue-commercial-licence/"
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{root}en/{journey}")
    page.wait_for_load_state("networkidle")
    # material's script fetches a sitemap beside every <link rel="alternate"> it finds:
    # the hreflang links must not send it to a page's folder (a 404 on every page).
    assert [url for url in requested if url.endswith("sitemap.xml")] == []
    assert page.locator('link[hreflang="ar"]').count() == 1
    with page.expect_navigation(wait_until="load"):
        page.evaluate("""document.querySelector('a.md-select__link[hreflang="ar"]').click()""")
    assert page.url == f"{root}ar/{journey}"
    page.close()
