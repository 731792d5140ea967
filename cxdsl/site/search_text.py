"""Search keys: one normalisation and light stemming for the search index and the query.

A reader types «الانتظار» and the page says «انتظار 70 دقيقة»; she types «نوره» and the
persona is «نورة»; she types "waiting" and the step says "wait". Both sides are reduced
to the same key: :func:`normalise` here for the index (:mod:`cxdsl.site.search_index`),
and the same rules in the page's query shim (:mod:`cxdsl.site.search_shim`, which takes
its tables from :func:`script_rules`, so the two cannot drift apart in their data).

Why cxdsl does this itself instead of turning on the stemmers of material's search
(lunr-languages, ``search: lang: [ar, en]`` with ``pipeline: [stemmer]``): material
appends a wildcard to every query term ("انتظار*"), and lunr runs no pipeline on a
wildcard term, so the stemmer only ever sees the index. Measured on the example site,
stemming the index alone turns «الانتظار», «الشكوى», «عينة» and "complaints" into zero
results (the index holds roots such as «نظر», the query does not). lunr-languages'
Arabic stemmer also maps every word to a three-letter root, which conflates far more than
a reader expects, and folds «ى» into «ا» rather than «ي». Keys that the index and the
query share, matched as prefixes, keep partial typing working too.

The rules, in order:

1. :func:`fold` (characters): Unicode NFKC (Arabic presentation forms, ligatures), lower
   case, invisible format characters removed (a zero-width space becomes a space),
   Arabic diacritics (tashkeel, Quranic marks) and tatweel removed, «أ إ آ ٱ» → «ا»,
   «ى» → «ي», «ة» → «ه», Persian «ی ک» → «ي ك», Arabic-Indic digits → 0-9.
2. :func:`stem` (a folded word), in one pass in the manner of light10 (Larkey,
   Ballesteros & Connell): at most one article «ال», also with «و ب ك ف» before it and
   «لل», when two letters or more remain; then the suffixes «ها ان ات ون ين يه ه ي» in
   that order, each at most once, when three letters or more remain (ة is already folded
   into ه), and only one of the dual and plural «ان ات ون ين» («معاينات» → «معاين», not
   «معا»). Stripping until nothing changed took «معاينة» to «معا» and «الإلكترونية» to
   «كتر»; one pass keeps «معاين» and «الكترون». A lone «و ب ل ف ك» without the article
   is kept: too many words begin with those letters. English words, in the manner of
   Porter's step 1 and step 5a: a plural (-s, -es after s/x/z/ch/sh, -ies → -y), then
   -ing/-ed (-ied → -y) with a doubled final consonant undone ("planned" → "plan") or a
   silent e put back after a short stem ("filing" → "file"), then a silent final e
   dropped after a longer stem ("resolve" and "resolving" → "resolv", "issue" → "issu");
   nothing else. One pass is not idempotent («الالتزام» → «التزام» → «تزام»): the index
   holds the key of each of a word's :func:`article_forms`.
"""

from __future__ import annotations

import re
import unicodedata

#: Arabic diacritics, Quranic annotation signs and tatweel (removed).
MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08e1\u08e3-\u08ff\u0640]"
#: Letters written in more than one way (after NFKC).
LETTERS = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى
    "\u0629": "\u0647",  # ة
    "\u06cc": "\u064a",  # Persian yeh
    "\u06a9": "\u0643",  # Persian kaf
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic digits
}
#: The article with what may be written before it, longest first.
ARTICLES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
#: Light suffixes (ة is folded into ه first), longest first.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
#: The dual and plural suffixes: a word carries one of them at most.
NUMBER_SUFFIXES = ("ان", "ات", "ون", "ين")
ARTICLE_REST = 2  # letters that must remain after an article
SUFFIX_REST = 3  # letters that must remain after a suffix
ENGLISH_REST = 3  # letters that must remain after -ing or -ed
ZERO_WIDTH_SPACE = "\u200b"

_MARKS = re.compile(MARKS)
_LETTERS = str.maketrans(LETTERS)
_WORD = re.compile(r"\w+")
_ENGLISH = re.compile(r"[a-z]+")
_VOWEL = re.compile(r"[aeiouy]")


