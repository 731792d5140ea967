"""A page's addresses: its versions in the other languages (``hreflang``) and the 404 page.

``cxdsl build`` writes each language into its own folder (``site/<lang>/``) with the same
page paths, so a page's version in another language is the same path in that language's
folder. With a ``site_url`` (:mod:`.site_url`) every page names them all in its ``<head>``,
and ``x-default`` names the workspace's default language (see :data:`_UNSEEN` for why their
``rel`` ends with a space). mkdocs writes the canonical link and the sitemap itself from
the same address.

The 404 page is served for any missing address. With a ``site_url`` its links are absolute
paths (mkdocs' own choice), right at any depth; without one they are relative to the
language's folder, where the page is written, so the site can be served under any path
(``https://example.org/sub/path/en/404.html``).
"""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import escape

from ..i18n import ui

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


def not_found_text(lang: str, base_url: str) -> dict[str, str]:
    """The 404 page's words in ``lang`` and its link home (``base_url``: mkdocs' base of
    the 404 page, ``.`` or an absolute path)."""
    return {
        "title": ui("not_found_title", lang),
        "text": ui("not_found_text", lang),
        "home": ui("not_found_home", lang),
        "href": base_url.rstrip("/") + "/",
    }
