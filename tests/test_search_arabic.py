"""Arabic-aware search: the normaliser's rules, the index it writes, and the site's search box.

The example's own words: «الانتظار» must find the pain «انتظار 70 دقيقة», «الشكوى» the
complaint journey, «عينة» the pages that say «العينة», «نوره» the persona «نورة», and
"waiting" in English the steps that say "wait". Result snippets keep separators between
table cells and show no list markup.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cxdsl.site.build import build_site
from cxdsl.site.search_index import (
    INDEX_FILE,
    index_keys,
    rewrite_index,
    separate,
    with_separators,
)
from cxdsl.site.search_shim import SHIM_PATH
from cxdsl.site.search_text import (
    article_forms,
    fold,
    normalise,
    stem,
    strip_article,
    words,
)

from .conftest import REPO

ARTIFACTS = REPO / "test-artifacts" / "site"

# The normaliser, rule by rule.


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("زِيَارَةٌ", "زياره"),  # tashkeel
        ("انتظـــار", "انتظار"),  # tatweel
        ("أحمد إبراهيم آمنة ٱلحمد", "احمد ابراهيم امنه الحمد"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("نورة", "نوره"),  # taa marbuta
        ("ﻻ ﺍﻟﻌﻴﻨﺔ", "لا العينه"),  # presentation forms (NFKC)
        ("٧٠ ۱۲", "70 12"),  # Arabic-Indic digits
        ("Waiting TIME", "waiting time"),  # lower case
        ("انت\u200cظار", "انتظار"),  # a zero-width non-joiner inside a word
        ("wait\u200btime", "wait time"),  # a zero-width space separates
        ("\u2067نورة\u2069", "نوره"),  # bidi isolates
    ],
)
def test_fold_applies_each_character_rule(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("word", "bare"),
    [
        ("الانتظار", "انتظار"),
        ("والانتظار", "انتظار"),
        ("بالعينه", "عينه"),
        ("فالمستفيد", "مستفيد"),
        ("كالعاده", "عاده"),
        ("للمستفيد", "مستفيد"),
        ("وللمستفيد", "مستفيد"),
        ("وبالخدمه", "خدمه"),
        # One article only: «الالتزام» keeps «التزام» (the index holds the key of both).
        ("الالتزام", "التزام"),
        ("التزام", "تزام"),
        # Two letters must remain; a lone و/ب/ل without the article stays.
        ("الم", "الم"),
        ("وقت", "وقت"),
        ("بيان", "بيان"),
        ("لجنه", "لجنه"),
    ],
)
def test_strip_article_removes_the_article_and_what_is_attached_before_it(
    word: str, bare: str
) -> None:
    assert strip_article(word) == bare


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("عينه", "عين"),
        ("عينات", "عين"),
        ("المستفيدين", "مستفيد"),
        ("مستفيدون", "مستفيد"),
        ("مستندان", "مستند"),
        ("خدماتها", "خدم"),  # ها, then ات
        ("الرئيسيه", "رئيس"),
        ("نوره", "نور"),
        ("شكوي", "شكو"),
        ("انتظار", "انتظار"),
        # One pass: each suffix once, in light10's order (ين is not looked for again
        # after ه is gone); stripping until nothing changed made «معا», «كتر», «ميد», «انس».
        ("معاينه", "معاين"),
        ("الالكترونيه", "الكترون"),
        ("الميدانيه", "ميدان"),
        ("الانسانيه", "انسان"),
        ("معاينات", "معاين"),  # one dual or plural suffix: not «معا»
        ("المستشفيات", "مستشف"),  # ات, then ي
        ("مستشفي", "مستشف"),
        # Three letters must remain after a suffix.
        ("بيان", "بيان"),
        ("مكان", "مكان"),
        # English: plurals, -ing, -ed, a doubled consonant; nothing else.
        ("waiting", "wait"),
        ("waited", "wait"),
        ("waits", "wait"),
        ("complaints", "complaint"),
        ("studies", "study"),
        ("applied", "apply"),
        ("processes", "process"),
        ("planned", "plan"),
        ("submitted", "submit"),
        ("calling", "call"),
        # A silent e: put back after a short stem, dropped after a longer one (Porter).
        ("file", "file"),
        ("filing", "file"),
        ("filed", "file"),
        ("files", "file"),
        ("make", "make"),
        ("making", "make"),
        ("hoping", "hope"),
        ("hopping", "hop"),
        ("issue", "issu"),
        ("issuing", "issu"),
        ("issues", "issu"),
        ("resolve", "resolv"),
        ("resolving", "resolv"),
        ("resolved", "resolv"),
        ("fixing", "fix"),
        ("the", "the"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("process", "process"),
        ("agreed", "agreed"),
        ("need", "need"),
        ("string", "string"),
        ("cx220", "cx220"),
    ],
)
def test_stem_removes_light_suffixes(word: str, key: str) -> None:
    assert stem(word) == key


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("الانتظار", "انتظار 70 دقيقة"),
        ("والانتظار", "وقت الانتظار"),
        ("الشكوى", "تقديم شكوى ومعالجتها"),
        ("عينة", "حجم العينة"),
        ("بالعينة", "العينات"),
        ("نوره", "نورة — مؤسِّسة مقهى"),
        ("الإلكترونية", "البوابة الإلكترونية"),
        ("waiting", "70 minutes wait"),
        ("Complaints", "Filing a complaint"),
        ("file", "Filing and resolving a complaint"),
        ("filing", "File a complaint"),
        ("issue", "Issuing a commercial licence"),
        ("make", "making an appointment"),
        ("resolve", "Filing and resolving a complaint"),
    ],
)
def test_what_is_typed_and_what_is_written_share_a_key(typed: str, written: str) -> None:
    (key,) = normalise(typed).split()
    assert key in normalise(written).split()


@pytest.mark.parametrize(
    "word",
    ["الإلكترونية", "والمستندات", "بالإجراءات", "الانتظار", "تصاريح", "العينات", "Complaints"],
)
def test_a_word_typed_in_part_finds_the_whole_word(word: str) -> None:
    """Search runs while the reader types: the key of every beginning of the word starts
    the word as written or one of the forms the index holds for it (folded, without its
    article, its key); the worker matches each query term as a prefix."""
    whole = fold(word)
    held = (word.lower(), *article_forms(whole), stem(whole))
    for end in range(2, len(word) + 1):
        (key,) = normalise(word[:end]).split()
        assert any(form.startswith(key) for form in held), (word[:end], key)


@pytest.mark.parametrize(
    ("word", "other"),
    [("معاينة", "معالجة"), ("الإلكترونية", "كتب"), ("الميدانية", "ميدالية"), ("file", "fill")],
)
def test_words_that_differ_keep_keys_that_differ(word: str, other: str) -> None:
    """Over-stemming conflated these: «معاينة» as «معا» matched «معالجة»."""
    (key,) = normalise(word).split()
    (other_key,) = normalise(other).split()
    assert not other_key.startswith(key) and not key.startswith(other_key)


@given(st.text())
def test_normalise_never_fails_and_gives_one_key_per_word(text: str) -> None:
    """One pass, so not idempotent («الالتزام» → «التزام» → «تزام»), but settled after a
    few: each pass only shortens."""
    keys = normalise(text).split()
    assert len(keys) == len(words(fold(text)))
    assert fold(fold(text)) == fold(text)
    again = normalise(" ".join(keys)).split()
    assert all(len(b) <= len(a) for a, b in zip(keys, again, strict=True))


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), min_size=1))
def test_an_arabic_key_is_a_non_empty_part_of_its_word(text: str) -> None:
    for word in words(fold(text)):
        key = stem(word)
        assert key and key in word
        assert len(key) >= min(len(word), 2)


# The index: separators and keys.


def _indexed(html: str) -> str:
    """What material's own search parser indexes of ``html`` read with separators."""
    parser = Parser()
    parser.feed(with_separators(html))
    parser.close()
    return separate("".join(parser.data[0].text)).strip()


