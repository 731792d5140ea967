"""Issue 13's model additions: Hijri dates, extension keys and tags, named answer scales."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.model import Evidence, Instrument, Persona, Settings, Step
from cxdsl.model.dates import hijri_to_gregorian

EVIDENCE = "kind: evidence\nid: interviews-1446\ntitle: {{ar: مقابلات, en: Interviews}}\n"
EVIDENCE += "method: interview\n{extra}"


@pytest.mark.parametrize(
    ("written", "gregorian"),
    [
        ("1446-12-09H", dt.date(2025, 6, 5)),  # the day of Arafah 1446
        ("1447-09-01H", dt.date(2026, 2, 18)),  # the first of Ramadan 1447
        ("1447-9-1h", dt.date(2026, 2, 18)),
        ("1446-12-09هـ", dt.date(2025, 6, 5)),  # the Arabic abbreviation
        ("١٤٤٦-١٢-٠٩H", dt.date(2025, 6, 5)),  # Arabic-Indic digits
    ],
)
def test_a_hijri_date_is_stored_as_its_gregorian_date(written: str, gregorian: dt.date) -> None:
    evidence = Evidence.model_validate(
        {"id": "e", "title": "t", "method": "survey", "date": written}
    )
    assert evidence.date == gregorian


@given(st.dates(min_value=dt.date(1924, 8, 1), max_value=dt.date(2077, 11, 16)))
def test_hijri_and_gregorian_round_trip(day: dt.date) -> None:
    from hijridate import Gregorian

    hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    assert hijri_to_gregorian(hijri.year, hijri.month, hijri.day) == day


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1447-09-31H", "month 9 of 1447 has 30 days"),
        ("1447-13-01H", "a Hijri month is 1 to 12"),
        ("1600-01-01H", "covers the years 1343–1500"),
    ],
)
def test_an_impossible_hijri_date_is_a_located_error(
    workspace: Path, written: str, message: str
) -> None:
    with (workspace / "journeys" / "catalog.yaml").open("a", encoding="utf-8") as out:
        out.write("---\n" + EVIDENCE.format(extra=f"date: {written}\n"))
    result = CliRunner().invoke(main, ["check", str(workspace)])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "CX010" in x)
    assert line.startswith("journeys/catalog.yaml:") and message in line


def test_seasons_may_be_declared_in_hijri() -> None:
    settings = Settings.model_validate(
        {"seasons": [{"id": "r", "name": "Ramadan", "start": "1447-09-01H", "end": "1447-09-30H"}]}
    )
    assert (settings.seasons[0].start, settings.seasons[0].end) == (
        dt.date(2026, 2, 18),
        dt.date(2026, 3, 19),
    )


def test_extension_keys_and_tags_are_kept_on_entities_stages_and_steps() -> None:
    persona = Persona.model_validate(
        {"id": "p", "name": "P", "x-budget-line": 4.2, "x-owner": {"unit": "A"}, "tags": ["pilot"]}
    )
    assert persona.extensions == {"x-budget-line": 4.2, "x-owner": {"unit": "A"}}
    assert persona.tags == ["pilot"]
    step = Step.model_validate({"id": "s", "title": "S", "x-ref": "SR-12"})
    assert step.extensions == {"x-ref": "SR-12"}
    assert "extensions" in Persona.model_dump(persona)


@pytest.mark.parametrize("key", ["y-budget", "X-budget", "budget"])
def test_other_unknown_keys_are_still_refused(key: str) -> None:
    with pytest.raises(ValidationError):
        Persona.model_validate({"id": "p", "name": "P", key: 1})


def test_a_tag_cannot_carry_markup() -> None:
    with pytest.raises(ValidationError):
        Persona.model_validate({"id": "p", "name": "P", "tags": ["<b>x</b>"]})


def test_a_named_answer_scale_is_put_in_place_of_its_id(workspace: Path) -> None:
    settings = workspace / "cxdsl.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "answer_scales:\n  agree5: {min: 1, max: 5, labels: {1: {ar: لا, en: No}}}\n",
        encoding="utf-8",
    )
    (workspace / "journeys" / "pulse.yaml").write_text(
        "kind: instrument\nid: pulse\nname: {ar: نبض, en: Pulse}\nmethod: survey\n"
        "questions:\n  - id: clear\n    text: {ar: واضح, en: Clear}\n    scale: agree5\n",
        encoding="utf-8",
    )
    result = check_workspace(workspace)
    instrument = result.index.entity("instrument", "pulse")
    assert isinstance(instrument, Instrument)
    scale = instrument.questions[0].response_scale()
    assert scale is not None and (scale.min, scale.max) == (1, 5)
    assert not [d for d in result.diagnostics if d.code == "CX116"]


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        (
            {"min": 1, "max": 5, "labels": {6: "Too much"}},
            "label for 6 lies outside the scale 1..5",
        ),
        ({"min": 5, "max": 1}, "scale min (5) must be below max (1)"),
    ],
)
def test_an_answer_scale_refuses_labels_no_answer_can_take(
    scale: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Instrument.model_validate(
            {
                "id": "i",
                "name": "I",
                "method": "survey",
                "questions": [{"id": "q", "text": "Q", "scale": scale}],
            }
        )
