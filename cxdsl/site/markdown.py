"""Model text into Markdown that stays text: escaped, isolated, marked when it falls back.

Everything a model file says reaches a page through ``inline``: HTML-escaped, every
Markdown punctuation character written as an entity (so ``*``, ``[x](javascript:…)`` or a
``|`` in a table cell are shown, never interpreted), and on right-to-left pages every
Latin or numeric run wrapped in ``<bdi dir="ltr">`` so ``+2`` never reads ``2+``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ..i18n import (
    LTR_RUN,
    base_language,
    clean,
    count_text,
    country_name,
    format_date,
    has_string,
    is_rtl,
    language_name,
    list_separator,
    money,
    period_label,
    ui,
)
from ..paths import anchor_id, entity_path
from ..render.context import RenderContext

SAFE_SCHEMES = ("http", "https", "mailto")
__all__ = ["Writer", "anchor_id", "entity_path", "escape_markdown", "relative", "safe_url"]

#: Characters that can start Markdown or HTML syntax anywhere in a line (emphasis, code,
#: links, images, raw HTML, entities, table cells, attribute lists, extensions' marks).
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>&|!~^=]")
#: A language tag as a page may name it in ``lang`` (``en``, ``ar-SA``, ``fil``).
_LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
#: At the start of a text, these also start blocks (headings, lists, quotes).
_BLOCK_START = re.compile(r"^(\s*)([#+\->]|\d+(?=[.)]))")


def _entities(text: str) -> str:
    text = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    return _BLOCK_START.sub(
        lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text
    )


def escape_markdown(text: str, rtl: bool = False) -> str:
    """Plain text as inline Markdown that renders exactly as written."""
    text = clean(text)
    if not rtl:
        return _entities(text).replace("\n", "<br>")
    out, last = [], 0
    for match in LTR_RUN.finditer(text):
        out.append(_entities(text[last : match.start()]))
        out.append(f'<bdi dir="ltr">{_entities(match.group())}</bdi>')
        last = match.end()
    out.append(_entities(text[last:]))
    return "".join(out).replace("\n", "<br>")


class Writer:
    """Helpers bound to one language: text, links, tables."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self.rtl = ctx.rtl
        self.lang = ctx.lang
        #: The list separator of the language ("، " in Arabic).
        self.sep = list_separator(ctx.lang)

    def t(self, key: str) -> str:
        """An interface string in this page's language (an unknown key raises)."""
        return ui(key, self.lang)

    def value(self, value: str) -> str:
        """The label of an enumerated model value (a channel type, a cadence, ...)."""
        key = f"value_{value}"
        return self.t(key) if has_string(key) else value.replace("_", " ")

    def count(self, n: float, noun: str, oblique: bool = False) -> str:
        """A count of ``noun`` in this page's language («16 خطوة», "1 step"), as Markdown."""
        return self.plain(count_text(n, noun, self.lang, oblique=oblique))

    def languages(self, codes: Iterable[str]) -> str:
        """Language codes as their names in this page's language, each escaped and
        isolated on its own («الإندونيسية، البجينيزية», "Indonesian, Buginese")."""
        return self.sep.join(self.plain(language_name(code, self.lang)) for code in codes)

    def country(self, code: str | None) -> str:
        """A country code (``ID``) as the country's name in this page's language."""
        return self.plain(country_name(code, self.lang)) if code else ""

    def date(self, day: dt.date | None) -> str:
        """A date in both calendars («5 يونيو 2025 (9 ذو الحجة 1446 هـ)»), as Markdown."""
        return self.plain(format_date(day, self.lang)) if day else ""

    def inline(self, value: Any) -> str:
        """A model text in this page's language; a fallback is marked visibly."""
        local = self.ctx.local(value)
        body = escape_markdown(local.text, self.rtl)
        if local.fallback:
            return (
                f'<span class="cx-fallback" lang="{local.fallback}" '
                f'title="{self.t("not_translated")}">{body} '
                f'<small class="cx-badge">{local.fallback.upper()}</small></span>'
            )
        return body

    def plain(self, text: str) -> str:
        return escape_markdown(text, self.rtl)

    def code(self, text: str) -> str:
        """An id, key or value as the files write it, in ``<code>`` read left to right."""
        return f'<code dir="ltr">{escape_markdown(text)}</code>'

    def in_language(self, text: str, lang: str) -> str:
        """Plain text written in ``lang`` (a check's English message): on a page in
        another language, marked with its language and direction, so that screen readers
        and the punctuation around it follow it."""
        if base_language(lang) == base_language(self.lang) or not _LANG_TAG.match(lang):
            return self.plain(text)
        direction = "rtl" if is_rtl(lang) else "ltr"
        body = escape_markdown(text, is_rtl(lang))
        return f'<span lang="{lang}" dir="{direction}">{body}</span>'

    def nowrap(self, markdown: str) -> str:
        """Kept on one line («1,800 ر.س.», "4.6 (1-7)"): an amount never parts from its
        unit, a scale's range never breaks at its hyphen."""
        return f'<span style="white-space:nowrap">{markdown}</span>' if markdown else ""

    def money(self, amount: float, currency: str | None = None) -> str:
        """An amount in ``currency`` (else the workspace's ``currency``), as this page's
        locale writes it («1,500 ر.س.», "SAR 1,500"), as Markdown."""
        return self.plain(money(amount, currency or self.ctx.settings.currency, self.lang))

    def period(self, period: str) -> str:
        """A reporting period in words («الربع الثالث 2026», "March 2026", a season by
        its name), as Markdown."""
        seasons = {s.id: self.ctx.text(s.name) for s in self.ctx.settings.seasons}
        return self.plain(period_label(period, self.lang, seasons))

    def link(self, label_md: str, target: str) -> str:
        return f"[{label_md}]({target})"

    def entity_link(self, kind: str, ident: str | None, here: str) -> str:
        """A link to an entity's page or section, relative to the page at ``here``."""
        if not ident:
            return "—"
        entity = self.ctx.index.entity(kind, ident)
        label = self.plain(self.ctx.name_of(kind, ident))
        if entity is None:
            return f"{label} ⚠"
        return self.link(label, relative(here, entity_path(kind, ident)))

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        rows = list(rows)
        if not rows:
            return f"*{self.t('none')}*\n"
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"

    def bullets(self, values: Iterable[Any]) -> str:
        items = [f"- {self.inline(v)}" for v in values]
        return "\n".join(items) + "\n" if items else f"*{self.t('none')}*\n"


def safe_url(url: str | None) -> str | None:
    """Only http(s), mailto and relative links from model files; anything else is dropped."""
    if not url:
        return None
    url = clean(url).strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if url.startswith("//"):
        return None
    return html.escape(url, quote=True).replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def relative(here: str, target: str) -> str:
    """A relative link from the Markdown file ``here`` to ``target`` (both docs-relative)."""
    depth = here.count("/")
    return "../" * depth + target
