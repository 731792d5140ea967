"""The comparison page in each reader's words: signed emotions written the one way
(``signed``: 0 without a sign), a persona's emotion as a phrase of the page's language, a
cost's currency as the page's locale writes it, and a total that adds up only some steps
marked partial with a note, its change said to be unknown rather than left blank.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.model import Journey
from cxdsl.render.context import RenderContext
from cxdsl.site.compare_page import compare_page
from cxdsl.site.content import PageContext
from cxdsl.site.markdown import Writer

from .conftest import FIXTURES, make_workspace
from .test_compare import APPLY_AS_IS, APPLY_TO_BE, tables

CASE = FIXTURES / "cases" / "to-be-one-stage"

OMAR = """\
kind: persona
id: omar
name: {ar: عمر, en: Omar}
segments: [citizens]
"""
# Pay the fee: Sara 0 → +1, Omar -2 → 0, on the same channel (no channel line).
PAY_AS_IS = """\
kind: journey
id: pay
title: {ar: الدفع, en: Pay}
persona: sara
personas: [omar]
stages:
  - id: pay
    title: {ar: الدفع, en: Pay}
    steps:
      - id: pay-fee
        title: {ar: دفع الرسوم, en: Pay the fee}
        channel: kiosk-app
        emotion: {sara: 0, omar: -2}
"""
PAY_TO_BE = """\
kind: journey
id: pay-online
title: {ar: الدفع عبر الإنترنت, en: Pay online}
persona: sara
personas: [omar]
state: to-be
based_on: pay
stages:
  - id: pay
    title: {ar: الدفع, en: Pay}
    steps:
      - id: pay-fee
        title: {ar: دفع الرسوم, en: Pay the fee}
        channel: kiosk-app
        emotion: {sara: 1, omar: 0}
"""


def render(result: CheckResult, lang: str, as_is: str, to_be: str) -> str:
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    pc = PageContext(result, ctx, Writer(ctx), {}, Path("unused"))
    before, after = (result.index.entity("journey", i) for i in (as_is, to_be))
    assert isinstance(before, Journey) and isinstance(after, Journey)
    return compare_page(pc, after, before)


def checked(ws: Path) -> CheckResult:
    result = check_workspace(ws)
    assert result.ok, result.diagnostics
    return result


@pytest.fixture
def pay(tmp_path: Path) -> CheckResult:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "omar.yaml").write_text(OMAR, encoding="utf-8")
    (ws / "journeys" / "pay.yaml").write_text(PAY_AS_IS, encoding="utf-8")
    (ws / "journeys" / "pay-online.yaml").write_text(PAY_TO_BE, encoding="utf-8")
    return checked(ws)


@pytest.fixture
def apply(tmp_path: Path) -> CheckResult:
    ws = make_workspace(tmp_path)
    (ws / "journeys" / "apply-permit.yaml").write_text(APPLY_AS_IS, encoding="utf-8")
    (ws / "journeys" / "apply-permit-online.yaml").write_text(APPLY_TO_BE, encoding="utf-8")
    return checked(ws)


def change_cell(markdown: str) -> str:
    """The change column of the only step of the step-by-step table, as Markdown."""
    rows = markdown.split("## ")[-1].splitlines()
    return rows[-1].split(" | ")[-1].rstrip(" |")


def test_each_persona_s_emotion_moves_signed_the_one_way_in_english(pay: CheckResult) -> None:
    # Sara 0 → +1 (+1): 0 has no sign; Omar -2 → 0 (+2).
    cell = html.unescape(change_cell(render(pay, "en", "pay", "pay-online")))
    assert cell == "Sara's emotion 0 → +1 (+1); Omar's emotion -2 → 0 (+2)"


def test_each_persona_s_emotion_in_arabic_words_with_isolated_signs(pay: CheckResult) -> None:
    cell = change_cell(render(pay, "ar", "pay", "pay-online"))
    ltr = '<bdi dir="ltr">{}</bdi>'.format
    sara = f"مشاعر سارة من {ltr('0')} إلى {ltr('&#43;1')} &#40;{ltr('&#43;1')}&#41;"
    omar = f"مشاعر عمر من {ltr('&#45;2')} إلى {ltr('0')} &#40;{ltr('&#43;2')}&#41;"
    assert cell == f"{sara}؛ {omar}"
    assert "+0" not in html.unescape(cell) and "المشاعر" not in cell


def test_a_cost_s_currency_as_the_page_s_locale_writes_it(tmp_path: Path) -> None:
    """The fixture's whole journey costs 150 SAR and 20 USD on each side (as
    ``test_compare`` adds up by hand); labels carry CLDR's symbols, as ``money`` does."""
    result = checked(make_workspace(tmp_path, CASE))
    ar = tables(render(result, "ar", "get-permit", "get-permit-online"))["الرحلة كاملة"]
    assert ar[-2:] == [["التكلفة (ر.س.)", "150", "150", "0"], ["التكلفة (US$)", "20", "20", "0"]]
    en = tables(render(result, "en", "get-permit", "get-permit-online"))["The whole journey"]
    assert [row[0] for row in en[-2:]] == ["Cost (SAR)", "Cost ($)"]
    assert "SAR" not in html.unescape(
        re.sub(r"<[^>]+>", "", render(result, "ar", "get-permit", "get-permit-online"))
    )


def test_a_partial_total_is_marked_and_explained_in_english(apply: CheckResult) -> None:
    """Apply: waiting 30 as-is, not stated to-be; Collect (unchanged) 1,000 each side. The
    whole journey's to-be waiting, 1,000, adds up only the steps that state it."""
    markdown = render(apply, "en", "apply-permit", "apply-permit-online")
    found = tables(markdown)
    assert found["The whole journey"][2] == ["Waiting time (min)", "1,030", "1,000*", "unknown"]
    assert found["Apply online"][2] == ["Waiting time (min)", "30", "—", "unknown"]
    note = (
        "&#42; Partial total: only some steps state this measure, so the total adds up "
        "those that do and the change is unknown."
    )
    whole = markdown.split("### ")[1]
    assert note in whole  # under the whole journey's table
    assert markdown.count(note) == 1  # not under the stage's, which has no partial total


def test_a_partial_total_is_marked_and_explained_in_arabic(apply: CheckResult) -> None:
    markdown = render(apply, "ar", "apply-permit", "apply-permit-online")
    assert tables(markdown)["الرحلة كاملة"][2] == [
        "وقت الانتظار (دقيقة)",
        "1,030",
        "1,000*",
        "غير معروف",
    ]
    assert "&#42; مجموع جزئي: بعض الخطوات فقط تذكر هذا المقياس" in markdown


def test_no_partial_total_no_note(tmp_path: Path) -> None:
    markdown = render(
        checked(make_workspace(tmp_path, CASE)), "en", "get-permit", "get-permit-online"
    )
    assert "Partial total" not in markdown and "&#42;" not in markdown
    assert "unknown" not in markdown
