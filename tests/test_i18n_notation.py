"""Notation helpers in each language: none said in words in summary lines, a currency
as the locale writes it next to an amount."""

from __future__ import annotations

import pytest

from cxdsl.i18n import count_text
from cxdsl.i18n.notation import count_or_none, signed
from cxdsl.i18n.units import currency_symbol, money


@pytest.mark.parametrize(
    ("noun", "lang", "expected"),
    [
        ("error", "en", "no errors"),
        ("error", "ar", "لا أخطاء"),
        ("warning", "ar", "لا تحذيرات"),
        ("visit", "ar", "لا زيارات"),
        ("high_pain", "en", "no high-severity pain points"),
        ("painful_unmeasured", "ar", "لا خطوات مؤلمة بلا قياس"),
        ("error", "fr", "no errors"),  # not translated: English, as count_text does
    ],
)
def test_none_in_words(noun: str, lang: str, expected: str) -> None:
    assert count_or_none(0, noun, lang) == expected


def test_other_counts_and_nouns_without_a_phrase_count_as_usual() -> None:
    assert count_or_none(2, "error", "ar") == "خطآن" == count_text(2, "error", "ar")
    assert count_or_none(1, "error", "en") == "1 error"
    assert count_or_none(0, "step", "ar") == "0 خطوة"  # no phrase: counted


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [("SAR", "ar", "ر.س."), ("SAR", "en", "SAR"), ("EUR", "ar", "€"), ("XYZ", "ar", "XYZ")],
)
def test_a_currency_as_the_locale_writes_it(code: str, lang: str, expected: str) -> None:
    assert currency_symbol(code, lang) == expected


def test_the_symbol_is_the_one_money_writes() -> None:
    assert money(1500, "SAR", "ar") == "1,500 ر.س."
    assert currency_symbol("SAR", "ar") in money(1500, "SAR", "ar")
    assert "\u200f" not in currency_symbol("SAR", "ar")  # CLDR's mark dropped


def test_zero_has_no_sign() -> None:
    assert [signed(v) for v in (1, 0, -2, 0.5, 1500)] == ["+1", "0", "-2", "+0.5", "+1,500"]
