"""The query shim: what the reader types becomes the search keys the index holds.

material's page sends each query to its search worker as ``{type: 2, data: "…"}``
(``SearchMessageType.QUERY``). The shim, a script the cxdsl plugin adds to every page
(``extra_javascript``; it runs after material's bundle, before any query), wraps
``Worker.prototype.postMessage`` and rewrites the text of that one message: each term,
its ``+``/``-``/``"`` and ``~``/``^``/``*`` syntax kept, becomes the keys of
:func:`cxdsl.site.search_text.normalise`. Its rule tables come from
:func:`cxdsl.site.search_text.script_rules`; the code mirrors that module line for line
(a browser test compares the two on the example's words). Where anything fails, the query
goes to the worker as typed.

It is a script file and not a theme template, so it needs no ``custom_dir`` and runs in
untrusted mode too (``cxdsl build --no-python``); it is kept here as a Python string so
that it ships in the package with the module whose rules it mirrors.
"""

from __future__ import annotations

import json

from .search_text import script_rules

SHIM_PATH = "assets/javascripts/cxdsl-search.js"
#: material's ``SearchMessageType.QUERY`` (mkdocs-material 9).
QUERY_MESSAGE = 2

_SCRIPT = r"""/* cxdsl: search queries as search keys (see cxdsl/site/search_shim.py). */
(function () {
  "use strict";
  var R = __RULES__;
  var MARKS = new RegExp(R.marks, "gu");
  var FORMAT = /\p{Cf}/gu;
  var WORD = /[\p{L}\p{N}_]+/gu;
  var ENGLISH = /^[a-z]+$/;
  var VOWEL = /[aeiouy]/;
  var TERM = /^([+\-"]*)((?:title|text|tags):)?([\s\S]*?)((?:[~^]\d*|[*"])*)$/;
  var own = Object.prototype.hasOwnProperty;

  function size(s) { return Array.from(s).length; }
  function ends(s, list) {
    for (var i = 0; i < list.length; i++) if (s.slice(-list[i].length) === list[i]) return true;
    return false;
  }

  function fold(text) {
    text = text.normalize("NFKC").toLowerCase();
    text = text.replace(FORMAT, function (c) { return c === "\u200b" ? " " : ""; });
    text = Array.from(text.replace(MARKS, ""), function (c) {
      return own.call(R.letters, c) ? R.letters[c] : c;
    }).join("");
    return text.normalize("NFKC");
  }

  function words(text) { return text.match(WORD) || []; }

  function stripArticle(word) {
    for (;;) {
      var found = false;
      for (var i = 0; i < R.articles.length; i++) {
        var a = R.articles[i];
        if (word.indexOf(a) === 0 && size(word) - size(a) >= R.articleRest) {
          word = word.slice(a.length);
          found = true;
          break;
        }
      }
      if (!found) return word;
    }
  }

  function suffixStep(word) {
    for (var i = 0; i < R.suffixes.length; i++) {
      var s = R.suffixes[i];
      if (ends(word, [s]) && size(word) - size(s) >= R.suffixRest) return word.slice(0, -s.length);
    }
    return word;
  }

  function undouble(base) {
    var last = base.slice(-1);
    if (base.length >= 4 && last === base.slice(-2, -1) && "aeiouylsz".indexOf(last) < 0)
      return base.slice(0, -1);
    return base;
  }

  function englishStep(word) {
    if (word.length > 4 && ends(word, ["ies", "ied"])) return word.slice(0, -3) + "y";
    var sibilant = ["s", "x", "z", "ch", "sh"];
    if (word.length > 4 && ends(word, ["es"]) && ends(word.slice(0, -2), sibilant))
      return word.slice(0, -2);
    if (word.length > 3 && ends(word, ["s"]) && !ends(word, ["ss", "us", "is"]))
      return word.slice(0, -1);
    var endings = ["ing", "ed"];
    for (var i = 0; i < endings.length; i++) {
      var base = word.slice(0, -endings[i].length);
      if (ends(word, [endings[i]]) && !ends(word, ["eed"]) &&
          base.length >= R.englishRest && VOWEL.test(base))
        return undouble(base);
    }
    return word;
  }

  function stem(word) {
    word = stripArticle(word);
    for (;;) {
      var shorter = ENGLISH.test(word) ? englishStep(word) : suffixStep(word);
      if (shorter === word) return word;
      word = shorter;
    }
  }

  function normalise(text) { return words(fold(text)).map(stem).join(" "); }

  function term(part) {
    var m = TERM.exec(part);
    var keys = m && m[3] ? words(fold(m[3])).map(stem) : [];
    if (!keys.length) return part;
    return keys.map(function (k) { return m[1] + (m[2] || "") + k + m[4]; }).join(" ");
  }

  function query(value) {
    try {
      return value.split(/(\s+)/).map(function (p) { return /\S/.test(p) ? term(p) : p; }).join("");
    } catch (e) {
      return value;
    }
  }

  window.cxdslSearch = {
    fold: fold, words: words, stripArticle: stripArticle, stem: stem,
    normalise: normalise, query: query
  };
  var W = window.Worker;
  if (!W || !W.prototype || typeof W.prototype.postMessage !== "function") return;
  var post = W.prototype.postMessage;
  W.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === R.queryMessage && typeof message.data === "string")
      args[0] = { type: message.type, data: query(message.data) };
    return post.apply(this, args);
  };
})();
"""


def shim_script() -> str:
    """The shim's JavaScript, with the rule tables of :mod:`cxdsl.site.search_text`."""
    rules = {**script_rules(), "queryMessage": QUERY_MESSAGE}
    return _SCRIPT.replace("__RULES__", json.dumps(rules, ensure_ascii=True, sort_keys=True))
