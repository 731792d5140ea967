"""The i18n package: one table per language, complete, and loud about a missing key."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from cxdsl.compiler import check_workspace
from cxdsl.i18n import TABLES, UnknownString, has_string, is_rtl, localize, override_problems, ui
from cxdsl.i18n.en import ENGLISH
from cxdsl.render.alt import journey_map_alt
from cxdsl.render.context import RenderContext
from cxdsl.site.markdown import Writer

from .conftest import REPO

SHIPPED = sorted(TABLES)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_and_arabic_are_shipped() -> None:
    assert SHIPPED == ["ar", "en"]


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_key_exists_in_every_shipped_language(lang: str) -> None:
    table = TABLES[lang]
    assert sorted(set(ENGLISH) - set(table)) == [], f"missing in {lang}"
    assert sorted(set(table) - set(ENGLISH)) == [], f"only in {lang}"
    assert all(text.strip() for text in table.values())


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_fill_in_the_same_placeholders(lang: str) -> None:
    for key, text in ENGLISH.items():
        assert _fields(TABLES[lang][key]) == _fields(text), key


def test_a_missing_key_fails_loudly() -> None:
    assert not has_string("no_such_string")
    with pytest.raises(UnknownString, match="no_such_string"):
        ui("no_such_string", "en")
    with pytest.raises(KeyError):
        ui("no_such_string", "ar")


def test_the_page_writer_does_not_print_an_unknown_key() -> None:
    result = check_workspace(REPO)
    writer = Writer(RenderContext(result.index, result.workspace.settings, "en"))
    assert writer.t("journey_map") == "Journey map"
    with pytest.raises(UnknownString):
        writer.t("no_such_string")
    # An enumerated value without a label is shown as written, not looked up.
    assert writer.value("completion_rate") == "completion rate"
    assert writer.value("self_service") == "self-service"


def test_a_region_reads_its_base_language_and_others_read_english() -> None:
    assert ui("emotion_curve", "ar-SA") == ui("emotion_curve", "ar") == "منحنى المشاعر"
    assert ui("emotion_curve", "fr") == "Emotion curve"
    assert is_rtl("ar-SA") and not is_rtl("en-GB")


def test_diagram_alt_text_goes_through_the_same_lookup(workspace: Path) -> None:
    """The alt-text words were a second table whose lookup ignored the region."""
    result = check_workspace(workspace)
    journey = result.index.entity("journey", "renew-license")
    settings = result.workspace.settings
    ar = journey_map_alt(RenderContext(result.index, settings, "ar"), journey)
    ar_sa = journey_map_alt(RenderContext(result.index, settings, "ar-SA"), journey)
    assert ar.startswith("خريطة رحلة «")
    assert ar_sa.splitlines()[0].startswith("خريطة رحلة «")


def test_localize_marks_a_fallback() -> None:
    assert localize({"ar": "نص", "en": "text"}, "en").text == "text"
    fallback = localize({"ar": "نص"}, "en", ["ar", "en"])
    assert (fallback.text, fallback.fallback) == ("نص", "ar")
    assert localize("a\u202eb", "en").text == "ab"


def test_arabic_says_beneficiary_not_customer() -> None:
    """Saudi public-sector CX says «المستفيد»; no Arabic string says «العميل» or «العملاء»."""
    customer = ("عميل", "عملاء")
    assert [key for key, text in TABLES["ar"].items() if any(w in text for w in customer)] == []
    assert ui("journey_map", "ar") == "خريطة رحلة المستفيد"
    assert ui("customer_tree", "ar") == "شجرة المستفيدين"
    assert ui("customer_actions", "ar") == "إجراءات المستفيد"


def test_every_shipped_string_could_be_written_as_an_override() -> None:
    """What a workspace may write in ``ui:`` (no markup, the same placeholders) is what
    cxdsl itself ships, so copying a string into cxdsl.yaml and editing it works."""
    for lang in SHIPPED:
        assert override_problems(dict(TABLES[lang])) == [], lang
