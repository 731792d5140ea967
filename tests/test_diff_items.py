"""Items of lists without ids: an edit is one change naming its fields, a move is a move."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cxdsl.diff.engine import Change, Raw, _change, _walk
from cxdsl.diff.items import match_items, similarity

TEXT = st.text(alphabet="abcdeاب ", min_size=1, max_size=8)
SEVERITY = st.sampled_from(["low", "medium", "high"])
PAIN = st.fixed_dictionaries(
    {"text": st.fixed_dictionaries({"ar": TEXT, "en": TEXT}), "severity": SEVERITY},
    optional={"evidence": st.lists(st.sampled_from(["e1", "e2", "e3"]), max_size=2)},
)
ACTION = st.fixed_dictionaries(
    {"action": TEXT}, optional={"actor": st.sampled_from(["clerk", "officer"])}
)


def changes(lane: str, before: list[Any], after: list[Any]) -> list[Change]:
    """The changes of one step's list ``lane`` between two versions."""
    raw: Raw = []
    prefix = ("stages", ("id", "s"), "steps", ("id", "t"), lane)
    _walk(before, after, prefix, raw)
    return [_change("journey", "j", op, path, b, a) for op, path, b, a in raw]


def edited(item: dict[str, Any], field: str, data: st.DataObject) -> dict[str, Any]:
    """``item`` with one field given another value (a text in one language, a severity)."""
    out = dict(item)
    if field == "text":
        lang = data.draw(st.sampled_from(["ar", "en"]))
        text = dict(item["text"])
        text[lang] = data.draw(TEXT.filter(lambda t: t != text[lang]))
        out["text"] = text
    elif field == "severity":
        out["severity"] = data.draw(SEVERITY.filter(lambda s: s != item["severity"]))
    else:
        out["evidence"] = [*item.get("evidence", []), "e9"]
    return out


@given(st.lists(PAIN, min_size=1, max_size=6), st.data())
def test_a_single_field_edit_is_one_change_naming_that_field(
    pains: list[dict[str, Any]], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(pains) - 1))
    field = data.draw(st.sampled_from(["text", "severity", "evidence"]))
    after = list(pains)
    after[index] = edited(pains[index], field, data)
    found = changes("pain_points", pains, after)
    assert len(found) == 1, found
    (change,) = found
    assert change.category == "pain_point.changed"
    assert [f.field for f in change.fields] == [field]
    assert change.step == "t" and change.stage == "s"


@given(st.lists(PAIN, max_size=6), st.randoms())
def test_a_permutation_of_pain_points_is_no_change(pains: list[Any], rnd: Any) -> None:
    after = list(pains)
    rnd.shuffle(after)
    assert changes("pain_points", pains, after) == []


@given(st.lists(ACTION, min_size=2, max_size=6), st.randoms())
def test_a_permutation_of_actions_is_only_a_move(actions: list[Any], rnd: Any) -> None:
    after = list(actions)
    rnd.shuffle(after)
    found = changes("front_stage", actions, after)
    assert all(c.category == "action.moved" for c in found)
    assert len(found) <= 1
    if [a for a in after] != actions:
        assert len(found) == 1 and found[0].before == actions and found[0].after == after


def test_severity_and_english_text_changed_are_one_change() -> None:
    before = [
        {"text": {"ar": "لا تنبيه", "en": "No reminder"}, "severity": "high"},
        {"text": {"ar": "انتظار", "en": "Waiting"}, "severity": "low"},
    ]
    after = [
        {"text": {"ar": "لا تنبيه", "en": "No reminder before expiry"}, "severity": "medium"},
        before[1],
    ]
    (change,) = changes("pain_points", before, after)
    assert change.category == "pain_point.changed"
    assert change.path == "stages[s].steps[t].pain_points[0]"
    fields = {f.field: (f.before, f.after) for f in change.fields}
    assert fields["severity"] == ("high", "medium")
    assert fields["text"][0]["en"] == "No reminder" and fields["text"][1]["en"].endswith("expiry")


def test_only_really_new_or_gone_items_are_added_or_resolved() -> None:
    old = {"text": {"ar": "أ", "en": "a"}, "severity": "low"}
    new = {"text": {"ar": "ج", "en": "c"}, "severity": "high"}
    found = changes("pain_points", [old], [old, new])
    assert [c.category for c in found] == ["pain_point.added"]
    found = changes("pain_points", [old, new], [new])
    assert [c.category for c in found] == ["pain_point.resolved"]
    assert found[0].before == old


def test_similarity_counts_fields_and_languages() -> None:
    a = {"text": {"ar": "x", "en": "y"}, "severity": "low"}
    assert similarity(a, a) == 1.0
    assert similarity(a, {**a, "severity": "high"}) == 2 / 3
    match = match_items(["a", "b", "c"], ["c", "a", "b"])
    assert match.reordered and not match.removed and not match.added
