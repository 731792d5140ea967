"""Every figure of the example site, in both languages: the image's alt text is a short
summary that does not repeat the caption (a screen reader reads both, one after the
other); the full figures are in the text alternative under the image."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: The longest alt text: a summary, not the figures (those are in the text alternative).
MAX_ALT = 250


@dataclass
class Figure:
    """One ``<figure>``: the alt texts of its images and the text of its caption."""

    page: str
    alts: list[str] = field(default_factory=list)
    caption: str = ""


class _Figures(HTMLParser):
    """The figures of a page, each with its images' alt texts and its caption."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.figures: list[Figure] = []
        self._open: list[Figure] = []
        self._in_caption = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self._open.append(Figure(self.page))
        elif tag == "img" and self._open:
            self._open[-1].alts.append(dict(attrs).get("alt") or "")
        elif tag == "figcaption" and self._open:
            self._in_caption += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure" and self._open:
            self.figures.append(self._open.pop())
        elif tag == "figcaption" and self._in_caption:
            self._in_caption -= 1

    def handle_data(self, data: str) -> None:
        if self._in_caption and self._open:
            self._open[-1].caption += data


def figures_of(site: Path) -> list[Figure]:
    """Every figure with an image on every page of ``site``."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Figures(str(page.relative_to(site)))
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f for f in parser.figures if f.alts]
    return found


def _plain(text: str) -> str:
    return " ".join(text.split())


def test_no_alt_text_repeats_its_caption_or_runs_long(example_site: Path) -> None:
    figures = figures_of(example_site)
    pages = {f.page.split("/")[0] for f in figures}
    assert {"ar", "en"} <= pages and len(figures) >= 40
    problems = []
    for figure in figures:
        caption = _plain(figure.caption)
        for alt in map(_plain, figure.alts):
            if not alt or not caption:
                problems.append(f"{figure.page}: alt {alt!r}, caption {caption!r}")
            elif alt == caption or alt.startswith(caption):
                problems.append(f"{figure.page}: alt repeats its caption {caption!r}")
            elif len(alt) > MAX_ALT:
                problems.append(f"{figure.page}: alt of {len(alt)} characters: {alt[:80]}…")
    assert problems == []


def test_the_parser_reads_a_figures_alt_and_caption() -> None:
    parser = _Figures("x.html")
    parser.feed(
        '<figure class="cx-diagram"><img alt="Lowest: Payment -1.6; 5 stages" src="a.svg">'
        "<figcaption>Measured <b>emotion</b></figcaption></figure><img alt='outside'>"
    )
    (figure,) = parser.figures
    assert (figure.alts, figure.caption) == (["Lowest: Payment -1.6; 5 stages"], "Measured emotion")


def test_a_pages_first_diagram_loads_at_once_and_the_others_when_scrolled_to(
    example_site: Path,
) -> None:
    """The first diagram is often the largest thing a reader sees first (Lighthouse's
    largest contentful paint on the comparison page): it is not lazy; later ones are."""
    pages = 0
    for page in sorted(example_site.glob("*/journeys/*/index.html")):
        found = re.findall(
            r'<figure class="cx-diagram".*?<img [^>]*loading="(\w+)"',
            page.read_text(encoding="utf-8"),
            re.S,
        )
        if found:
            pages += 1
            assert found[0] == "eager" and set(found[1:]) <= {"lazy"}, page
    assert pages >= 10  # five journeys and two comparisons, in two languages
