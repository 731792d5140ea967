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

The results come back with the keys as their terms, which material shows as "missing"
words and puts in each result's link (``?h=``) for the page to highlight. The shim renames
them to the word the reader typed, then the key that matched (``?h=الشكوى+شكو``), where
material reads a worker's message (``MessageEvent``'s ``data`` getter: material listens
to the worker before the shim runs). The page then highlights «الشكوى» where it is
written so and at least the key «شكو» inside «شكوى»; "missing" shows what was typed.

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
#: material's ``SearchMessageType.RESULT``.
RESULT_MESSAGE = 3

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
    for (var i = 0; i < R.articles.length; i++) {
      var a = R.articles[i];
      if (word.indexOf(a) === 0 && size(word) - size(a) >= R.articleRest)
        return word.slice(a.length);
    }
    return word;
  }

  function shape(word) {
    var out = "";
    for (var i = 0; i < word.length; i++) {
      var c = word[i];
      out += "aeiou".indexOf(c) >= 0 || (c === "y" && out.slice(-1) === "c") ? "v" : "c";
    }
    return out;
  }
  function measure(word) { return shape(word).split("vc").length - 1; }
  function short(word) { return ends(shape(word), ["cvc"]) && "wxy".indexOf(word.slice(-1)) < 0; }
  function doubled(base) {
    var last = base.slice(-1);
    return base.length >= 4 && last === base.slice(-2, -1) && "aeiouylsz".indexOf(last) < 0;
  }

  function englishPlural(word) {
    if (word.length > 4 && ends(word, ["ies"])) return word.slice(0, -3) + "y";
    var sibilant = ["s", "x", "z", "ch", "sh"];
    if (word.length > 4 && ends(word, ["es"]) && ends(word.slice(0, -2), sibilant))
      return word.slice(0, -2);
    if (word.length > 3 && ends(word, ["s"]) && !ends(word, ["ss", "us", "is"]))
      return word.slice(0, -1);
    return word;
  }

  function englishEnding(word) {
    if (word.length > 4 && ends(word, ["ied"])) return word.slice(0, -3) + "y";
    var endings = ["ing", "ed"];
    for (var i = 0; i < endings.length; i++) {
      var base = word.slice(0, -endings[i].length);
      if (ends(word, [endings[i]]) && !ends(word, ["eed"]) &&
          base.length >= R.englishRest && VOWEL.test(base)) {
        if (doubled(base)) return base.slice(0, -1);
        return measure(base) === 1 && short(base) ? base + "e" : base;
      }
    }
    return word;
  }

  function silentE(word) {
    var base = word.slice(0, -1);
    if (!ends(word, ["e"]) || base.length < R.englishRest) return word;
    var m = measure(base);
    return m > 1 || (m === 1 && !short(base)) ? base : word;
  }

  function stem(word) {
    if (ENGLISH.test(word)) return silentE(englishEnding(englishPlural(word)));
    word = stripArticle(word);
    var number = false;
    for (var i = 0; i < R.suffixes.length; i++) {
      var s = R.suffixes[i], plural = R.numberSuffixes.indexOf(s) >= 0;
      if (number && plural) continue;
      if (ends(word, [s]) && size(word) - size(s) >= R.suffixRest) {
        word = word.slice(0, -s.length);
        number = plural;
      }
    }
    return word;
  }

  function normalise(text) { return words(fold(text)).map(stem).join(" "); }

  var typed = {};  // each key of the last query, with the word the reader typed for it

  function term(part) {
    var m = TERM.exec(part);
    var keys = m && m[3] ? words(fold(m[3])).map(stem) : [];
    if (!keys.length) return part;
    keys.forEach(function (k) { if (!own.call(typed, k)) typed[k] = m[3]; });
    return keys.map(function (k) { return m[1] + (m[2] || "") + k + m[4]; }).join(" ");
  }

  function query(value) {
    typed = {};
    try {
      return value.split(/(\s+)/).map(function (p) { return /\S/.test(p) ? term(p) : p; }).join("");
    } catch (e) {
      return value;
    }
  }

  // A result's terms: the words typed (what "missing" shows and the highlight looks for
  // first), then the keys that matched (the highlight finds a word written otherwise).
  function readable(found) {
    var out = {};
    Object.keys(found).forEach(function (k) {
      var word = own.call(typed, k) ? typed[k] : k;
      if (found[k]) { out[word] = true; out[k] = true; }
      else if (!own.call(out, word)) out[word] = false;
    });
    return out;
  }

  function rewriteResults(data) {
    try {
      if (!data || data.type !== R.resultMessage || !data.data) return;
      (data.data.items || []).forEach(function (group) {
        group.forEach(function (item) {
          if (item && item.terms) item.terms = readable(item.terms);
        });
      });
    } catch (e) { /* the results as the worker sent them */ }
  }

  window.cxdslSearch = {
    fold: fold, words: words, stripArticle: stripArticle, stem: stem,
    normalise: normalise, query: query, readable: readable
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
  // material listens to the worker before this script runs; it reads each message's
  // data when it arrives, through MessageEvent's getter: for a worker's results, the
  // getter renames their terms first (once per message).
  var M = window.MessageEvent;
  var data = M && Object.getOwnPropertyDescriptor(M.prototype, "data");
  if (!data || !data.get || !data.configurable || typeof WeakSet !== "function") return;
  var seen = new WeakSet();
  Object.defineProperty(M.prototype, "data", {
    configurable: true,
    enumerable: data.enumerable,
    get: function () {
      var value = data.get.call(this);
      if (this.target instanceof W && value && typeof value === "object" && !seen.has(value)) {
        seen.add(value);
        rewriteResults(value);
      }
      return value;
    }
  });
})();
"""


def shim_script() -> str:
    """The shim's JavaScript, with the rule tables of :mod:`cxdsl.site.search_text`."""
    rules = {**script_rules(), "queryMessage": QUERY_MESSAGE, "resultMessage": RESULT_MESSAGE}
    return _SCRIPT.replace("__RULES__", json.dumps(rules, ensure_ascii=True, sort_keys=True))
