"""``cxdsl export questionnaire``: an instrument's questions in one language, as a printable
HTML file (right to left in Arabic, question text kept as text) and as a CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from cxdsl.cli import main

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
SCRIPT = "<script>window.__xss=1</script>"
SURVEY = f"""\
kind: instrument
id: pilgrim-survey
name: {{ar: استبيان الحاج, en: Pilgrim survey, id: Survei jamaah}}
method: survey
languages: [ar, en, id]
questions:
  - id: clear
    text: {{ar: كانت الخطوات واضحة, en: The steps were clear, id: Langkah-langkahnya jelas}}
    scale: agree5
  - id: fair
    text:
      ar: "{SCRIPT} هل كانت الرسوم عادلة؟"
      en: "=HYPERLINK(1) Was the fee fair?"
      id: Apakah biayanya adil?
    scale:
      min: -1
      max: 1
      labels:
        -1: {{ar: لا, en: "No", id: Tidak}}
        1: {{ar: نعم, en: "-Yes", id: Ya}}
  - id: comment
    text: {{ar: ملاحظات أخرى, en: Anything else, id: Hal lain}}
"""
HEADER = ["question_id", "number", "text", "value", "label"]


@pytest.fixture
def survey_ws(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path)
    with (ws / "cxdsl.yaml").open("a", encoding="utf-8") as settings:
        settings.write(SETTINGS)
    (ws / "journeys" / "pilgrim.yaml").write_text(SURVEY, encoding="utf-8")
    return ws


def export(ws: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["export", "questionnaire", str(ws), *args])
    return result.exit_code, result.stdout, result.stderr


def written(ws: Path, lang: str) -> tuple[Path, Path]:
    out = ws / "out"
    code, stdout, stderr = export(
        ws, "--instrument", "pilgrim-survey", "--lang", lang, "--out", str(out)
    )
    assert code == 0, stderr
    page, table = out / f"pilgrim-survey.{lang}.html", out / f"pilgrim-survey.{lang}.csv"
    assert stdout == f"wrote {page}\nwrote {table}\n"
    return page, table


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_the_csv_lists_every_answer_of_every_question(survey_ws: Path) -> None:
    _, table = written(survey_ws, "ar")
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8
    clear, fair = "كانت الخطوات واضحة", f"{SCRIPT} هل كانت الرسوم عادلة؟"
    assert read_csv(table) == [
        HEADER,
        ["clear", "1", clear, "1", "أعارض بشدة"],
        ["clear", "1", clear, "2", ""],
        ["clear", "1", clear, "3", ""],
        ["clear", "1", clear, "4", ""],
        ["clear", "1", clear, "5", "أوافق بشدة"],
        ["fair", "2", fair, "-1", "لا"],
        ["fair", "2", fair, "0", ""],
        ["fair", "2", fair, "1", "نعم"],
        ["comment", "3", "ملاحظات أخرى", "", ""],
    ]


def test_the_csv_is_in_a_language_the_site_is_not_published_in(survey_ws: Path) -> None:
    _, table = written(survey_ws, "id")
    rows = read_csv(table)
    assert rows[1] == ["clear", "1", "Langkah-langkahnya jelas", "1", "Sangat tidak setuju"]
    assert rows[5] == ["clear", "1", "Langkah-langkahnya jelas", "5", "Sangat setuju"]
    assert rows[6] == ["fair", "2", "Apakah biayanya adil?", "-1", "Tidak"]


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(survey_ws: Path) -> None:
    _, table = written(survey_ws, "en")
    rows = read_csv(table)
    assert rows[6] == ["fair", "2", "'=HYPERLINK(1) Was the fee fair?", "-1", "No"]
    assert rows[8] == ["fair", "2", "'=HYPERLINK(1) Was the fee fair?", "1", "'-Yes"]


def test_the_html_escapes_question_text(survey_ws: Path) -> None:
    page, _ = written(survey_ws, "ar")
    html = page.read_text(encoding="utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert '<html lang="ar" dir="rtl">' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_an_unknown_instrument_is_a_usage_error_with_a_suggestion(survey_ws: Path) -> None:
    code, _, stderr = export(survey_ws, "--instrument", "pilgrim-survy", "--lang", "ar")
    assert code == 2
    assert "no instrument 'pilgrim-survy' in the workspace (did you mean 'pilgrim-survey'?)" in (
        stderr
    )


def test_a_language_the_instrument_is_not_asked_in_is_a_usage_error(survey_ws: Path) -> None:
    code, _, stderr = export(survey_ws, "--instrument", "survey", "--lang", "id")
    assert code == 2
    assert "instrument 'survey' is not asked in 'id': it is asked in ar, en" in stderr


def test_a_text_missing_in_the_language_writes_nothing_and_says_where(survey_ws: Path) -> None:
    text = (survey_ws / "journeys" / "pilgrim.yaml").read_text(encoding="utf-8")
    text = text.replace("      id: Apakah biayanya adil?\n", "")
    (survey_ws / "journeys" / "pilgrim.yaml").write_text(text, encoding="utf-8")
    settings = (survey_ws / "cxdsl.yaml").read_text(encoding="utf-8")
    settings = settings.replace(", id: Sangat setuju}", "}")
    (survey_ws / "cxdsl.yaml").write_text(settings, encoding="utf-8")
    out = survey_ws / "out"
    code, _, stderr = export(
        survey_ws, "--instrument", "pilgrim-survey", "--lang", "id", "--out", str(out)
    )
    assert code == 1
    assert not out.exists()
    lines = stderr.splitlines()  # the workspace is not below the current folder: no prefix
    assert lines == [
        "cxdsl.yaml:12:10: error CX208 answer label 5 of scale 'agree5' has no text in id",
        "journeys/pilgrim.yaml:12:7: error CX208 question 'fair' has no text in id",
        "cxdsl: no questionnaire written: 2 texts are not written in id",
    ]


def test_the_title_is_the_name_in_the_questionnaires_language(survey_ws: Path) -> None:
    page, _ = written(survey_ws, "id")
    html = page.read_text(encoding="utf-8")
    assert '<html lang="id" dir="ltr">' in html
    assert "<title>Survei jamaah</title>" in html and "<h1>Survei jamaah</h1>" in html
    assert "استبيان" not in html


def _rename(ws: Path, name: str) -> None:
    survey = ws / "journeys" / "pilgrim.yaml"
    text = survey.read_text(encoding="utf-8")
    old = "name: {ar: استبيان الحاج, en: Pilgrim survey, id: Survei jamaah}"
    survey.write_text(text.replace(old, f"name: {name}"), encoding="utf-8")


def test_a_name_missing_in_the_language_writes_nothing_and_says_where(survey_ws: Path) -> None:
    """No title in another language (an Arabic title on the Indonesian questionnaire):
    like a question, a name missing in the language is a gap CX208 reports too."""
    _rename(survey_ws, "{ar: استبيان الحاج, en: Pilgrim survey}")
    out = survey_ws / "out"
    code, stdout, stderr = export(
        survey_ws, "--instrument", "pilgrim-survey", "--lang", "id", "--out", str(out)
    )
    assert (code, stdout) == (1, "")
    assert not out.exists()
    assert stderr.splitlines() == [
        "journeys/pilgrim.yaml:3:7: error CX208 instrument 'pilgrim-survey' has no name in id "
        "(the questionnaire's title)",
        "cxdsl: no questionnaire written: 1 text is not written in id",
    ]
    check = CliRunner().invoke(main, ["check", str(survey_ws)])
    assert check.exit_code == 1
    assert (
        "journeys/pilgrim.yaml:3:7: error CX208 name of 'pilgrim-survey' (the questionnaire's "
        "title) is missing language(s) it is asked in: id" in check.output
    )


def test_a_name_missing_a_workspace_language_is_the_gap_cx214_reports(survey_ws: Path) -> None:
    _rename(survey_ws, "{en: Pilgrim survey, id: Survei jamaah}")
    code, _, stderr = export(survey_ws, "--instrument", "pilgrim-survey", "--lang", "ar")
    assert code == 1
    assert stderr.splitlines()[0] == (
        "journeys/pilgrim.yaml:3:7: error CX214 instrument 'pilgrim-survey' has no name in ar "
        "(the questionnaire's title)"
    )
    # The other languages still have their title.
    page, _ = written(survey_ws, "en")
    assert "<h1>Pilgrim survey</h1>" in page.read_text(encoding="utf-8")


def test_a_plain_name_is_the_title_in_every_language(survey_ws: Path) -> None:
    _rename(survey_ws, "Hajj 1447")
    page, _ = written(survey_ws, "id")
    assert "<h1>Hajj 1447</h1>" in page.read_text(encoding="utf-8")


def test_the_arabic_questionnaire_reads_right_to_left_in_chromium(
    survey_ws: Path, browser: Browser
) -> None:
    page_file, _ = written(survey_ws, "ar")
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    page.goto(page_file.as_uri())
    assert page.evaluate("document.documentElement.dir") == "rtl"
    questions = page.locator("li.question")
    assert questions.count() == 3
    first = questions.nth(0)
    style = first.evaluate(
        "e => [getComputedStyle(e).direction, getComputedStyle(document.body).fontFamily]"
    )
    assert style[0] == "rtl" and "Noto Naskh Arabic" in style[1]
    # Right to left: the number stands right of the wording, the first answer right of the last.
    number, wording = (
        first.locator(".number").bounding_box(),
        first.locator(".wording").bounding_box(),
    )
    assert number and wording and number["x"] > wording["x"]
    options = first.locator("ul.options li")
    assert options.count() == 5
    one, five = options.nth(0).bounding_box(), options.nth(4).bounding_box()
    assert one and five and one["x"] > five["x"]
    assert options.nth(0).inner_text().split() == ["1", "أعارض", "بشدة"]
    # A negative value reads left to right inside the Arabic line: "-1", not "1-".
    minus, digit = page.evaluate(
        """() => {
          const text = document.querySelector('#q2 .value').firstChild;
          const range = document.createRange();
          return [0, 1].map(i => { range.setStart(text, i); range.setEnd(text, i + 1);
                                   return range.getBoundingClientRect().x; });
        }"""
    )
    assert minus < digit
    # A script in a question is text: shown, never run.
    assert page.evaluate("window.__xss") is None
    assert SCRIPT in questions.nth(1).locator(".wording").inner_text()
    assert page.locator("script").count() == 0
    page.close()
