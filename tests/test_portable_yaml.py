"""Every file ``cxdsl fmt`` writes means the same to libyaml, PyYAML's pure parser and ruamel.yaml.

cxdsl reads with libyaml; teams' tools and hooks read the same files with PyYAML's
pure-Python parser or ruamel.yaml. The texts here are built from the characters where
those parsers disagree (``?``, ``:``, ``#``, flow indicators, quotes, tabs), YAML 1.1
words, numbers written as text, Arabic and leading or trailing spaces, in block and flow
collections; each is formatted and read back by every parser.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from cxdsl.fmt import format_text
from cxdsl.loading.portable import ambiguity
from cxdsl.loading.yamlsafe import parse_documents

LANGUAGES = ["ar", "en"]
WORDS = [
    "yes", "no", "on", "off", "Y", "n", "~", "null", "true", "1e3", "0o17", "0x1F", "1_000",
    ".5", "12:30", "2024-01-01", "-", "- x", ":x", "?x", "? x", "x:", "x: y", "x #y", "#x",
    "Is this list complete?", "“Is this list complete?”", "«هل هذه القائمة كاملة؟»", "a?b",
]  # fmt: skip
CHARS = [*"?:#{},[]'\"-!&*|>%@` \tab", "ع", "؟", "«", "»", "“", "”"]
TEXT = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=st.sampled_from(CHARS), min_size=1, max_size=12),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(" ".join),
)


def _flow(node: Any, flow: bool) -> Any:
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def _text_map(ar: str, en: str, flow: bool) -> CommentedMap:
    out = CommentedMap()
    out["ar"], out["en"] = DoubleQuotedScalarString(ar), DoubleQuotedScalarString(en)
    return _flow(out, flow)


def _instrument(texts: list[str], flows: list[bool]) -> CommentedMap:
    """An instrument whose name and questions hold ``texts``, in block or flow collections."""
    doc = CommentedMap()
    doc["kind"], doc["id"], doc["method"] = "instrument", "poll", "survey"
    doc["name"] = _text_map(texts[0], texts[1], flows[0])
    questions = CommentedSeq()
    for i, (ar, en) in enumerate(zip(texts[2::2], texts[3::2], strict=False)):
        question = CommentedMap()
        question["id"] = f"q{i}"
        question["text"] = _text_map(ar, en, flows[1])
        questions.append(question)
    doc["questions"] = _flow(questions, flows[2])
    return doc


def _source(doc: CommentedMap) -> str:
    """The document as a file someone wrote: every text double-quoted, so any parser reads it."""
    y = YAML(typ="rt")
    y.width = 4096
    buffer = io.StringIO()
    y.dump(doc, buffer)
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    """Parsed data with ruamel's own container and string types made plain."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def _every_reading(text: str) -> dict[str, Any]:
    return {
        "libyaml": yaml.load(text, Loader=yaml.CSafeLoader),
        "pyyaml-pure": yaml.load(text, Loader=yaml.SafeLoader),
        "ruamel-safe-pure": _plain(YAML(typ="safe", pure=True).load(text)),
        "ruamel-rt": _plain(YAML(typ="rt").load(text)),
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(TEXT, min_size=2, max_size=8).filter(lambda t: len(t) % 2 == 0),
    flows=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_every_file_fmt_writes_reads_the_same_in_every_parser(
    texts: list[str], flows: list[bool]
) -> None:
    doc = _instrument(texts, flows)
    formatted = format_text(_source(doc), LANGUAGES)
    expected = _plain(doc)
    for parser, data in _every_reading(formatted).items():
        assert data == expected, f"{parser} read another value from:\n{formatted}"
    _, issues = parse_documents(formatted, "f.yaml")
    assert [i.message for i in issues] == []


@pytest.mark.parametrize(
    ("text", "flow"),
    [("Is it?", True), ("a?b", True), (":x", True), ("x\ty", False), ("x\ty", True)],
)
def test_ambiguity_names_what_parsers_disagree_on(text: str, flow: bool) -> None:
    assert ambiguity(text, flow) is not None


@pytest.mark.parametrize(
    ("text", "flow"),
    [("Is it?", False), ("?x", False), (":x", False), ("هل؟", True), ("http://x", True)],
)
def test_ambiguity_leaves_what_parsers_agree_on(text: str, flow: bool) -> None:
    assert ambiguity(text, flow) is None


def test_the_example_that_was_reported_now_loads_everywhere() -> None:
    text = '- {ar: «هل هذه القائمة كاملة؟», en: "“Is this list complete?”"}\n'
    readings = _every_reading(text)
    assert len({repr(v) for v in readings.values()}) == 1
    with pytest.raises(yaml.YAMLError):
        yaml.load(text.replace('"“', "“").replace('”"', "”"), Loader=yaml.SafeLoader)
