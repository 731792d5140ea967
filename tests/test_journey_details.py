"""What the journey page, the persona page and the catalog show beyond the steps table:
effort in full with totals per stage and journey, the expected-vs-perceived gap, stage and
step details (thoughts, who lives a step, what it replaces), the plan's figures, research,
and the "More" table of a team's own fields, escaped.

Figures are checked against sums done by hand on ``cases/to-be-one-stage``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.model import Effort, Journey, Measurement, Persona, Stage, Step
from cxdsl.model.measurement import Research
from cxdsl.render.alt_details import gap_part
from cxdsl.render.context import RenderContext
from cxdsl.site.content import PageContext
from cxdsl.site.effort_view import effort_cell, effort_totals_table
from cxdsl.site.journey_pages import journey_page, persona_page
from cxdsl.site.markdown import Writer
from cxdsl.site.more_table import extension_text, more_table
from cxdsl.site.other_pages import catalog_page, coverage_page
from cxdsl.site.plan_tables import research_table, sample_cell
from cxdsl.site.step_details import gap_section

from .conftest import FIXTURES, make_workspace

CASE = FIXTURES / "cases" / "to-be-one-stage"


@pytest.fixture
def checked(tmp_path: Path) -> CheckResult:
    result = check_workspace(make_workspace(tmp_path, CASE))
    assert result.diagnostics == []
    return result


def context(result: CheckResult, lang: str = "en") -> PageContext:
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    return PageContext(result, ctx, Writer(ctx), {}, Path("unused"))


def text(markdown: str) -> str:
    """Markdown as a reader sees its words: entities decoded, isolation tags dropped."""
    return html.unescape(re.sub(r"</?bdi[^>]*>", "", markdown))


def code(ident: str) -> str:
    """An id, tag or key as the page writer shows it (as code, read left to right)."""
    return f'<code dir="ltr">{ident}</code>'


def rows(table: str) -> list[list[str]]:
    """The body rows of a Markdown table, as cells of text."""
    lines = [line for line in table.splitlines() if line.startswith("|")][2:]
    return [[text(cell.strip()) for cell in line.strip("|").split(" | ")] for line in lines]


def journey(result: CheckResult, ident: str) -> Journey:
    found = result.index.entity("journey", ident)
    assert isinstance(found, Journey)
    return found


# --- effort ----------------------------------------------------------------------------


def test_effort_totals_per_stage_and_journey_are_the_sums(checked: CheckResult) -> None:
    table = effort_totals_table(context(checked), journey(checked, "get-permit"))
    assert table.splitlines()[0] == (
        "| Stage | Active time | Waiting time | Visits | Documents | Walking | Cost |"
    )
    # discover: 10 + 5 active; visit: 5 + 20 active, 45 + 120 + 60 waiting, 1 visit,
    # 3 documents, 800 m, 150 in the workspace's SAR; receive: 10 active, 15 waiting, 20 USD;
    # money as the locale writes it (CLDR: "SAR 150", "$20").
    visit = ["25 minutes", "225 minutes", "1 visit", "3 documents", "800 metres", "SAR 150"]
    whole = ["50 minutes", "240 minutes", "1 visit", "3 documents", "800 metres"]
    assert rows(table) == [
        ["Discover", "15 minutes", "—", "—", "—", "—", "—"],
        ["Visit the centre", *visit],
        ["Receive", "10 minutes", "15 minutes", "—", "—", "—", "$20"],
        ["**The whole journey**", *whole, "SAR 150 + $20"],
    ]


def test_effort_totals_count_in_arabic(checked: CheckResult) -> None:
    table = effort_totals_table(context(checked, "ar"), journey(checked, "get-permit"))
    whole = rows(table)[-1]
    assert whole[1:6] == ["50 دقيقة", "240 دقيقة", "زيارة واحدة", "3 مستندات", "800 متر"]
    assert whole[6] == "150 ر.س. + 20 US$"  # the Arabic locale's money, not "SAR"


def test_a_steps_effort_cell_names_every_measure_it_states(checked: CheckResult) -> None:
    pc = context(checked)
    steps = {s.id: s for s in journey(checked, "get-permit-online").steps()}
    cell = effort_cell(pc, steps["apply-online"].effort)
    assert text(cell).split("<br>") == [
        "10 minutes active",
        "10 minutes waiting",
        "0 visits",
        "0 metres on foot",
        "SAR 150",  # no currency on the step: the workspace's
    ]
    collect = next(s for s in journey(checked, "get-permit").steps() if s.id == "collect")
    assert text(effort_cell(pc, collect.effort)).split("<br>") == ["10 minutes active", "$20"]
    assert effort_cell(pc, None) == ""
    assert effort_cell(pc, Effort()) == ""


def test_no_effort_no_totals(checked: CheckResult) -> None:
    bare = Journey(id="j", title="J", stages=[Stage(id="s", title="S", steps=[])])
    assert effort_totals_table(context(checked), bare) == ""


# --- expected vs perceived ---------------------------------------------------------------


def _scored() -> Journey:
    steps = [
        Step(id="a", title="A", expected_score=1.5, perceived_score=-0.5),
        Step(id="b", title="B", expected_score=1),
        Step(id="c", title="C"),
    ]
    return Journey(id="j", title="J", stages=[Stage(id="s", title="S", steps=steps)])


def test_the_gap_is_perceived_minus_expected_signed(checked: CheckResult) -> None:
    section = gap_section(context(checked), _scored())
    assert "On the journey's emotion scale, from -2 to +2." in text(section)
    assert rows(section) == [
        ["[1. A](#step-a)", "1.5", "-0.5", "-2"],
        ["[2. B](#step-b)", "1", "—", "—"],
    ]
    ctx = RenderContext(checked.index, checked.workspace.settings, "en")
    first, second, third = _scored().steps()
    assert gap_part(ctx, first) == "Expected 1.5, Perceived -0.5 (gap -2)"
    assert gap_part(ctx, second) == "Expected 1"
    assert gap_part(ctx, third) is None
    ar = RenderContext(checked.index, checked.workspace.settings, "ar")
    assert gap_part(ar, first) == "المتوقع 1.5، المُدرَك -0.5 (الفجوة -2)"


# --- stages and steps in detail ----------------------------------------------------------


def test_a_to_be_page_names_what_each_step_replaces_and_its_scope(checked: CheckResult) -> None:
    page = journey_page(context(checked), journey(checked, "get-permit-online"))
    assert "| Stages redesigned | Apply online |" in text(page)
    assert (
        "- **Replaces:** [3. Travel to the centre](../journeys/get-permit.md#step-travel), "
        "[4. Queue](../journeys/get-permit.md#step-queue)"
    ) in text(page)
    assert "### Apply online {#stage-visit}" in page


def test_a_step_shows_its_thoughts_action_personas_and_transitions(checked: CheckResult) -> None:
    base = journey(checked, "get-permit")
    data = base.stages[0].steps[0].model_dump(exclude_none=True)
    data.update(
        thoughts=[{"en": "Where do I start?", "ar": "من أين أبدأ؟"}],
        customer_action="Searches the portal",
        personas=["sara"],
        transitions=[{"to": "queue", "type": "failure", "label": "No slot"}],
    )
    base.stages[0].steps[0] = Step.model_validate(data)
    base.stages[0].description = "Before the visit"
    page = text(journey_page(context(checked), base))
    assert "### Discover {#stage-discover}\n\nBefore the visit" in page
    assert "#### 1. Find the information {#step-find-info-details}" in page
    assert "- **Customer action:** Searches the portal" in page
    assert "- **Thoughts:**\n    - Where do I start?" in page
    assert "- **Lived by:** [Sara](../personas/sara.md)" in page
    assert "- **Goes on to:** failure → [4. Queue](#step-queue) (No slot)" in page
    arabic = text(journey_page(context(checked, "ar"), base))
    assert "تعثّر ← [4. الانتظار في الطابور](#step-queue)" in arabic


# --- the "More" table -------------------------------------------------------------------


HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1))"


def test_more_shows_tags_and_x_fields_as_text(checked: CheckResult) -> None:
    step = Step.model_validate(
        {
            "id": "s",
            "title": "S",
            "tags": ["pilot", "hajj-1446"],
            "x-budget-line": 4.2,
            "x-note": HOSTILE,
            "x-nested": {"owner": "<b>unit</b>", "years": [1445, 1446], "ok": True},
        }
    )
    table = more_table(context(checked), step)
    assert "<script>" not in table and "<b>" not in table and "](" not in table
    assert rows(table) == [
        ["Tags", f"{code('pilot')}, {code('hajj-1446')}"],
        [code("x-budget-line"), "4.2"],
        [code("x-note"), HOSTILE],
        [code("x-nested"), '{"owner": "<b>unit</b>", "years": [1445, 1446], "ok": true}'],
    ]
    assert table.startswith("\n**More**\n")
    assert more_table(context(checked), Step(id="t", title="T")) == ""
    assert more_table(context(checked), Effort(minutes=1)) == ""  # cannot carry any


def test_extension_values_read_as_written() -> None:
    assert extension_text("نص") == "نص"
    assert extension_text(None) == "null"
    assert extension_text({"مفتاح": [1, 2.5]}) == '{"مفتاح": [1, 2.5]}'


# --- the plan ----------------------------------------------------------------------------


def test_an_entrys_own_figures_overridden_by_its_design_are_shown_beside(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, CASE)
    (ws / "results" / "wave.yaml").write_text(
        "kind: sample_design\nid: wave\nname: {ar: موجة, en: Wave}\npopulation: 5000\n"
        "confidence_level: 0.95\nmargin_of_error: 0.05\nsample_size: 400\n",
        encoding="utf-8",
    )
    result = check_workspace(ws)
    entry = Measurement(metric="csat", population=1000, sample_size=300, design="wave")
    cell = text(sample_cell(context(result), entry, "journeys/j.md")).replace("\u00a0", " ")
    # Cochran with the finite population correction: 384.1 / (1 + 383.1 / 5000) -> 357.
    assert cell == (
        "[Wave](../metrics/index.md#sample-design-wave): 400 (this entry: 300) / 357 ✓ "
        "<br><small>N = 5,000 (this entry: N = 1,000) · 95 % · ± 5 %</small>"
    )
    alone = Measurement(metric="csat", sample_size=30)
    assert text(sample_cell(context(result), alone, "journeys/j.md")) == "30"


def test_research_is_a_table_of_its_own(checked: CheckResult) -> None:
    base = journey(checked, "get-permit")
    base.research = [
        Research(topic="Why people queue", method="focus_group", stages=["visit"], participants=12)
    ]
    table = research_table(context(checked), base, "journeys/get-permit.md")
    assert table.startswith("\n### Qualitative research\n")
    assert rows(table) == [
        ["Why people queue", "focus group", "Stages: Visit the centre", "12", "—", "—"]
    ]
    base.research = []
    assert research_table(context(checked), base, "journeys/get-permit.md") == ""


# --- persona, catalog, coverage ----------------------------------------------------------


def test_a_persona_shows_country_nationality_and_languages_by_name(checked: CheckResult) -> None:
    persona = Persona(
        id="p",
        name="Pilgrim",
        country="SA",
        nationality="ID",
        languages=["id", "bug"],
        description="Comes every year",
        **{"x-group": "B7"},  # type: ignore[arg-type]
    )
    en = text(persona_page(context(checked), persona))
    assert "| Country | Saudi Arabia |" in en
    assert "| Nationality | Indonesia |" in en
    assert "| Languages | Indonesian, Buginese |" in en
    assert "Comes every year" in en and f"| {code('x-group')} | B7 |" in en
    ar = text(persona_page(context(checked, "ar"), persona))
    assert "| الجنسية | إندونيسيا |" in ar
    assert "| اللغات | الإندونيسية، البجينيزية |" in ar


def test_evidence_dates_and_seasons_show_both_calendars(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "journeys" / "research.yaml").write_text(
        "kind: evidence\nid: arafah-survey\ntitle: {ar: مسح, en: Survey}\nmethod: survey\n"
        "date: 1446-12-09H\nx-wave: 3\n",
        encoding="utf-8",
    )
    settings = ws / "cxdsl.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "seasons:\n  - id: hajj-1446\n    name: {ar: حج 1446, en: Hajj 1446}\n"
        "    start: 1446-12-01H\n    end: 1446-12-13H\n",
        encoding="utf-8",
    )
    result = check_workspace(ws)
    assert result.ok, [d.render() for d in result.diagnostics]
    evidence = text(catalog_page(context(result), "evidence"))
    # 9 Dhu al-Hijjah 1446 (the day of Arafah) was Thursday 5 June 2025.
    assert "| Date | 5 June 2025 (9 Dhu al-Hijjah 1446 AH)" in evidence
    assert f"| {code('x-wave')} | 3 |" in evidence
    seasons = text(coverage_page(context(result)))
    assert (
        '| <span id="season-hajj-1446"></span>Hajj 1446 | <code>hajj-1446</code> '
        "| 28 May 2025 (1 Dhu al-Hijjah 1446 AH) | 9 June 2025 (13 Dhu al-Hijjah 1446 AH) |"
    ) in seasons
    assert result.workspace.settings.seasons[0].end == dt.date(2025, 6, 9)


SCALE = """\
emotion_scales:
  feelings:
    min: -2
    max: 2
    labels:
      -2: {ar: محبط جداً, en: Very frustrated}
      0: {ar: محايد, en: Neutral}
