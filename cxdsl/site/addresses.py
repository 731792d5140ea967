"""A page's addresses: its versions in the other languages (``hreflang``) and the 404 page.

``cxdsl build`` writes each language into its own folder (``site/<lang>/``) with the same
page paths, so a page's version in another language is the same path in that language's
folder. With a ``site_url`` (:mod:`.site_url`) every page names them all in its ``<head>``,
and ``x-default`` names the workspace's default language (see :data:`_UNSEEN` for why their
``rel`` ends with a space). mkdocs writes the canonical link and the sitemap itself from
the same address.

The 404 page is served for any missing address, at that address. With a ``site_url`` its
links are absolute paths (mkdocs' own choice), right at any depth. Without one they are
relative to the language's folder, where the page is written, and a script at the top of
its ``<head>`` (:func:`not_found_base`, ``overrides/404.html``) sets ``<base href>`` to
that folder as seen from the address asked for: the part of the path before the first
language folder (``/sub/path/`` in ``/sub/path/ar/journeys/old/``) and the page's own
folder after it. Without a language folder in the path (the root 404 page, or a site of
one language), the path before the first of the site's top folders (``journeys``) is the
site's root; when no segment names one either, the address is taken as one level below the root
(``/sub/path/`` for ``/sub/path/nope/``), the one guess left without a ``site_url``.
The ``<base>`` is written ``about:blank`` until then, so that the browser's preload scanner
(which reads ahead of any script) fetches nothing from the missing address's folder.
Without JavaScript the page still shows its text, without styles.

``site/404.html``, the only 404 page GitHub Pages serves (and the one other hosts serve
outside the language folders), is the default language's (:func:`write_root_not_found`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

from markupsafe import escape

from ..i18n import LANGUAGE_NAMES, is_rtl, ui

#: After ``alternate`` in ``rel`` (a list of words): material's script takes every
#: ``link[rel=alternate]`` (that exact value) for a language's root, fetches a sitemap
#: beside it (a 404 for each page) and sends the language switcher through it; search
#: engines read the word ``alternate`` as written.
_UNSEEN = " "
#: What a URL path may keep unquoted (already quoted characters stay as they are).
_URL_SAFE = "/%:@!$&'()*+,;=-._~"


def alternate_links(root: str, page_url: str, languages: list[str], default: str) -> str:
    """``<link rel="alternate" hreflang>`` for the page at ``page_url`` (a language folder's
    relative URL, ``journeys/renew/``) in every language, and ``x-default``, under the
    site's ``root`` address (``https://example.org/cx/``)."""
    base = root.rstrip("/") + "/"
    path = quote(page_url, safe=_URL_SAFE)
    codes = [*languages, "x-default"]
    links = []
    for code in codes:
        folder = default if code == "x-default" else code
        href = f"{base}{quote(folder, safe='')}/{path}"
        links.append(
            f'<link rel="alternate{_UNSEEN}" hreflang="{escape(code)}" href="{escape(href)}">'
        )
    return "\n".join(links)


def add_to_head(html: str, markup: str) -> str:
    """``markup`` at the end of the page's ``<head>``."""
    head_end = html.find("</head>")
    if head_end < 0 or not markup:
        return html
    return f"{html[:head_end]}{markup}\n{html[head_end:]}"


def not_found_text(lang: str, base_url: str, languages: list[str]) -> dict[str, object]:
    """The 404 page's words in ``lang``, its link home (``base_url``: mkdocs' base of the
    404 page, ``.`` or an absolute path) and links to the other ``languages``' homes (their
    folders beside this one; none for a site without language folders)."""
    home = base_url.rstrip("/") + "/"
    parent = "../" if base_url in ("", ".") else base_url.rstrip("/").rsplit("/", 1)[0] + "/"
    others = [
        {
            "code": code,
            "dir": "rtl" if is_rtl(code) else "ltr",
            "name": LANGUAGE_NAMES.get(code, code),
            "href": f"{parent}{quote(code, safe='')}/",
        }
        for code in languages
        if code != lang
    ]
    return {
        "title": ui("not_found_title", lang),
        "text": ui("not_found_text", lang),
        "home": ui("not_found_home", lang),
        "href": home,
        "others": others,
    }


def not_found_base(languages: list[str], pages: list[str], own: str) -> dict[str, object]:
    """What the 404 page's script needs to find its folder at run time (no site_url): the
    ``languages`` whose folders it looks for in the address, the first segments of the
    ``pages``' URLs (``journeys`` of ``journeys/renew/``: an address from before the
    language folders, or of a site without them) and the page's own folder under the root
    (its language's code, or ``""``). The template writes it as JSON (``tojson``)."""
    tops = {url.split("/", 1)[0] for url in pages if "/" in url} - {"", ".", ".."}
    return {"languages": sorted(set(languages)), "tops": sorted(tops), "own": own}


def write_root_not_found(language_folder: Path) -> None:
    """``site/404.html``: the 404 page of the default language's folder, one level up (its
    script finds the language's folder from any address, :func:`not_found_base`)."""
    page = language_folder / "404.html"
    if page.is_file():
        shutil.copyfile(page, language_folder.parent / "404.html")