def fold(text: str) -> str:
    """``text`` with the character rules applied (idempotent: ``fold(fold(t)) == fold(t)``)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(
        " " if c == ZERO_WIDTH_SPACE else c
        for c in text
        if c == ZERO_WIDTH_SPACE or unicodedata.category(c) != "Cf"
    )
    return unicodedata.normalize("NFKC", _MARKS.sub("", text).translate(_LETTERS))


def words(text: str) -> list[str]:
    """The words of folded text: runs of letters, digits and underscores."""
    return _WORD.findall(text)


def article_forms(word: str) -> list[str]:
    """A folded word, then the same without its article (and what is written before it),
    if it has one: «والانتظار», «انتظار»; «الالكترونيه», «الكترونيه» (one article only)."""
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= ARTICLE_REST:
            return [word, word[len(article) :]]
    return [word]


def strip_article(word: str) -> str:
    """A folded word without its article: the last of :func:`article_forms`."""
    return article_forms(word)[-1]


def stem(word: str) -> str:
    """The search key of one folded word, in one pass: its article, then each light
    suffix at most once (Arabic), or a plural, -ing/-ed and a silent e (English). The key
    of a word typed in part starts one of the whole word's :func:`article_forms` or its
    key (the index holds them all)."""
    if _ENGLISH.fullmatch(word):
        return _english_stem(word)
    word, number = strip_article(word), False
    for suffix in SUFFIXES:
        if number and suffix in NUMBER_SUFFIXES:
            continue
        if word.endswith(suffix) and len(word) - len(suffix) >= SUFFIX_REST:
            word, number = word[: -len(suffix)], suffix in NUMBER_SUFFIXES
    return word


def normalise(text: str) -> str:
    """Any text as search keys separated by spaces, one per word."""
    return " ".join(stem(w) for w in words(fold(text)))


def script_rules() -> dict[str, object]:
    """The rule tables for the query shim in the browser (the same as :func:`normalise`)."""
    return {
        "marks": MARKS,
        "letters": LETTERS,
        "articles": list(ARTICLES),
        "suffixes": list(SUFFIXES),
        "numberSuffixes": list(NUMBER_SUFFIXES),
        "articleRest": ARTICLE_REST,
        "suffixRest": SUFFIX_REST,
        "englishRest": ENGLISH_REST,
    }


def _english_stem(word: str) -> str:
    return _silent_e(_english_ending(_english_plural(word)))


def _english_plural(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _english_ending(word: str) -> str:
    if len(word) > 4 and word.endswith("ied"):
        return word[:-3] + "y"
    for ending in ("ing", "ed"):
        base = word[: -len(ending)]
        if word.endswith(ending) and not word.endswith("eed") and _stem_like(base):
            if _doubled(base):
                return base[:-1]
            return base + "e" if _measure(base) == 1 and _short(base) else base
    return word


def _silent_e(word: str) -> str:
    """ "resolve" → "resolv", "issue" → "issu"; "file" and "make" keep theirs (Porter 5a)."""
    base = word[:-1]
    if not word.endswith("e") or len(base) < ENGLISH_REST:
        return word
    measure = _measure(base)
    return base if measure > 1 or (measure == 1 and not _short(base)) else word


def _stem_like(base: str) -> bool:
    return len(base) >= ENGLISH_REST and _VOWEL.search(base) is not None


def _doubled(base: str) -> bool:
    """ "plann", "submitt"; not "call", "miss" or "buzz"."""
    last = base[-1]
    return len(base) >= 4 and last == base[-2] and last not in "aeiouylsz"


def _shape(word: str) -> str:
    """ "v" for each vowel of ``word``, "c" for each consonant (y after a consonant is a vowel)."""
    shape = ""
    for c in word:
        vowel = c in "aeiou" or (c == "y" and shape[-1:] == "c")
        shape += "v" if vowel else "c"
    return shape


def _measure(word: str) -> int:
    """Porter's m: how many vowel-consonant sequences ``word`` has ("fil" 1, "resolv" 2)."""
    return _shape(word).count("vc")


def _short(word: str) -> bool:
    """Porter's *o: ends consonant-vowel-consonant, the last not w, x or y ("fil", "mak")."""
    return _shape(word).endswith("cvc") and word[-1] not in "wxy"
