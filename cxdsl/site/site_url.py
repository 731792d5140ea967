"""Where the site will be served (mkdocs' ``site_url``): ``cxdsl build --site-url`` or
``mkdocs.yml``.

With it, mkdocs writes each language's ``sitemap.xml`` and a canonical link on every page,
the plugin links every page to its versions in the other languages (``hreflang``), and
the 404 pages link to the site by absolute paths, which work at any depth (see
:mod:`cxdsl.site.plugin`). ``--site-url`` wins over ``mkdocs.yml``: the command line
says where this build goes (``build_site(..., site_url=...)``).
"""

from __future__ import annotations

from urllib.parse import urlsplit


def site_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as a site's address, or None: an http or https URL
    with a host, and no query, fragment or credentials."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        return f"'{url}' is not a URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' is not an http or https URL with a host (https://example.org/cx/)"
    if parts.query or parts.fragment or parts.username or parts.password:
        return f"'{url}' has a query, a fragment or credentials: give the site's address only"
    return None


def normalized(url: str) -> str:
    """The address with one trailing slash, as mkdocs joins page paths to it."""
    return url.rstrip("/") + "/"
