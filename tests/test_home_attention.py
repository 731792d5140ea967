"""The built example site's home page leads with what needs attention, in both languages:
every link of its attention section (to a step on its journey page, a journey, a segment,
evidence, a metric, the rest of a list on the attention page) reaches a page that exists
and an anchor on it; the model check is one line that says it checks the files; the
counts come after."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

LANGS = ("ar", "en")
ROOT = "http://site.invalid/"


class Page(HTMLParser):
    """A page's element ids, and the links and text of its attention section (from the
    heading ``#attention`` to the model check line)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self.order: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        ident, classes = found.get("id"), (found.get("class") or "").split()
        if ident:
            self.ids.add(ident)
        if ident == "attention":
            self._in = True
        if "cx-model-health" in classes:
            self._in = False
        for name in ("attention", "cx-model-health", "cx-cards"):
            if name in (ident, *classes):
                self.order.append(name)
        if self._in and tag == "a" and found.get("href") and "headerlink" not in classes:
            self.links.append(found["href"] or "")

    def handle_data(self, data: str) -> None:
        if self._in:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, lang: str, href: str) -> tuple[Path, str]:
    """The file and fragment a link of ``<lang>/index.html`` leads to."""
    url = urlsplit(urljoin(f"{ROOT}{lang}/", href))
    path = site / unquote(url.path).lstrip("/")
    return (path / "index.html" if url.path.endswith("/") else path), url.fragment


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_attention_links_reach_their_anchors(example_site: Path, lang: str) -> None:
    home = parse(example_site / lang / "index.html")
    assert home.order[:3] == ["attention", "cx-model-health", "cx-cards"]
    steps = [href for href in home.links if "#step-" in href]
    # The five worst steps and the two painful steps without measurement (one of them
    # among the worst): each a step anchor on its journey's page.
    assert len(steps) == 7 and len(set(steps)) == 6
    # The worst first: Khalid -2 and Fahad -1 there, a high pain, nothing measures it.
    assert steps[0] == "journeys/renew-building-permit/#step-visit-centre"
    more = [href for href in home.links if href.startswith("attention/#")]
    assert more == [
        "attention/#attention-worst",
        "attention/#attention-evidence",
        "attention/#attention-measured",
    ]
    for href in home.links:
        path, fragment = target_file(example_site, lang, href)
        assert path.is_file(), f"{lang}: {href} leads nowhere"
        if fragment:
            assert fragment in parse(path).ids, f"{lang}: no anchor {fragment} in {path}"


@pytest.mark.slow
def test_attention_reads_in_each_language(example_site: Path) -> None:
    en = " ".join("".join(parse(example_site / "en" / "index.html").text).split())
    assert en.startswith("Needs attention What to look at first:")
    assert "Worst steps" in en and "and 9 more" in en
    assert "Large enterprises" in en and "Evidence older than 12 months" in en
    ar = " ".join("".join(parse(example_site / "ar" / "index.html").text).split())
    assert ar.startswith("ما يحتاج إلى متابعة ما يستحق النظر أولًا:")
    assert "أصعب الخطوات على المستفيد" in ar and "و9 أخرى" in ar
    assert "أدلة أقدم من 12 شهرًا" in ar
    for lang, words in (
        ("en", "Model check: the files are valid"),
        ("ar", "فحص ملفات النموذج: الملفات سليمة"),
    ):
        html = (example_site / lang / "index.html").read_text(encoding="utf-8")
        assert words in html
    # The full lists: every worst step, whole (the home page shows five).
    attention = (example_site / "en" / "attention" / "index.html").read_text(encoding="utf-8")
    assert attention.count("#step-") >= 14
