"""The line every page's footer carries: when the page's sources last changed (see
:mod:`.page_dates`) and the cxdsl version that built it; and material's "Made with" in the
page's language.

Printed, the same line is in the bottom margin of every sheet, with the sheet's number in
the page's language («صفحة 1 من 4», "Page 1 of 4"): a stylesheet of the page's own
(:func:`sheet_margins`), linked from the footer (a ``<link>`` to a ``data:`` address, which
HTML allows in the body where it does not allow ``<style>``), since an ``@page`` rule
cannot be chosen by the page's language or carry its date. The line goes on the reading
side (left in English, right in Arabic), the number on the other; ``cxdsl-print.css``
sets their font and numbers sheets without words where this stylesheet is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from markupsafe import Markup, escape

from .. import __version__
from ..i18n import format_date, is_rtl, isolate, ui

MATERIAL_LINK = Markup(
    '<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener" '
    'lang="en">Material for MkDocs</a>'
)
#: The placeholders of ``page_number`` and the counters CSS numbers sheets with.
COUNTERS = {"page": "counter(page)", "pages": "counter(pages)"}


def page_meta(lang: str, changed: dt.datetime | None, version: str = __version__) -> Markup:
    """«آخر تغيير في مصادر هذه الصفحة: 5 يونيو 2025 … · بُنيت باستخدام cxdsl 0.1.0» as HTML;
    the version alone for a page without sources (the 404 page). Followed by the link to
    the stylesheet that prints it on every sheet (:func:`sheet_margins`)."""
    tool = Markup('<bdi dir="ltr">cxdsl {}</bdi>').format(version)
    built = escape(ui("page_built_with", lang))
    built = Markup(built.replace("cxdsl {version}", tool).replace("{version}", tool))
    parts = [Markup('<span class="cx-built">{}</span>').format(built)]
    if changed is not None:
        day = changed.date()
        when = Markup('<time datetime="{}">{}</time>').format(
            day.isoformat(), format_date(day, lang)
        )
        text = escape(ui("page_sources_changed", lang)).replace("{date}", when)
        parts.insert(0, Markup('<span class="cx-changed-on">{}</span>').format(Markup(text)))
    return Markup(" · ").join(parts) + sheet_margins(lang, changed, version)


def meta_text(lang: str, changed: dt.datetime | None, version: str = __version__) -> str:
    """The footer's line as plain text (Latin and numbers isolated in right-to-left
    text, :func:`cxdsl.i18n.isolate`)."""
    parts = [ui("page_built_with", lang).replace("{version}", version)]
    if changed is not None:
        when = format_date(changed.date(), lang)
        parts.insert(0, ui("page_sources_changed", lang).replace("{date}", when))
    return isolate(" · ".join(parts), lang)


def css_string(text: str) -> str:
    """``text`` as a CSS string, quoted: quotes, backslashes and control characters
    (newlines among them) escaped."""

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        return "\\" + char if char in '"\\' else f"\\{ord(char):x} "

    return '"' + re.sub(r'["\\\x00-\x1f\x7f]', escaped, text) + '"'


def sheet_number(lang: str) -> str:
    """CSS content numbering a sheet in ``lang``: ``"Page " counter(page) " of " …``."""
    pieces = re.split(r"\{(page|pages)\}", ui("page_number", lang))
    tokens = [COUNTERS[piece] if i % 2 else css_string(piece) for i, piece in enumerate(pieces)]
    return " ".join(token for token in tokens if token != '""')


def sheet_margins_css(lang: str, changed: dt.datetime | None, version: str = __version__) -> str:
    """The ``@page`` rule printing the footer's line and the sheet's number on every
    sheet, the line on the reading side."""
    line, number = ("right", "left") if is_rtl(lang) else ("left", "right")
    meta = css_string(meta_text(lang, changed, version))
    return (
        f"@page {{ @bottom-{line} {{ content: {meta}; }} "
        f"@bottom-{number} {{ content: {sheet_number(lang)}; }} }}"
    )


def sheet_margins(lang: str, changed: dt.datetime | None, version: str = __version__) -> Markup:
    """A link to :func:`sheet_margins_css` (as a ``data:`` address), for print."""
    href = "data:text/css;charset=utf-8," + quote(sheet_margins_css(lang, changed, version))
    return Markup(
        '<link rel="stylesheet" media="print" class="cx-sheet-margins" href="{}">'
    ).format(href)


def made_with(lang: str) -> Markup:
    """material's "Made with Material for MkDocs" in the page's language."""
    return Markup(escape(ui("made_with", lang)).replace("{tool}", MATERIAL_LINK))
