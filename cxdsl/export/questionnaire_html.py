"""A questionnaire as one printable HTML file: self-contained (no script, no external
file: a Content-Security-Policy forbids both), right to left with an Arabic font for
right-to-left languages, each question numbered with a box to tick per answer.

Question texts and labels are untrusted model text: every one is cleaned of control and
bidi-format characters and HTML-escaped, so ``<script>`` in a question prints as itself.
"""

from __future__ import annotations

from html import escape

from ..i18n import is_rtl, language_name
from .questionnaire import Item, Questionnaire

#: No script, no external resource: only the inline style below.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
LTR_FONTS = '"Noto Sans", "Segoe UI", Arial, sans-serif'
RTL_FONTS = (
    '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Traditional Arabic", "Segoe UI", '
    "Arial, sans-serif"
)
#: Lines left for a written answer to a question without a scale.
WRITE_IN_LINES = 3

STYLE = """\
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: FONTS; font-size: 12pt; line-height: 1.6; color: #000; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 2px solid #000; margin-bottom: 1.5rem; }
h1 { font-size: 18pt; margin: 0 0 .25rem; }
.meta { margin: 0 0 .75rem; color: #333; font-size: 10pt; }
ol.questions { list-style: none; margin: 0; padding: 0; }
li.question { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.4rem; }
.text { margin: 0 0 .5rem; font-weight: 600; }
.number { display: inline-block; min-width: 1.8em; font-variant-numeric: tabular-nums; }
ul.options { list-style: none; margin: 0; padding-inline-start: 1.8em; display: flex;
  flex-wrap: wrap; gap: .4rem 1.4rem; }
ul.options li { display: inline-flex; align-items: baseline; gap: .35em; }
.box { display: inline-block; width: .9em; height: .9em; border: 1.5px solid #000;
  border-radius: 2px; flex: none; transform: translateY(.1em); }
.value { font-variant-numeric: tabular-nums; }
.label { unicode-bidi: isolate; }
.write-in { margin-inline-start: 1.8em; }
.write-in div { border-bottom: 1px solid #000; height: 1.8em; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"""


def _text(value: str) -> str:
    """Model text as HTML text (cleaned by the questionnaire, escaped here)."""
    return escape(value, quote=True)


def _item(item: Item) -> str:
    head = (
        f'<li class="question" id="q{item.number}"><p class="text">'
        f'<span class="number">{item.number}</span>'
        f'<span class="wording">{_text(item.text)}</span></p>'
    )
    if not item.options:
        lines = "".join("<div></div>" for _ in range(WRITE_IN_LINES))
        return f'{head}<div class="write-in">{lines}</div></li>'
    options = "".join(
        '<li><span class="box" aria-hidden="true"></span>'
        f'<bdi class="value" dir="ltr">{o.value}</bdi>'
        + (f' <span class="label">{_text(o.label)}</span>' if o.label else "")
        + "</li>"
        for o in item.options
    )
    return f'{head}<ul class="options">{options}</ul></li>'


def questionnaire_html(q: Questionnaire) -> str:
    """The questionnaire as a complete, printable HTML document."""
    rtl = is_rtl(q.lang)
    direction = "rtl" if rtl else "ltr"
    style = STYLE.replace("FONTS", RTL_FONTS if rtl else LTR_FONTS)
    language = language_name(q.lang, q.lang)
    items = "\n".join(_item(item) for item in q.items)
    return f"""<!DOCTYPE html>
<html lang="{_text(q.lang)}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cxdsl">
<title>{_text(q.title)}</title>
<style>
{style}</style>
</head>
<body>
<header>
<h1>{_text(q.title)}</h1>
<p class="meta"><bdi>{_text(q.instrument)}</bdi> · {_text(language)}</p>
</header>
<ol class="questions">
{items}
</ol>
</body>
</html>
"""
