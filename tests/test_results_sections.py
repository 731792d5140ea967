"""The metrics page shows the sample designs and datasets: a design's figures, the sample
its figures need (computed by hand below), whether it is drawn at each stage, its quotas
by segment and language, the journeys it spans and the plan entries it samples with the
figures of theirs it replaces; a dataset's shape, what it feeds, its events by step and
its columns' roles, never where it is read from nor a personal column."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from cxdsl.compiler import check_workspace
from cxdsl.site.generate import generate_site

from .conftest import make_workspace

MODEL = """\
kind: sample_design
id: wave-1
name: {ar: الموجة الأولى, en: First wave}
description: {ar: موجة الربيع, en: "The spring wave <script>window.__xss=1</script>"}
instrument: survey
journeys: [renew-license]
population: 2000
confidence_level: 0.95
margin_of_error: 0.05
sample_size: 400
per_stage: true
quotas:
  - {segment: citizens, sample_size: 250}
  - {language: id, sample_size: 100}
tags: [spring]
x-vendor: Acme
---
kind: sample_design
id: wave-2
name: {ar: الموجة الثانية, en: Second wave}
confidence_level: 0.9
---
kind: sample_design
id: wave-3
name: {ar: الموجة الثالثة, en: Third wave}
sample_size: 50
---
kind: instrument
id: tapper
name: {ar: النقرات, en: Taps}
method: analytics_event
events: {tapped: submit}
---
kind: dataset
id: taps
name: {ar: سجل النقرات, en: Tap log}
shape: events
instrument: tapper
journey: renew-license
source: results/exit-answers.csv
---
kind: dataset
id: exits
name: {ar: إجابات الخروج, en: Exit answers}
description: {ar: تصدير المنصة, en: The platform's export}
instrument: survey
journey: renew-license
source: results/exit-answers.csv
columns:
  submitted_at: date
  q1: answer_column_secret
  phone: {column: mobile_number_col, personal: true}
---
kind: dataset
id: clicks
name: {ar: نقرات, en: Clicks}
shape: events
instrument: survey
journey: renew-license
source: results/exit-answers.csv
start_event: opened
end_event: sent
events:
  opened: sign-in
  sent: submit
  lost: nowhere
"""
PLAN = """\
  - metric: csat
    design: wave-1
    stages: each
    population: 10
    sample_size: 5
  - metric: csat
    design: wave-2
    trigger: {step: submit}
    confidence_level: 0.99
    margin_of_error: 0.05
  - {metric: csat, design: wave-3}
"""
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc"]


class _Page(HTMLParser):
    """The text of rendered HTML, the links' targets and every element's name."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids.append(dict(attrs).get("id") or "")
        if tag in ("br", "td", "th", "p", "li"):
            self.text.append(" ")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text)).strip()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, _Page]:
    ws = make_workspace(tmp_path_factory.mktemp("results-sections"))
    (ws / "journeys" / "results.yaml").write_text(MODEL, encoding="utf-8")
    journey = ws / "journeys" / "renew-license.yaml"
    journey.write_text(journey.read_text(encoding="utf-8") + PLAN, encoding="utf-8")
    # Findings on purpose (an event marking no step, an entry's figures its design
    # replaces, columns the source lacks): the site shows what was written all the same.
    result = check_workspace(ws)
    out: dict[str, _Page] = {}
    for lang in ("ar", "en"):
        site = generate_site(result, [], ws / "diagrams", lang)
        page = _Page()
        page.feed(markdown.markdown(site.pages["metrics/index.md"], extensions=EXTENSIONS))
        out[lang] = page
    return out


def _section(text: str, start: str, end: str | None = None) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin) if end else None]


def test_a_design_shows_its_figures_and_the_sample_they_need(pages: dict[str, _Page]) -> None:
    # Cochran: n0 = 1.959964² · 0.25 / 0.05² = 384.146; with N = 2000,
    # 384.146 / (1 + 383.146 / 2000) = 322.3 → 323 per stage; 400 planned ≥ 323.
    en = _section(pages["en"].plain(), "First wave", "Second wave")
    assert "Instrument Survey" in en
    assert "Journeys it spans Renew a licence" in en
    assert "Population 2,000" in en
    assert "Confidence level 95 %" in en
    assert "Margin of error ± 5 %" in en
    assert "Planned sample 400" in en
    assert "Required sample 323 ✓" in en
    assert "Drawn at each stage (the planned and required sample are per stage)" in en
    ar = _section(pages["ar"].plain(), "الموجة الأولى", "الموجة الثانية")
    assert "حجم المجتمع 2,000" in ar
    assert "العينة المطلوبة 323 ✓" in ar
    assert "سحب العينة في كل مرحلة" in ar