def test_table_cells_rows_and_line_breaks_keep_separators() -> None:
    table = (
        "<table><thead><tr><th>Step</th><th>Effort</th></tr></thead><tbody>"
        "<tr><td>Visit</td><td>80 minutes active<br>70 minutes waiting</td></tr>"
        "<tr><td>Pay</td><td>—</td></tr></tbody></table>"
    )
    assert _indexed(table) == (
        "Step · Effort | Visit · 80 minutes active · 70 minutes waiting | Pay · —"
    )


def test_lists_become_items_with_separators_and_no_list_markup() -> None:
    alternative = (
        "<p>Map of the journey:</p><ul><li><strong>Stage: Request</strong></li>"
        '<li><ol start="2"><li>Visit the centre; pain: 70 minutes</li></ol></li>'
        "<li><ol><li>Submit</li></ol></li></ul>"
    )
    indexed = _indexed(alternative)
    assert indexed == (
        "<p>Map of the journey:</p>Stage: Request · Visit the centre; pain: 70 minutes · Submit"
    )


def test_text_without_markers_is_left_as_it_is() -> None:
    code = "<pre><code>  a | b\n</code></pre>"
    assert separate(code) == code


def test_index_keys_hold_only_what_the_words_do_not_start_with() -> None:
    assert index_keys("انتظار 70 دقيقة") == "دقيقه"  # «دقيق» starts «دقيقة» already
    assert index_keys("وقت الانتظار") == "انتظار"
    assert index_keys("العينة") == "العينه عينه عين"
    assert index_keys("نورة، نورة") == "نوره"
    assert index_keys("waiting wait") == ""  # "wait" starts "waiting"
    assert index_keys("studies") == "study"
    assert index_keys("Filing") == "file"
    # One article per pass: «الالتزام» holds the key of «التزام» too, what «التزام» is typed as.
    assert index_keys("الالتزام") == "التزام تزام"


