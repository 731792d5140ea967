"""cxdsl diff Markdown: model text is text in the pull-request comment, never markup.

The comment is parsed back with markdown-it-py in its GFM-like mode (tables,
strikethrough, bare-URL autolinks through linkify) with raw HTML allowed, as GitHub does.
GitHub also links @mentions, #refs and URLs in the rendered text after Markdown, where a
backslash no longer counts (github/cmark-gfm#181): the tests check that an empty comment
splits each of them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.emit.diff_markdown import _code, escape_text, mermaid_journey, mermaid_text, visible_text
from cxdsl.model import Journey
from cxdsl.render.context import RenderContext

from .conftest import make_workspace

GFM = MarkdownIt("gfm-like", {"html": True})
SPLIT = "<!-- -->"

PAYLOADS = [
    "<img src=https://evil.example/track.png>",
    "**All checks passed ✅**",
    "@someone and @org/team",
    "## Approved",
    "[click here](https://evil.example/login)",
    "![x](https://evil.example/pixel.gif)",
    "fixes #123 and GH-45 and owner/repo#6",
    "www.evil.example and https://evil.example and someone@evil.example",
    "abc\u202efdp.exe",
    "`code` ``double`` <script>alert(1)</script> &lt;b&gt; &amp;",
    "~~struck~~ | a | b |\n\n---\n\n# new heading\n- item\n> quote",
    "line one  \nline two\\",
]

# Characters that start or end markup somewhere in CommonMark, GFM or on GitHub.
tricky = st.sampled_from(
    [
        *"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        "\n",
        "\r",
        "\t",
        "\0",
        " ",
        "  ",
        "\u202e",
        "\u2066",
        "\u2069",
        "\u200f",
        "\u2028",
        "\x85",
        "\ufeff",
        "://",
        "www.",
        "GH-1",
        "@a",
        "#1",
        "&amp;",
        "&#64;",
        "<!--",
        "-->",
        "<a href=x>",
        "http://a.b",
        "x.co",
        "1. ",
        "* ",
        "```",
        "~~~",
        "    ",
        "|",
        "\\*",
        "ع",
        "é",
        "✅",
    ]
)
texts = st.lists(st.one_of(tricky, st.text(max_size=4)), max_size=14).map("".join)


def _inline_children(tokens: list[Token]) -> list[Token]:
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, [t.type for t in tokens]
    return inline[0].children or []


def _only_text(children: list[Token]) -> str:
    """The text of an inline run that holds nothing but text and empty comments."""
    kinds = {(c.type, c.content) for c in children if c.type != "text"}
    assert kinds <= {("html_inline", SPLIT)}, kinds
    return "".join(c.content for c in children if c.type == "text")


def _github_post_processing_is_broken_up(html: str) -> None:
    """What GitHub links after rendering (mentions, refs, URLs) never survives in one piece."""
    assert not re.search(rf"@(?!{SPLIT})", html), html
    assert not re.search(rf"#(?!{SPLIT})", html), html
    assert not re.search(r"://|www\.|gh-\d", html, re.IGNORECASE), html
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= {"ul", "li", "p", "h4", "code"}, tags


@settings(max_examples=400, deadline=None)
@given(texts)
@example("".join(PAYLOADS))
@example("\\")
@example("a  ")
def test_escaped_text_in_a_change_line_is_exactly_the_text(text: str) -> None:
    line = f"- x {escape_text(text)} y"
    children = _inline_children(GFM.parse(line))
    assert _only_text(children) == f"x {visible_text(text)} y"
    _github_post_processing_is_broken_up(GFM.render(line))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_escaped_text_in_a_heading_is_exactly_the_text(text: str) -> None:
    line = f"#### `journey-id` — {escape_text(text)}"
    tokens = GFM.parse(line)
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    children = _inline_children(tokens)
    assert children[0].type == "code_inline" and children[0].content == "journey-id"
    assert _only_text(children[1:]) == f" — {visible_text(text)}".rstrip(" \t")
    _github_post_processing_is_broken_up(GFM.render(line))


@settings(max_examples=200, deadline=None)
@given(st.one_of(texts, st.from_regex(r"[\w.\-\[\] ]+", fullmatch=True)))
def test_ids_paths_and_values_are_a_code_span_of_the_text_or_escaped_text(text: str) -> None:
    line = f"- x {_code(text)} y"
    children = _inline_children(GFM.parse(line))
    code = [c for c in children if c.type == "code_inline"]
    if code:
        assert [c.type for c in children] == ["text", "code_inline", "text"]
        assert code[0].content == text
    else:
        assert _only_text(children) == f"x {visible_text(text)} y"
        _github_post_processing_is_broken_up(GFM.render(line))


def test_visible_text_shows_bidi_controls_and_keeps_one_line() -> None:
    assert visible_text("abc\u202efdp.exe") == "abc[U+202E]fdp.exe"
    assert visible_text("a\u2066b\u2069") == "a[U+2066]b[U+2069]"
    assert visible_text("one\ntwo\r\tthree") == "one two  three"
    assert visible_text("nul\0") == "nul[U+0000]"
    assert visible_text("عربي\u200f") == "عربي\u200f"  # marks used in Arabic text stay


def test_a_mention_is_split_by_a_comment_not_hidden_by_invisible_characters() -> None:
    escaped = escape_text("@someone")
    assert escaped == "\\@<!-- -->someone"
    assert "\u200b" not in escaped and "\u200d" not in escaped


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans(), st.booleans())
def test_mermaid_labels_stay_inert(text: str, task: bool, actor: bool) -> None:
    label = mermaid_text(text, task=task, actor=actor)
    assert label and label == label.strip()
    assert not set(label) & set('#:;%{}<>&"`\\=\n\r\t\0[]|*_~^$@')
    assert all(
        ch == " "
        or not (
            ord(ch) < 32
            or "\u2028" <= ch <= "\u2029"
            or "\u202a" <= ch <= "\u202e"
            or "\u2066" <= ch <= "\u2069"
        )
        for ch in label
    )
    if task:
        assert not re.match(r"(?i)journey|title\s|section\s|acc(?:title|descr)", label)
    if actor:
        assert "," not in label


# --- the whole comment, from a real diff ----------------------------------------------


def git(ws: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=cx@example.gov", "-c", "user.name=CX", *args],
        cwd=ws,
        check=True,
        capture_output=True,
    )


def _tokens(tokens: list[Token]) -> list[Token]:
    out = []
    for token in tokens:
        out.append(token)
        out += _tokens(token.children or [])
    return out


def test_payloads_in_a_changed_title_and_life_event_stay_text(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    path = ws / "journeys" / "renew-license.yaml"
    docs: list[dict[str, Any]] = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    payload = " ".join(PAYLOADS)
    docs[0]["title"] = {"ar": payload, "en": payload}
    docs[0]["life_event"] = payload
    docs[0]["stages"][0]["title"] = {
        "ar": "%%{init: {'securityLevel': 'loose'}}%%\n```\nclick sign-in call alert(1)",
        "en": "x",
    }
    docs[0]["stages"][0]["steps"].append(
        {
            "id": "evil",
            "title": {"ar": "title <b>bold</b>: 5: me\n## out", "en": "x"},
            "channel": "portal",
        }
    )
    path.write_text(yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(ws, "commit", "-qam", "payloads")
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--path", str(ws)])
    assert result.exit_code == 0, result.output
    comment = result.output
    assert "\u202e" not in comment

    tokens = _tokens(GFM.parse(comment))
    kinds = {t.type for t in tokens}
    assert not kinds & {
        "image",
        "link_open",
        "s_open",
        "table_open",
        "blockquote_open",
        "hr",
        "code_block",
    }, kinds
    assert {t.content for t in tokens if t.type == "html_inline"} <= {SPLIT}
    html_blocks = [t.content for t in tokens if t.type == "html_block"]
    assert html_blocks == ["<details><summary>By kind of change</summary>\n", "</details>\n"]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert [h.split(":")[0].split(" — ")[0] for h in headings] == [
        "cxdsl diff",
        "Journeys",
        "`renew-license`",
    ]
    strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
    assert all(re.fullmatch(r"\d+ changes|[+-]\d+", s) for s in strong), strong

    text = "".join(t.content for t in tokens if t.type == "text")
    for literal in (
        "<img src=https://evil.example/track.png>",
        "**All checks passed ✅**",
        "## Approved",
        "[click here](https://evil.example/login)",
        "fixes #123",
        "@someone",
        "abcfdp.exe",
    ):  # a Text loses bidi controls (i18n.clean)
        assert literal in text, literal
    _github_post_processing_is_broken_up_in_comment(GFM.render(comment))

    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1 and fences[0].info == "mermaid"
    mermaid = fences[0].content.splitlines()
    assert mermaid[0] == "journey" and mermaid[1].startswith("  title ")
    assert [line.split(":")[0].split()[0] for line in mermaid[2:]] == [
        "section",
        "الدخول",
        "الإرسال",
        "“title",
    ]
    assert not re.search(r"%%|[{}<>#;`]", fences[0].content)
    assert mermaid[-1].endswith(": 3: سارة")  # the step's own score and actor


def _github_post_processing_is_broken_up_in_comment(html: str) -> None:
    # GitHub links nothing inside <pre> (the Mermaid block is a diagram, not text)
    body = re.sub(
        r"<(/?)(details|summary)>", "", re.sub(r"<pre>.*?</pre>", "", html, flags=re.DOTALL)
    )
    assert not re.search(rf"@(?!{SPLIT})", body)
    assert not re.search(rf"#(?!{SPLIT})", body)
    assert not re.search(r"://|www\.|gh-\d", body, re.IGNORECASE)
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", body))
    assert tags <= {"h2", "h3", "h4", "ul", "li", "p", "code", "strong"}, tags


# --- the Mermaid journey: who lives each step, with their own score --------------------

OMAR = """\
kind: persona
id: omar
name: {ar: عمر — مهندس, en: Omar — engineer}
short_name: {ar: عمر, en: Omar}
segments: [citizens]
"""
SHARED = """\
kind: journey
id: shared
title: {ar: رحلة مشتركة, en: Shared}
persona: sara
personas: [omar]
stages:
  - id: apply
    title: {ar: التقديم, en: Apply}
    steps:
      - {id: both, title: {ar: كلاهما, en: Both}, channel: portal, emotion: {sara: 1, omar: -1}}
      - id: omar-only
        title: {ar: عمر وحده, en: Omar alone}
        channel: portal
        personas: [omar]
        emotion: {omar: -2}
      - {id: unfelt, title: {ar: بلا شعور, en: Unfelt}, channel: portal}
      - {id: alike, title: {ar: سواء, en: Alike}, channel: portal, emotion: 2}
"""


def test_the_mermaid_journey_names_who_lives_each_step_with_their_score(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "omar.yaml").write_text(OMAR, encoding="utf-8")
    (ws / "journeys" / "shared.yaml").write_text(SHARED, encoding="utf-8")
    result = check_workspace(ws)
    assert result.ok, result.diagnostics
    journey = result.index.entity("journey", "shared")
    assert isinstance(journey, Journey)
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    # Scores 1..5 over the −2..2 scale: 1 + 4 × (value + 2) / 4 = value + 3. A step its
    # personas feel differently takes the first one's score and names each one's value; a
    # step with no emotion takes the neutral 3 and says so.
    assert mermaid_journey(ctx, journey).splitlines() == [
        "```mermaid",
        "journey",
        "  title Shared",
        "  section Apply",
        "    Both (Sara +1, Omar -1): 4: Sara, Omar",
        "    Omar alone: 1: Omar",
        "    Unfelt (no emotion stated): 3: Sara, Omar",
        "    Alike: 5: Sara, Omar",
        "```",
    ]
