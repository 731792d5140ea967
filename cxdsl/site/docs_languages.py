"""Hand-written pages in each language: ``docs/about.ar.md`` and ``docs/about.en.md`` are
one page, ``about.md``, in the Arabic site and in the English one.

A page of the docs folder whose name ends in ``.<language>.md``, for a language the
workspace publishes, is that page written in that language. Each language's site shows its
own version at the page's path without the suffix (``about/``); links and ``nav:`` name
that path (``about.md``). In the navigation such a page is titled by its own first heading
(or its ``title:``), in its language, whatever ``nav:`` calls it: ``nav:`` names it in one
language only. Where a page has no version in the site's language, the site shows the
version of the first workspace language that has one, marked as not translated, its text
in an element that carries that language and its direction. A page without the suffix is
the same in every language (a page with versions and without the suffix too: the
unsuffixed one serves the languages that have no version).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from ..i18n import is_rtl, language_name, ui

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

#: ``about.ar.md`` → (``about``, ``ar``).
VERSION = re.compile(r"^(?P<base>.+)\.(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\.md$")


@dataclass
class PageLanguages:
    """What :func:`use_language_versions` did to one language's docs."""

    #: The paths of pages shown from a language version (``about.md``).
    versions: set[str] = field(default_factory=set)
    #: The paths of pages shown in another language than the site's → that language.
    untranslated: dict[str, str] = field(default_factory=dict)


def use_language_versions(
    files: Files, config: MkDocsConfig, lang: str, languages: Sequence[str]
) -> PageLanguages:
    """Replace the language versions among ``files`` by the one each page shows in the
    ``lang`` site, at the page's own path (see the module's docstring)."""
    from mkdocs.structure.files import File

    found: dict[str, dict[str, File]] = defaultdict(dict)
    for file in list(files.documentation_pages()):
        match = VERSION.match(file.src_uri)
        if match and match["lang"] in languages:
            found[f"{match['base']}.md"][match["lang"]] = file
            files.remove(file)
    out = PageLanguages()
    for path, versions in sorted(found.items()):
        written = lang if lang in versions else None
        neutral = files.get_file_from_path(path)
        if written is None and neutral is not None:
            continue  # the page without a suffix serves the languages without a version
        written = written or next(code for code in languages if code in versions)
        if neutral is not None:
            files.remove(neutral)
        source = versions[written].abs_src_path
        assert source is not None  # a page of the docs folder
        files.append(File.generated(config, path, abs_src_path=source))
        out.versions.add(path)
        if written != lang:
            out.untranslated[path] = written
    return out


def titles_from_pages(nav: Navigation, pages: PageLanguages) -> None:
    """Language versions are titled by their own heading, not by ``nav:``."""
    for page in nav.pages:
        if page.file.src_uri in pages.versions:
            page.__dict__.pop("title", None)


def mark_untranslated(html: str, path: str, pages: PageLanguages, lang: str) -> str:
    """A page shown in another language than the site's: said so in the site's language,
    its text marked with the language it is written in."""
    written = pages.untranslated.get(path)
    if written is None:
        return html
    note = ui("page_not_translated", lang).format(
        language=language_name(lang, lang), original=language_name(written, lang)
    )
    direction = "rtl" if is_rtl(written) else "ltr"
    return (
        f'<p class="cx-untranslated-page">{escape(note)}</p>\n'
        f'<div lang="{escape(written)}" dir="{direction}">\n{html}\n</div>'
    )
