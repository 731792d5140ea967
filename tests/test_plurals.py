"""Counted nouns by CLDR plural category, language and country names, dates in two calendars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from cxdsl.compiler import check_workspace
from cxdsl.i18n import (
    TABLES,
    UnknownString,
    count_text,
    country_name,
    format_count,
    format_date,
    language_name,
    language_names,
    plural_category,
)
from cxdsl.i18n.nouns import NOUNS, NOUNS_EN, OBLIQUE_TWO
from cxdsl.render.alt import journey_map_alt
from cxdsl.render.context import RenderContext
from cxdsl.render.workspace_maps import customer_tree_text
from cxdsl.site.markdown import Writer

NUMBERS = (0, 1, 2, 3, 10, 11, 99, 100, 101)

#: Written by hand: the CLDR categories, and the noun as Arabic writes it after each number.
ARABIC_CATEGORIES = ("zero", "one", "two", "few", "few", "many", "many", "other", "other")
ARABIC_STEPS = (
    "0 خطوة",
    "خطوة واحدة",
    "خطوتان",
    "3 خطوات",
    "10 خطوات",
    "11 خطوة",
    "99 خطوة",
    "100 خطوة",
    "101 خطوة",
)
#: A masculine noun: «واحد», and the accusative singular from eleven to ninety-nine.
ARABIC_DAYS = (
    "0 يوم",
    "يوم واحد",
    "يومان",
    "3 أيام",
    "10 أيام",
    "11 يومًا",
    "99 يومًا",
    "100 يوم",
    "101 يوم",
)
ENGLISH_CATEGORIES = ("other", "one", *["other"] * 7)
ENGLISH_STEPS = (
    "0 steps",
    "1 step",
    "2 steps",
    "3 steps",
    "10 steps",
    "11 steps",
    "99 steps",
    "100 steps",
    "101 steps",
)


@pytest.mark.parametrize(
    ("lang", "noun", "categories", "expected"),
    [
        ("ar", "step", ARABIC_CATEGORIES, ARABIC_STEPS),
        ("ar", "day", ARABIC_CATEGORIES, ARABIC_DAYS),
        ("en", "step", ENGLISH_CATEGORIES, ENGLISH_STEPS),
    ],
)
def test_counted_nouns_by_hand(
    lang: str, noun: str, categories: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert tuple(plural_category(n, lang) for n in NUMBERS) == categories
    assert tuple(count_text(n, noun, lang) for n in NUMBERS) == expected


def test_the_arabic_hundreds_start_over() -> None:
    # 103 is "few" again (n % 100 in 3..10), 111 "many" again (n % 100 in 11..99).
    assert count_text(103, "step", "ar") == "103 خطوات"
    assert count_text(111, "document", "ar") == "111 مستندًا"
    assert count_text(1000, "step", "ar-SA") == "1,000 خطوة"


def test_the_arabic_dual_after_a_preposition() -> None:
    assert count_text(2, "response", "ar", oblique=True) == "إجابتين"
    assert count_text(2, "pain_point", "ar") == "نقطتا ألم"
    assert count_text(2, "pain_point", "ar", oblique=True) == "نقطتي ألم"
    # Only the dual changes with the case.
    assert count_text(3, "response", "ar", oblique=True) == "3 إجابات"
    assert count_text(2, "response", "en", oblique=True) == "2 responses"


def test_fractions_and_untranslated_languages() -> None:
    assert count_text(2.5, "minute", "ar") == "2.5 دقيقة"
    assert count_text(1.0, "minute", "ar") == "دقيقة واحدة"
    assert count_text(1.5, "minute", "en") == "1.5 minutes"
    assert count_text(240.0, "minute", "en") == "240 minutes"
    # A language cxdsl is not translated into counts in English, by English rules.
    assert count_text(1, "visit", "fr") == "1 visit"
    assert count_text(2, "visit", "id") == "2 visits"


def test_an_unknown_noun_fails_loudly() -> None:
    with pytest.raises(UnknownString, match="stepz"):
        count_text(1, "stepz", "en")


@pytest.mark.parametrize("lang", sorted(NOUNS))
def test_every_noun_has_every_category_of_every_shipped_language(lang: str) -> None:
    assert sorted(NOUNS) == sorted(TABLES)
    assert sorted(NOUNS[lang]) == sorted(NOUNS_EN)
    needed = {*Locale(lang).plural_form.tags, "other"}
    for noun, forms in NOUNS[lang].items():
        assert needed <= set(forms), noun
        assert set(forms) - needed <= {OBLIQUE_TWO, "zero"}, noun
        # Only one and two may be written without the numeral.
        for category in needed - {"one", "two"}:
            assert "{n}" in forms[category], (noun, category)


@given(
    n=st.integers(min_value=0, max_value=10**12)
    | st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
    noun=st.sampled_from(sorted(NOUNS_EN)),
    lang=st.sampled_from(["ar", "en", "ar-SA", "en-GB", "fr", "tlh"]),
    oblique=st.booleans(),
)
def test_count_text_always_shows_the_count(n: float, noun: str, lang: str, oblique: bool) -> None:
    text = count_text(n, noun, lang, oblique=oblique)
    shown = format_count(n)
    if lang.startswith("ar") and shown in ("1", "2"):
        forms = NOUNS["ar"][noun]
        whole = forms["one"] if shown == "1" else forms[OBLIQUE_TWO if oblique else "two"]
        assert text == whole
    else:
        assert shown in text
        assert text.replace(shown, "", 1).strip()  # and a noun


def test_language_names_in_the_page_language() -> None:
    assert language_name("id", "en") == "Indonesian"
    assert language_name("bug", "en") == "Buginese"
    assert language_name("id", "ar") == "الإندونيسية"
    assert language_name("bug", "ar") == "البجينيزية"
    assert language_name("ar-SA", "en") == "Arabic (Saudi Arabia)"
    assert language_name("en", "ar-SA") == "الإنجليزية"
    assert language_name("qqq", "en") == "qqq"  # no name: the code as written
    assert language_names(["id", "bug"], "ar") == "الإندونيسية، البجينيزية"
    assert language_names(["id", "bug"], "en") == "Indonesian, Buginese"


def test_country_names_in_the_page_language() -> None:
    assert country_name("ID", "en") == "Indonesia"
    assert country_name("ID", "ar") == "إندونيسيا"
    assert country_name("SA", "ar") == "المملكة العربية السعودية"
    assert country_name("QQ", "ar") == "QQ"


def test_persona_languages_on_the_arabic_page_read_right_to_left(workspace: Path) -> None:
    """Each name escaped and isolated on its own: no Latin run spanning the list."""
    result = check_workspace(workspace)
    settings = result.workspace.settings
    ar = Writer(RenderContext(result.index, settings, "ar"))
    en = Writer(RenderContext(result.index, settings, "en"))
    assert ar.languages(["id", "bug"]) == "الإندونيسية، البجينيزية"
    assert en.languages(["id", "bug"]) == "Indonesian, Buginese"
    # A code CLDR does not name stays a code, isolated alone.
    assert ar.languages(["id", "qqq"]) == 'الإندونيسية، <bdi dir="ltr">qqq</bdi>'
    assert ar.country("ID") == "إندونيسيا"
    assert ar.count(16, "step") == '<bdi dir="ltr">16</bdi> خطوة'


def test_dates_in_both_calendars() -> None:
    day = dt.date(2025, 6, 5)
    assert format_date(day, "en") == "5 June 2025 (9 Dhu al-Hijjah 1446 AH)"
    assert format_date(day, "ar") == "5 يونيو 2025 (9 ذو الحجة 1446 هـ)"
    assert format_date(day, "ar-SA") == "5 يونيو 2025 (9 ذو الحجة 1446 هـ)"
    # 1 Muharram 1343 AH is the first day of the Umm al-Qura tables; the day before
    # and anything before 1924 or after 2077 is shown in the Gregorian calendar only.
    assert format_date(dt.date(1924, 8, 1), "en") == "1 August 1924 (1 Muharram 1343 AH)"
    assert format_date(dt.date(1924, 7, 31), "en") == "31 July 1924"
    assert format_date(dt.date(1445, 12, 20), "ar") == "20 ديسمبر 1445"
    assert format_date(dt.date(2100, 1, 1), "en") == "1 January 2100"


def test_text_alternatives_count_grammatically(workspace: Path) -> None:
    result = check_workspace(workspace)
    journey = result.index.entity("journey", "renew-license")
    stages, steps = len(journey.stages), len(journey.steps())
    settings = result.workspace.settings
    ar = journey_map_alt(RenderContext(result.index, settings, "ar"), journey).splitlines()[0]
    en = journey_map_alt(RenderContext(result.index, settings, "en"), journey).splitlines()[0]
    assert ar.endswith(f": {count_text(stages, 'stage', 'ar')}، {count_text(steps, 'step', 'ar')}.")
    assert en.endswith(f": {stages} stage{'s' * (stages != 1)}, {steps} steps.")
    tree = customer_tree_text(RenderContext(result.index, settings, "ar")).splitlines()[0]
    assert tree == "شريحتان وشخصية واحدة."  # the dual, and one; the caption names the tree
