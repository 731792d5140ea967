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
from cxdsl.emit.diff_markdown import code_span as _code
from cxdsl.emit.diff_markdown import escape_text, mermaid_text, visible_text

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
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en"])
    assert result.exit_code == 0, result.output
    comment = result.output
    assert "\u202e" not in comment

    tokens = _tokens(GFM.parse(comment))
    kinds = {t.type for t in tokens}
    assert not kinds & {
        "image",
        "link_open",
        "table_open",
        "blockquote_open",
        "hr",
        "code_block",
    }, kinds
    assert {t.content for t in tokens if t.type == "html_inline"} <= {SPLIT}
    html_blocks = [t.content for t in tokens if t.type == "html_block"]
    assert html_blocks == ["<details><summary>By kind of change</summary>\n", "</details>\n"]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("cxdsl diff")
    assert [h for h in headings[1:] if h != "Needs attention first"][:1] == ["Journeys"]
    assert headings[-1].endswith("`renew-license`")
    strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
    assert any(re.fullmatch(r"\d+ changes", s) for s in strong), strong

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

    for fence in (t for t in tokens if t.type == "fence"):  # the before/after charts
        assert fence.info == "mermaid"
        for line in fence.content.splitlines():
            assert re.match(
                r"\s*(---|config:|themeVariables:|xyChart:|plotColorPalette:|xychart-beta$|"
                r"title \"|x-axis \[|y-axis \"|line \")",
                line,
            ), line
        assert not re.search(r"%%|init|click|<b>|alert", fence.content)


def _github_post_processing_is_broken_up_in_comment(html: str) -> None:
    # GitHub links nothing inside <pre> (the Mermaid block is a diagram, not text)
    body = re.sub(
        r"<(/?)(details|summary)>", "", re.sub(r"<pre>.*?</pre>", "", html, flags=re.DOTALL)
    )
    assert not re.search(rf"@(?!{SPLIT})", body)
    assert not re.search(rf"#(?!{SPLIT})", body)
    assert not re.search(r"://|www\.|gh-\d", body, re.IGNORECASE)
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", body))
    assert tags <= {"h2", "h3", "h4", "ul", "li", "p", "code", "strong", "s", "del"}, tags