def test_a_design_lists_its_quotas_by_segment_and_language(pages: dict[str, _Page]) -> None:
    en = _section(pages["en"].plain(), "First wave", "Second wave")
    assert "Quotas: Segment Language Sample size Citizens — 250 — Indonesian 100" in en
    assert "The quotas add up to 350 responses (400 planned)." in en
    ar = _section(pages["ar"].plain(), "الموجة الأولى", "الموجة الثانية")
    assert "المواطنون — 250 — الإندونيسية 100" in ar
    assert "مجموع الحصص: 350 إجابة (المخطط: 400)." in ar


def test_a_design_names_the_entries_it_samples_and_what_it_replaces(
    pages: dict[str, _Page],
) -> None:
    en = pages["en"].plain()
    first = _section(en, "First wave", "Second wave")
    # The entry states a population and a sample the design states too: both ignored.
    assert "Renew a licence Satisfaction at each stage Population: 10; Planned sample: 5" in first
    second = _section(en, "Second wave", "Third wave")
    # Only the confidence level is the design's; the entry's margin of error is used.
    assert "Renew a licence Satisfaction Step: Submit Confidence level: 99 %" in second
    assert "Margin of error: " not in second
    assert "Drawn once for the whole journey" in second
    assert "Required sample" not in second  # its own figures cannot say


def test_a_dataset_shows_what_it_feeds_and_its_columns_roles(pages: dict[str, _Page]) -> None:
    en = _section(pages["en"].plain(), "Exit answers", "Clicks")
    assert en.startswith("Exit answers The platform's export Field Value")
    assert "Shape survey responses (one row per response)" in en
    assert "Instrument Survey" in en and "Journey Renew a licence" in en
    assert "Key Holds submitted_at role: time of the response q1 Question: Are you satisfied?" in en
    assert "Personal columns, never read: 1" in en
    ar = _section(pages["ar"].plain(), "إجابات الخروج", "نقرات")
    assert "شكل البيانات إجابات استبيان (صف لكل إجابة)" in ar
    assert "أعمدة شخصية لا تُقرأ أبدًا: 1" in ar


def test_where_a_dataset_is_read_from_is_never_shown(pages: dict[str, _Page]) -> None:
    for page in pages.values():
        text = page.plain()
        for private in ("exit-answers.csv", "answer_column_secret", "mobile_number_col", "phone"):
            assert private not in text


def test_an_events_dataset_maps_events_to_steps(pages: dict[str, _Page]) -> None:
    en = _section(pages["en"].plain(), "Clicks")
    assert "Shape analytics events (one row per event)" in en
    assert "Event that starts a case opened" in en
    assert "Event that completes a case sent" in en
    assert "Event Step opened Sign in sent Submit lost nowhere ⚠" in en
    assert any(link.endswith("journeys/renew-license.md#step-submit") for link in pages["en"].links)


def test_anchors_and_model_text_stay_text(pages: dict[str, _Page]) -> None:
    for page in pages.values():
        assert "script" not in page.tags
    assert "The spring wave <script>window.__xss=1</script>" in pages["en"].plain()
    assert "More Field Value Tags spring x-vendor Acme" in pages["en"].plain()
    for page in pages.values():
        assert {"sample-design-wave-1", "sample-design-wave-2", "dataset-exits"} <= set(page.ids)


def test_the_ignored_figures_column_only_when_an_entry_states_any(
    pages: dict[str, _Page],
) -> None:
    third = _section(pages["en"].plain(), "Third wave", "Datasets")
    assert "Plan entries it samples: Journey Metric Where Renew a licence Satisfaction" in third
    assert "ignored" not in third


def test_an_events_dataset_without_events_uses_its_instruments(pages: dict[str, _Page]) -> None:
    en = _section(pages["en"].plain(), "Tap log", "Exit answers")
    assert "Events and the steps they mark: as the instrument declares them (Taps)" in en
    ar = _section(pages["ar"].plain(), "سجل النقرات", "إجابات الخروج")
    assert "الأحداث والخطوات التي تدل عليها: كما تحددها أداة القياس (النقرات)" in ar
