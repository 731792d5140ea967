"""cxdsl's material overrides (cxdsl/site/overrides/), read in the built HTML, no browser.

The browser tests (test_site.py) follow the language switcher; these say what each page
holds: the direction on <html>, switcher links to the same page, no <link rel="alternate">
that material's script would send through an empty sitemap, and a 404 page whose links
stay inside its language's folder. A workspace's own templates win over cxdsl's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxdsl.site.build import build_site

from .conftest import make_workspace

LANGS = ("ar", "en")
JOURNEY = "journeys/renew-license/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = make_workspace(tmp_path_factory.mktemp("overrides"))
    report, _warnings = build_site(ws, ws / "site")
    assert report.built
    return ws / "site"


def _read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_html_element_has_the_language_and_direction(site: Path, lang: str) -> None:
    direction = "rtl" if lang == "ar" else "ltr"
    for rel in ("index.html", f"{JOURNEY}index.html"):
        html = _read(site, f"{lang}/{rel}")
        tag = re.search(r"<html [^>]*>", html)
        assert tag is not None
        assert f'lang="{lang}"' in tag.group()
        assert tag.group().count("dir=") == 1 and f'dir="{direction}"' in tag.group()


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_leads_to_the_same_page(site: Path, lang: str) -> None:
    html = _read(site, f"{lang}/{JOURNEY}index.html")
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"', html)
    assert links == [(f"../../../{code}/{JOURNEY}", code) for code in LANGS]
    home = _read(site, f"{lang}/index.html")
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"', home)
    assert links == [(f"../{code}/", code) for code in LANGS]


@pytest.mark.parametrize("lang", LANGS)
def test_no_alternate_links_for_material_script(site: Path, lang: str) -> None:
    for rel in ("index.html", f"{JOURNEY}index.html", "404.html"):
        html = _read(site, f"{lang}/{rel}")
        assert re.search(r'<link rel="alternate"[^>]*hreflang', html) is None, rel
        assert '<meta name="generator" content="mkdocs-' in html  # the rest of <head> is there


@pytest.mark.parametrize("lang", LANGS)
def test_404_links_stay_in_the_language_folder(site: Path, lang: str) -> None:
    html = _read(site, f"{lang}/404.html")
    # Served from any depth and under any sub-path: no root-absolute link (they broke under
    # a sub-path); without a site_url its links are relative to its language folder.
    assert re.findall(r'(?:href|src)="(/[^/"][^"]*)"', html) == []
    assert '"base": "."' in html  # material's script: search worker, storage scope
    for code in LANGS:  # the switcher leads to each language's home page
        assert f'href="./../{code}/"' in html


def test_workspace_templates_win_over_cxdsl_ones(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  font: false\n  custom_dir: theme\n"
        "plugins:\n  - search\n  - cxdsl\n",
        encoding="utf-8",
    )
    (ws / "docs").mkdir()
    partial = ws / "theme" / "partials" / "alternate.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<div id="own-switcher"></div>\n', encoding="utf-8")
    build_site(ws, ws / "site")
    html = _read(ws / "site", f"en/{JOURNEY}index.html")
    assert '<div id="own-switcher"></div>' in html
    assert "md-select__link" not in html
    # cxdsl's main.html still applies: no <link rel="alternate"> in <head>.
    assert re.search(r'<link rel="alternate"[^>]*hreflang', html) is None