def test_rewrite_index_adds_the_key_fields_once() -> None:
    data = {
        "config": {"separator": r"[\s\-]+", "fields": {"title": {"boost": 5.0}}},
        "docs": [
            {"location": "p/", "title": "العينة", "text": "أ\ue000ب\ue001ج"},
            {"location": "q/", "title": "wait", "text": ""},
        ],
    }
    once = rewrite_index(data)
    fields = once["config"]["fields"]
    assert fields["cxdsl_title"] == {"boost": 5.0}
    assert fields["cxdsl_text"] == {"boost": 1.0}
    assert once["docs"][0] == {
        "location": "p/",
        "title": "العينة",
        "text": "أ · ب | ج",
        "cxdsl_title": "العينه عينه عين",
        "cxdsl_text": "ا",  # «أ» starts with no key: its own fold is «ا»
    }
    assert "cxdsl_title" not in once["docs"][1]
    assert rewrite_index(json.loads(json.dumps(once))) == once


# The built example site.


def test_the_built_index_holds_keys_and_the_pages_load_the_shim(example_site: Path) -> None:
    for lang in ("ar", "en"):
        index = json.loads((example_site / lang / INDEX_FILE).read_text(encoding="utf-8"))
        assert index["config"]["pipeline"] == ["trimmer"]
        assert {"cxdsl_title", "cxdsl_text"} <= set(index["config"]["fields"])
        text = json.dumps(index, ensure_ascii=False)
        assert "\ue000" not in text and "\ue001" not in text
        assert "<li>" not in text and "<ol>" not in text
        assert (example_site / lang / SHIM_PATH).is_file()
        assert 'src="../assets/javascripts/cxdsl-search.js"' in (
            example_site / lang / "journeys" / "index.html"
        ).read_text(encoding="utf-8")
    persona = next(
        d
        for d in json.loads((example_site / "ar" / INDEX_FILE).read_text(encoding="utf-8"))["docs"]
        if d["location"] == "personas/noura-cafe-founder/"
    )
    assert "نوره" in persona["cxdsl_title"].split()


def test_untrusted_build_has_the_shim_and_the_keys(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "tests" / "fixtures" / "base", ws)
    report, _warnings = build_site(ws, tmp_path / "site", no_python=True)
    assert report.built
    for lang in ("ar", "en"):
        assert (tmp_path / "site" / lang / SHIM_PATH).is_file()
        index = json.loads((tmp_path / "site" / lang / INDEX_FILE).read_text(encoding="utf-8"))
        assert any("cxdsl_text" in doc for doc in index["docs"])


def _type(page: Page, query: str) -> None:
    """Type ``query`` into the search box. Playwright types Arabic as text input without
    key events, and material reads the box on keyup: End sends one (the caret is at the
    end already)."""
    page.fill(".md-search__input", "")
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("End")


def _search(page: Page, query: str, expected: str, highlight: str | None = None) -> str:
    """Type ``query``; wait for a result linking to ``expected`` (with ``?h=highlight``
    when given: then the result is the whole query's, not that of a word typed in part);
    the results' text back."""
    _type(page, query)
    target = f"{expected}?{urlencode({'h': highlight})}" if highlight else expected
    link = f'.md-search-result__item a[href*="{target}"]'
    try:
        page.wait_for_selector(link, state="attached", timeout=15_000)
    except PlaywrightTimeout:
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))"
        )
        raise AssertionError(f"{query!r}: no result links to {expected}: {hrefs}") from None
    return str(page.text_content(".md-search-result"))