"""


def test_the_emotion_scale_reads_as_its_labelled_values_then_its_key(tmp_path: Path) -> None:
    """A director reads the scale's ends and labels in her language first; ``feelings``,
    the workspace's key for it, follows for authors as small code (not as words)."""
    ws = make_workspace(tmp_path, CASE)
    settings = (ws / "cxdsl.yaml").read_text(encoding="utf-8")
    settings = settings.replace("emotion_scales:\n  feelings: {min: -2, max: 2}\n", SCALE)
    (ws / "cxdsl.yaml").write_text(settings, encoding="utf-8")
    result = check_workspace(ws)
    assert result.diagnostics == []
    expected = {
        "en": "-2 Very frustrated · 0 Neutral · +2",
        "ar": "-2 محبط جداً · 0 محايد · +2",
    }
    for lang, values in expected.items():
        page = journey_page(context(result, lang), journey(result, "get-permit"))
        row = next(line for line in page.splitlines() if line.startswith("| ") and "·" in line)
        cell = row.split(" | ")[1].rstrip(" |")
        assert text(cell).startswith(values), lang
        assert cell.endswith('<small><code dir="ltr">feelings</code></small>'), lang


def test_the_health_lines_say_none_in_words(checked: CheckResult) -> None:
    """The to-be journey has no high-severity pain, no painful step and 0 visits
    (``apply-online`` states ``visits: 0``): its summary says so in words, never «0 …»."""
    lines = {
        "en": ("no high-severity pain points; no painful steps without measurement", "no visits"),
        "ar": ("لا نقاط ألم عالية الخطورة؛ لا خطوات مؤلمة بلا قياس", "لا زيارات"),
    }
    for lang, (pain, visits) in lines.items():
        page = journey_page(context(checked, lang), journey(checked, "get-permit-online"))
        summary = text(page.split("</div>")[0])
        assert f"**{'Pain' if lang == 'en' else 'الألم'}**: {pain}\n" in summary, lang
        assert visits in summary and "0 visit" not in summary and "0 زيارة" not in summary
        # walking_metres: 0 is stated: a total of no walking is left out, not «0 متر مشيًا»
        assert "0 metres" not in summary and "0 متر" not in summary, lang
