"""``site/index.html``: the page at the root of a multilingual site."""

from __future__ import annotations

import html
from urllib.parse import quote

from ..i18n import LANGUAGE_NAMES, is_rtl, localize
from ..model import Settings


def redirect_page(settings: Settings) -> str:
    """``site/index.html``: the workspace's name as its title, in the default language's
    direction, an immediate redirect, and links a screen reader announces."""
    default = settings.language
    name = localize(settings.name, default, settings.languages).text
    direction = "rtl" if is_rtl(default) else "ltr"
    ordered = [default, *(code for code in settings.languages if code != default)]
    links = "".join(
        f'<li><a href="{quote(code)}/" hreflang="{html.escape(code)}" '
        f'lang="{html.escape(code)}" dir="{"rtl" if is_rtl(code) else "ltr"}">'
        f"{html.escape(LANGUAGE_NAMES.get(code, code))}</a></li>"
        for code in ordered
    )
    target = f"{quote(default)}/"
    return (
        f'<!doctype html>\n<html lang="{html.escape(default)}" dir="{direction}">\n'
        f'<head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{target}">'
        f"<title>{html.escape(name)}</title></head>\n"
        f"<body><main><h1>{html.escape(name)}</h1><ul>{links}</ul></main></body>\n"
        "</html>\n"
    )
