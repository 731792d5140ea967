"""The line every page's footer carries: when the page's sources last changed (see
:mod:`.page_dates`) and the cxdsl version that built it; and material's "Made with" in the
page's language. Printed, it ends the page (``cxdsl-print.css``)."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from .. import __version__
from ..i18n import format_date, ui

MATERIAL_LINK = Markup(
    '<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener" '
    'lang="en">Material for MkDocs</a>'
)


def page_meta(lang: str, changed: dt.datetime | None, version: str = __version__) -> Markup:
    """«آخر تغيير في مصادر هذه الصفحة: 5 يونيو 2025 … · بُنيت باستخدام cxdsl 0.1.0» as HTML;
    the version alone for a page without sources (the 404 page)."""
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
    return Markup(" · ").join(parts)


def made_with(lang: str) -> Markup:
    """material's "Made with Material for MkDocs" in the page's language."""
    return Markup(escape(ui("made_with", lang)).replace("{tool}", MATERIAL_LINK))