def test_arabic_queries_find_the_right_pages(browser: Browser, example_server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{example_server}/ar/")
    page.wait_for_load_state("networkidle")

    results = _search(page, "الانتظار", "/ar/journeys/renew-building-permit/")
    assert "انتظار 70 دقيقة" in results  # the pain, written without the article
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.arabic.png"))
    _search(page, "الشكوى", "/ar/journeys/file-complaint/", highlight="الشكوى شكو")
    _search(page, "عينة", "/ar/catalog/evidence/", highlight="عينة عين")  # «حجم العينة»
    results = _search(page, "نوره", "/ar/personas/noura-cafe-founder/")
    # The persona's table, cell by cell; no list markup from text alternatives.
    assert "الاسم المختصر · نورة" in results
    assert page.locator(".md-search-result__teaser :is(ol, ul, li)").count() == 0
    assert errors == []
    page.close()


def test_a_word_not_on_the_site_finds_nothing(browser: Browser, example_server: str) -> None:
    """«معاينة» (inspection) is on no page; stemmed to «معا» it found 20."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{example_server}/ar/")
    page.wait_for_load_state("networkidle")
    none = page.evaluate(
        "JSON.parse(document.querySelector('#__config').textContent)"
        ".translations['search.result.none']"
    )
    _type(page, "معاينة")
    # «معاين», typed on the way, has the same key: "none" is the whole word's answer.
    page.wait_for_function(
        "none => document.querySelector('.md-search-result__meta').textContent.trim() === none",
        arg=none,
        timeout=15_000,
    )
    assert page.locator(".md-search-result__item").count() == 0
    page.close()


def test_the_highlight_looks_for_the_words_typed(browser: Browser, example_server: str) -> None:
    """A result's link carries what the reader typed and the key that matched: Maria's
    page marks «الشكوى» whole where it is written so, and «شكو» inside «شكوى»."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{example_server}/ar/")
    page.wait_for_load_state("networkidle")
    expected = "/ar/personas/maria-resident/"
    _search(page, "الشكوى", expected, highlight="الشكوى شكو")
    href = page.get_attribute(f'.md-search-result__item a[href*="{expected}?"]', "href")
    page.goto(str(href))
    page.wait_for_selector("mark[data-md-highlight]", state="attached", timeout=15_000)
    marks = page.eval_on_selector_all(
        "mark[data-md-highlight]", "els => els.map(e => e.textContent)"
    )
    assert "الشكوى" in marks and "شكو" in marks
    page.close()


def test_english_queries_are_stemmed(browser: Browser, example_server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{example_server}/en/")
    page.wait_for_load_state("networkidle")
    results = _search(page, "waiting", "/en/journeys/file-complaint/")  # "… wait …"
    assert "/en/journeys/renew-building-permit/" in str(
        page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    )
    assert " · " in results
    # A silent e: "file" finds "Filing and resolving a complaint", "resolve" "resolving".
    _search(page, "file", "/en/journeys/file-complaint/", highlight="file")
    _search(page, "resolve", "/en/journeys/file-complaint/", highlight="resolve resolv")
    page.close()


def test_the_shim_normalises_like_the_index(
    browser: Browser, example_server: str, example_site: Path
) -> None:
    """The page's normaliser (JavaScript) and cxdsl's (Python) agree on every word of the
    example's index and on hand examples; the query keeps lunr's syntax."""
    samples = {
        "زِيَارَةٌ",
        "انتظـــار",
        "ﻻ ﺍﻟﻌﻴﻨﺔ",
        "٧٠",
        "wait\u200btime",
        "Submitted PLANNING studies",
        "filing making issues resolving hopping معاينات المستشفيات الالتزام",
    }
    for lang in ("ar", "en"):
        index = json.loads((example_site / lang / INDEX_FILE).read_text(encoding="utf-8"))
        for doc in index["docs"]:
            samples.update(f"{doc['title']} {doc['text']}".split())
    page = browser.new_page()
    page.goto(f"{example_server}/ar/")
    page.wait_for_load_state("networkidle")
    ordered = sorted(samples)
    in_page = page.evaluate("xs => xs.map(x => window.cxdslSearch.normalise(x))", ordered)
    mismatches = [(s, js) for s, js in zip(ordered, in_page, strict=True) if js != normalise(s)]
    assert mismatches == []
    query = page.evaluate(
        "q => window.cxdslSearch.query(q)",
        '+الانتظار -نورة "رفع المستندات" title:Waiting~1 ال',
    )
    assert query == '+انتظار -نور "رفع مستند" title:wait~1 ال'
    page.close()
