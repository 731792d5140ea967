"""The metrics page shows what metrics and instruments carry: answer labels of each
question's scale (not just "1–5"), the named answer scales of cxdsl.yaml, an instrument's
owner and languages (by name), a metric's question, unit and an index's criteria."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from cxdsl.compiler import check_workspace
from cxdsl.site.generate import generate_site

from .conftest import make_workspace

SETTINGS = """\
answer_scales:
  agree5:
    min: 1
    max: 5
    labels:
      1: {ar: أعارض بشدة, en: Strongly disagree, id: Sangat tidak setuju}
      5: {ar: أوافق بشدة, en: Strongly agree, id: Sangat setuju}
"""
SURVEY = """\
kind: instrument
id: pilgrim-survey
name: {ar: استبيان الحاج, en: Pilgrim survey, id: Survei jamaah}
description: {ar: يُسأل عند المغادرة, en: Asked on leaving}
method: survey
owner: clerk
languages: [ar, en, id]
tags: [hajj-1446]
x-budget-line: "4.2"
event: survey_sent
questions:
  - id: clear
    text: {ar: كانت الخطوات واضحة, en: The steps were clear, id: Langkah-langkahnya jelas}
    scale: agree5
  - id: fair
    text:
      ar: "<script>window.__xss=1</script> كانت الرسوم عادلة"
      en: "<script>window.__xss=1</script> The fee was fair"
      id: Biayanya adil
    scale:
      min: 0
      max: 10
      labels:
        0: {ar: أبداً, en: Not at all, id: Sama sekali tidak}
        10: {ar: تماماً, en: Completely, id: Sepenuhnya}
    measures: perceived
---
kind: metric
id: clarity
name: {ar: الوضوح, en: Clarity}
description: {ar: هل فهم الحاج الخطوات, en: Whether pilgrims understood the steps}
type: custom
unit: "%"
tags: [pilot]
x-source: <b>dashboard</b>
instrument: pilgrim-survey
question: clear
owner: clerk
target: 90
---
kind: metric
id: pilgrim-index
name: {ar: مؤشر الحاج, en: Pilgrim index}
type: index
owner: clerk
target: 80
components:
  - metric: csat
    weight: 2
  - metric: clarity
"""
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc"]


class _Page(HTMLParser):
    """The text of rendered HTML, the links' targets and every element's name."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "br":
            self.text.append(" ")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, _Page]:
    ws = make_workspace(tmp_path_factory.mktemp("metrics"))
    with (ws / "cxdsl.yaml").open("a", encoding="utf-8") as settings:
        settings.write(SETTINGS)
    (ws / "journeys" / "pilgrim.yaml").write_text(SURVEY, encoding="utf-8")
    result = check_workspace(ws)
    assert result.ok, [d.message for d in result.diagnostics]
    out: dict[str, _Page] = {}
    for lang in ("ar", "en"):
        site = generate_site(result, [], ws / "diagrams", lang)
        page = _Page()
        page.feed(markdown.markdown(site.pages["metrics/index.md"], extensions=EXTENSIONS))
        out[lang] = page
    return out


def _text(page: _Page) -> str:
    return re.sub(r"\s+", " ", "".join(page.text))


def test_questions_show_their_answer_labels(pages: dict[str, _Page]) -> None:
    en, ar = _text(pages["en"]), _text(pages["ar"])
    assert "1 Strongly disagree … 5 Strongly agree (agree5)" in en
    assert "0 Not at all … 10 Completely" in en
    assert "1 أعارض بشدة … 5 أوافق بشدة (agree5)" in ar
    assert "0 أبداً … 10 تماماً" in ar


def test_a_named_scale_is_listed_with_every_value_and_who_uses_it(
    pages: dict[str, _Page],
) -> None:
    en = _text(pages["en"])
    section = en[en.index("Answer scales") :]
    assert "Value Label 1 Strongly disagree 2 — 3 — 4 — 5 Strongly agree" in section
    assert "Used by: Pilgrim survey: clear" in section
    assert "#answer-scale-agree5" in pages["en"].links


def test_an_instrument_shows_owner_languages_and_event(pages: dict[str, _Page]) -> None:
    en, ar = _text(pages["en"]), _text(pages["ar"])
    assert "Owner Clerk" in en
    assert any(link.endswith("catalog/actors.md#actor-clerk") for link in pages["en"].links)
    assert "Languages Arabic, English, Indonesian" in en
    assert "اللغات العربية، الإنجليزية، الإندونيسية" in ar
    assert "Event survey_sent" in en
    assert "Pilgrim survey Asked on leaving Field Value Method survey" in en
    assert "Measures" in en and "Perceived" in en


def test_wording_in_a_language_the_site_is_not_published_in_is_shown(
    pages: dict[str, _Page],
) -> None:
    assert "The steps were clear Indonesian: Langkah-langkahnya jelas" in _text(pages["en"])
    assert "كانت الخطوات واضحة الإندونيسية: Langkah-langkahnya jelas" in _text(pages["ar"])


def test_a_metric_shows_its_question_unit_and_criteria(pages: dict[str, _Page]) -> None:
    en = _text(pages["en"])
    clarity = en[en.index("Clarity") : en.index("Pilgrim index")]
    assert clarity.startswith("Clarity Whether pilgrims understood the steps Field Value")
    assert "Unit %" in clarity
    assert "Question The steps were clear" in clarity
    index = en[en.index("Pilgrim index") :]
    assert "Criteria: Metric Weight Satisfaction 2 Clarity 1" in index


def test_question_text_stays_text(pages: dict[str, _Page]) -> None:
    for page in pages.values():
        assert "script" not in page.tags
        assert "<script>window.__xss=1</script>" in _text(page)


def test_tags_and_extension_fields_are_shown(pages: dict[str, _Page]) -> None:
    en = _text(pages["en"])
    clarity = en[en.index("Clarity") : en.index("Pilgrim index")]
    assert "More Field Value Tags pilot x-source <b>dashboard</b>" in clarity
    survey = en[en.index("Pilgrim survey") :]
    assert "More Field Value Tags hajj-1446 x-budget-line 4.2" in survey
    assert "b" not in pages["en"].tags
