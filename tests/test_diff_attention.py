"""What needs attention first in a change: the flags, and the findings it introduced and
fixed, each from two real workspaces checked and diffed as ``cxdsl diff`` does."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from cxdsl.compiler import check_workspace
from cxdsl.diff.attention import (
    EMOTION_WORSE,
    FINDING_INTRODUCED,
    FLAG_CODES,
    LAST_JOURNEY,
    MEASURED_STEP_REMOVED,
    MEASUREMENT_REMOVED,
    METRIC_REMOVED,
    QUESTION_REMOVED,
    SEVERITY_RAISED,
    STEP_REMOVED,
    UNDERPOWERED,
    Flag,
    attention,
)
from cxdsl.diff.engine import Change, FieldChange, WorkspaceDiff, diff_workspaces
from cxdsl.diff.findings import FindingChanges, finding_changes
from cxdsl.i18n import ui

from .conftest import make_workspace

JOURNEY = "journeys/renew-license.yaml"
CATALOG = "journeys/catalog.yaml"
TREE = "personas/tree.yaml"
SUBMIT = {"ar": "الإرسال", "en": "Submit"}
LOST = {"ar": "ضياع", "en": "Lost"}
LATE = {"ar": "تأخر", "en": "Late"}
ID = "renew-license"


def step(ident: str, title: str, emotion: str = "0", more: str = "") -> str:
    """A step of the fixture journey, as YAML under ``steps:``."""
    text = f"      - id: {ident}\n        title: {title}\n        channel: portal\n"
    text += f"        emotion: {emotion}\n"
    return text + "".join(f"        {line}\n" for line in more.splitlines())


SIGN_IN = step("sign-in", "{ar: الدخول, en: Sign in}")
SUBMIT_STEP = step("submit", "{ar: الإرسال, en: Submit}", "1", "moment_of_truth: true")
PLAN = """\
  - metric: csat
    trigger: {step: submit}
    population: 1000
    confidence_level: 0.95
    margin_of_error: 0.05
    sample_size: 300
"""


def journey(stages: list[tuple[str, str]], plan: str = PLAN, top: str = "") -> str:
    """The fixture journey with these (stage id, steps' YAML) and this measurement plan."""
    text = top + f"kind: journey\nid: {ID}\ntitle: {{ar: تجديد الرخصة, en: Renew a licence}}\n"
    text += "persona: sara\nstages:\n"
    for ident, steps in stages:
        text += f"  - id: {ident}\n    title: {{ar: مرحلة {ident}, en: Stage {ident}}}\n"
        text += "    steps:\n" + steps
    return text + ("measurement_plan:\n" + plan if plan else "")


BASE_JOURNEY = journey([("apply", SIGN_IN + SUBMIT_STEP)])


def two(tmp_path: Path, base_journey: str = BASE_JOURNEY) -> tuple[Path, Path]:
    """Two copies of the fixture workspace, the base and the head of a change, both with
    ``base_journey``."""
    out = make_workspace(tmp_path / "base"), make_workspace(tmp_path / "head")
    for ws in out:
        (ws / JOURNEY).write_text(base_journey, encoding="utf-8")
    return out


def write(ws: Path, rel: str, text: str) -> None:
    (ws / rel).write_text(text, encoding="utf-8")


def edit(ws: Path, rel: str, old: str, new: str) -> None:
    path = ws / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def both(base: Path, head: Path, rel: str, old: str, new: str) -> None:
    edit(base, rel, old, new)
    edit(head, rel, old, new)


def run(base: Path, head: Path) -> tuple[list[Flag], FindingChanges]:
    old, new = check_workspace(base), check_workspace(head)
    findings = finding_changes(old, new)
    return attention(diff_workspaces(old, new), old, new, findings), findings


def of(flags: list[Flag], code: str) -> list[Flag]:
    return [flag for flag in flags if flag.code == code]


def test_the_base_journey_is_clean(tmp_path: Path) -> None:
    base, _ = two(tmp_path)
    assert check_workspace(base).diagnostics == []


# --- the flags, one by one -------------------------------------------------------------


def test_a_step_wide_emotion_worse_at_a_moment_of_truth_is_flagged_for_its_persona(
    tmp_path: Path,
) -> None:
    base, head = two(tmp_path)
    sign_in = step("sign-in", "{ar: الدخول, en: Sign in}", "-1")  # not a moment of truth
    submit = SUBMIT_STEP.replace("emotion: 1", "emotion: -1")
    write(head, JOURNEY, journey([("apply", sign_in + submit)]))
    flags, findings = run(base, head)
    assert findings == FindingChanges()
    assert flags == [
        Flag(EMOTION_WORSE, "journey", ID, "apply", "submit", "sara", 1, -1, "", SUBMIT)
    ]


def test_emotion_worse_is_flagged_per_persona_and_a_better_one_is_not(tmp_path: Path) -> None:
    khalid = "---\nkind: persona\nid: khalid\nname: {ar: خالد, en: Khalid}\nsegments: [citizens]\n"
    submit = SUBMIT_STEP.replace("emotion: 1", "emotion: {sara: 1, khalid: 0}")
    top = journey([("apply", SIGN_IN + submit)])
    base, head = two(
        tmp_path, top.replace("persona: sara\n", "persona: sara\npersonas: [khalid]\n")
    )
    both(base, head, TREE, "segments: [citizens]\n", "segments: [citizens]\n" + khalid)
    edit(head, JOURNEY, "{sara: 1, khalid: 0}", "{sara: 2, khalid: -1}")
    flags, findings = run(base, head)
    assert findings == FindingChanges()
    assert flags == [
        Flag(EMOTION_WORSE, "journey", ID, "apply", "submit", "khalid", 0, -1, "", SUBMIT)
    ]


CHECK = step("check", "Check")
MEASURED_CHECK = PLAN + "  - metric: csat\n    trigger: {step: check}\n"


def test_a_removed_step_and_the_measurement_that_still_refers_to_it(tmp_path: Path) -> None:
    base, head = two(tmp_path, journey([("apply", SIGN_IN + SUBMIT_STEP + CHECK)], MEASURED_CHECK))
    # check goes; sign-in moves to a stage of its own before apply: a move, not a removal
    write(head, JOURNEY, journey([("start", SIGN_IN), ("apply", SUBMIT_STEP)], MEASURED_CHECK))
    flags, _ = run(base, head)
    assert of(flags, STEP_REMOVED) == [
        Flag(STEP_REMOVED, "journey", ID, "apply", "check", text="Check")
    ]
    assert of(flags, MEASURED_STEP_REMOVED) == [
        Flag(MEASURED_STEP_REMOVED, "journey", ID, "apply", "check", detail="csat", text="Check")
    ]


def test_a_removed_step_no_measurement_refers_to_is_only_a_removed_step(tmp_path: Path) -> None:
    base, head = two(tmp_path, journey([("apply", SIGN_IN + SUBMIT_STEP + CHECK)], MEASURED_CHECK))
    write(head, JOURNEY, journey([("apply", SIGN_IN + SUBMIT_STEP)]))  # its measurement goes too
    flags, findings = run(base, head)
    assert [f.code for f in flags] == [STEP_REMOVED, MEASUREMENT_REMOVED]
    assert flags[1] == Flag(
        MEASUREMENT_REMOVED,
        "journey",
        ID,
        "apply",  # where the step it was triggered at was, on the base
        "check",
        before={"metric": "csat", "trigger": {"step": "check"}},
        detail="csat",
    )
    assert findings == FindingChanges()


def test_a_removed_measurement_is_named_by_metric_and_place(tmp_path: Path) -> None:
    plan = PLAN + "  - metric: csat\n    trigger: {step: sign-in}\n"
    base, head = two(tmp_path, journey([("apply", SIGN_IN + SUBMIT_STEP)], plan))
    write(head, JOURNEY, journey([("apply", SIGN_IN + SUBMIT_STEP)], PLAN))  # the one at submit
    flags, findings = run(base, head)
    assert flags == [
        Flag(
            MEASUREMENT_REMOVED,
            "journey",
            ID,
            "apply",
            "sign-in",
            before={"metric": "csat", "trigger": {"step": "sign-in"}},
            detail="csat",
        )
    ]
    assert findings == FindingChanges()


def test_a_removed_metric_says_what_it_leaves_dangling(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    text = (head / CATALOG).read_text(encoding="utf-8")
    write(head, CATALOG, text.split("---\nkind: metric")[0])
    flags, findings = run(base, head)
    assert of(flags, METRIC_REMOVED) == [
        Flag(
            METRIC_REMOVED,
            "metric",
            "csat",
            detail="1 references left dangling",
            text={"ar": "الرضا", "en": "Satisfaction"},
        )
    ]
    # the plan entry's metric is now unknown: a finding this change introduced
    assert [d.code for d in findings.introduced] == ["CX109"]
    assert of(flags, FINDING_INTRODUCED)[0].detail == "CX109 unknown metric 'csat'"


def test_a_question_removed_from_an_instrument(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    q2 = (
        '  - id: q2\n    text: {ar: هل ستعود؟, en: "Will you come back?"}\n'
        "    scale: {min: 1, max: 5}\n"
    )
    anchor = "    scale: {min: 1, max: 5}\n"
    edit(base, CATALOG, anchor, anchor + q2)
    both(base, head, CATALOG, "instrument: survey\n", "instrument: survey\nquestion: q1\n")
    flags, findings = run(base, head)
    assert flags == [
        Flag(
            QUESTION_REMOVED,
            "instrument",
            "survey",
            detail="q2",
            text={"ar": "هل ستعود؟", "en": "Will you come back?"},
        )
    ]
    assert findings == FindingChanges()


def pains(*items: tuple[str, str, str]) -> str:
    lines = "pain_points:\n" + "".join(
        f"  - text: {{ar: {ar}, en: {en}}}\n    severity: {severity}\n"
        for ar, en, severity in items
    )
    return lines + "opportunities: [{ar: تنبيه, en: A reminder}]"


def test_a_pain_point_made_more_severe_or_new_and_high_is_flagged(tmp_path: Path) -> None:
    slow, crowded = ("بطء", "Slow"), ("زحام", "Crowded")
    before = pains((*slow, "low"), (*crowded, "high"))
    after = pains((*slow, "medium"), (*crowded, "low"), ("ضياع", "Lost", "high"))

    def submit(pain_points: str) -> str:
        return step(
            "submit", "{ar: الإرسال, en: Submit}", "1", "moment_of_truth: true\n" + pain_points
        )

    base, head = two(tmp_path, journey([("apply", SIGN_IN + submit(before))]))
    write(head, JOURNEY, journey([("apply", SIGN_IN + submit(after))]))
    flags, findings = run(base, head)
    assert findings == FindingChanges()
    where = ("journey", ID, "apply", "submit", None)
    assert sorted(flags, key=lambda f: str(f.before)) == [
        Flag(SEVERITY_RAISED, *where, None, "high", "", {"ar": "ضياع", "en": "Lost"}),
        Flag(SEVERITY_RAISED, *where, "low", "medium", "", {"ar": "بطء", "en": "Slow"}),
    ]


def test_severity_raised_from_the_fields_of_a_changed_pain_point(tmp_path: Path) -> None:
    """The engine's shape for an item edited in place: one change listing its fields."""
    result = check_workspace(make_workspace(tmp_path))
    old = {"text": {"ar": "بطء", "en": "Slow"}, "severity": "medium"}
    new = {"text": {"ar": "بطء شديد", "en": "Very slow"}, "severity": "high"}
    fields = (
        FieldChange("text", old["text"], new["text"]),
        FieldChange("severity", "medium", "high"),
    )
    where = "stages[apply].steps[submit].pain_points[0]"

    def change(before: object, after: object, *edits: FieldChange) -> Change:
        return Change(
            "journey", ID, "pain_point.changed", where, before, after, "changed", "apply",
            "submit", fields=edits,
        )  # fmt: skip

    raised = change(old, new, *fields)
    lowered = change(new, old, *(FieldChange(f.field, f.after, f.before) for f in fields))
    text_only = change(old, {**old, "text": new["text"]}, fields[0])
    diff = WorkspaceDiff([raised, lowered, text_only])
    assert attention(diff, result, result, FindingChanges()) == [
        Flag(
            SEVERITY_RAISED,
            "journey",
            ID,
            "apply",
            "submit",
            None,
            "medium",
            "high",
            "",
            new["text"],
        )
    ]


def test_a_persona_and_a_segment_losing_their_last_journey(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    omar = (
        "---\nkind: segment\nid: residents\nparent: people\nname: {ar: المقيمون, en: Residents}\n"
        "---\nkind: persona\nid: omar\nname: {ar: عمر, en: Omar}\nsegments: [residents]\n"
    )
    both(base, head, TREE, "segments: [citizens]\n", "segments: [citizens]\n" + omar)
    edit(head, JOURNEY, "persona: sara\n", "persona: omar\n")
    flags, findings = run(base, head)
    assert findings == FindingChanges()
    # people keeps a journey through residents, below it
    assert flags == [
        Flag(LAST_JOURNEY, "persona", "sara", persona="sara", before=(ID,), after=()),
        Flag(LAST_JOURNEY, "segment", "citizens", before=(ID,), after=()),
    ]


def required(population: int, confidence: float, margin: float) -> int:
    """Cochran's sample size with p = 0.5 and the finite population correction."""
    z = {0.95: 1.959963984540054}[confidence]
    n0 = z * z * 0.25 / margin**2
    return math.ceil(n0 / (1 + (n0 - 1) / population))


def test_a_sample_that_no_longer_reaches_its_margin_is_underpowered(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    edit(head, JOURNEY, "sample_size: 300", "sample_size: 100")
    flags, findings = run(base, head)
    need = required(1000, 0.95, 0.05)
    assert need == 278  # 384.15 / (1 + 383.15 / 1000) = 277.7
    figures = {
        "sample_size": 100,
        "required": need,
        "population": 1000,
        "confidence_level": 0.95,
        "margin_of_error": 0.05,
        "per_stage": False,
    }
    assert [f.code for f in flags] == [UNDERPOWERED, FINDING_INTRODUCED]
    assert flags[0] == Flag(
        UNDERPOWERED, "journey", ID, "apply", "submit", after=figures, detail="csat"
    )
    assert [d.code for d in findings.introduced] == ["CX209"]
    assert flags[1].after == "error" and flags[1].detail.startswith("CX209 planned sample 100")


def test_a_sample_already_too_small_that_changes_size_is_not_introduced(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    edit(base, JOURNEY, "sample_size: 300", "sample_size: 100")
    edit(head, JOURNEY, "sample_size: 300", "sample_size: 150")
    flags, findings = run(base, head)
    assert flags == []
    assert findings == FindingChanges()


# --- findings introduced and fixed ---------------------------------------------------

ONLY_AR = "{ar: الدخول}"  # CX214: the title is missing English


def test_a_finding_that_only_moved_is_neither_introduced_nor_fixed(tmp_path: Path) -> None:
    sign_in = step("sign-in", ONLY_AR)
    base, head = two(tmp_path, journey([("apply", sign_in + SUBMIT_STEP)]))
    # lines above it, a stage and a step before it: its line and its positions all move
    first = ("first", step("read", "{ar: القراءة, en: Read}"))
    write(
        head,
        JOURNEY,
        journey(
            [first, ("apply", step("look", "{ar: نظرة, en: Look}") + sign_in + SUBMIT_STEP)],
            top="# a comment\n\n",
        ),
    )
    old, new = check_workspace(base), check_workspace(head)
    (before,), (after,) = old.diagnostics, new.diagnostics
    assert (before.code, after.code) == ("CX214", "CX214")
    assert before.span and after.span and before.span.line != after.span.line
    assert before.subject == f"journey:{ID}/stages/0/steps/0/title"
    assert after.subject == f"journey:{ID}/stages/1/steps/1/title"
    assert finding_changes(old, new) == FindingChanges()


def test_a_finding_of_a_step_moved_to_another_stage_stays(tmp_path: Path) -> None:
    sign_in = step("sign-in", ONLY_AR)
    base, head = two(tmp_path, journey([("apply", sign_in + SUBMIT_STEP)]))
    write(head, JOURNEY, journey([("start", sign_in), ("apply", SUBMIT_STEP)]))
    assert run(base, head) == ([], FindingChanges())


def test_findings_fixed_and_introduced(tmp_path: Path) -> None:
    base, head = two(tmp_path, journey([("apply", step("sign-in", ONLY_AR) + SUBMIT_STEP)]))
    only_ar = step("submit", "{ar: الإرسال}", "1", "moment_of_truth: true")
    write(head, JOURNEY, journey([("apply", SIGN_IN + only_ar)]))
    flags, findings = run(base, head)
    assert [d.subject for d in findings.fixed] == [f"journey:{ID}/stages/0/steps/0/title"]
    assert [d.subject for d in findings.introduced] == [f"journey:{ID}/stages/0/steps/1/title"]
    assert flags == [
        Flag(
            FINDING_INTRODUCED,
            "journey",
            ID,
            "apply",
            "submit",
            after="warning",
            detail="CX214 text is missing language(s): en",
        )
    ]


def test_two_identical_findings_where_there_was_one_introduce_one(tmp_path: Path) -> None:
    # without a subject (the resolver's unknown channel) and with one (a rule's)
    fax = step("sign-in", ONLY_AR).replace("channel: portal", "channel: fax")
    base, head = two(tmp_path, journey([("apply", fax + SUBMIT_STEP)]))
    submit = step("submit", "{ar: الإرسال}", "1", "moment_of_truth: true")
    write(
        head, JOURNEY, journey([("apply", fax + submit.replace("channel: portal", "channel: fax"))])
    )
    flags, findings = run(base, head)
    assert [d.code for d in check_workspace(head).diagnostics].count("CX104") == 2
    assert [(d.code, d.span.line if d.span else 0) for d in findings.introduced] == [
        ("CX214", 14),  # submit's title, not sign-in's
        ("CX104", 15),  # the second 'fax', at submit
    ]
    assert findings.fixed == []
    assert [(f.code, f.kind, f.step) for f in flags] == [
        (FINDING_INTRODUCED, "file", None),  # an error: first
        (FINDING_INTRODUCED, "journey", "submit"),
    ]
    # and back: one of the two is fixed
    flags, findings = run(head, base)
    assert [d.code for d in findings.fixed] == ["CX214", "CX104"]
    assert findings.introduced == [] and flags == []


def test_notes_are_listed_but_not_flagged(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    both(
        base,
        head,
        "cxdsl.yaml",
        "allow_python: true\n",
        "allow_python: true\nrules: {CX214: info}\n",
    )
    write(head, JOURNEY, journey([("apply", step("sign-in", ONLY_AR) + SUBMIT_STEP)]))
    flags, findings = run(base, head)
    assert [(d.code, d.severity.value) for d in findings.introduced] == [("CX214", "info")]
    assert flags == []


# --- order and shape ------------------------------------------------------------------


def test_flags_come_most_important_first_and_always_in_the_same_order(tmp_path: Path) -> None:
    base, head = two(tmp_path, journey([("apply", SIGN_IN + SUBMIT_STEP + CHECK)], MEASURED_CHECK))
    submit = step(
        "submit", "{ar: الإرسال}", "-1", "moment_of_truth: true\n" + pains(("ضياع", "Lost", "high"))
    )
    plan = MEASURED_CHECK.replace("sample_size: 300", "sample_size: 10")
    write(head, JOURNEY, journey([("apply", SIGN_IN + submit)], plan))
    flags, _ = run(base, head)
    assert [(f.code, f.step, f.detail[:5]) for f in flags] == [
        (EMOTION_WORSE, "submit", ""),
        (STEP_REMOVED, "check", ""),
        (MEASURED_STEP_REMOVED, "check", "csat"),
        (SEVERITY_RAISED, "submit", ""),
        (UNDERPOWERED, "submit", "csat"),
        (FINDING_INTRODUCED, "submit", "CX209"),  # errors first, in the head's order
        (FINDING_INTRODUCED, "check", "CX211"),  # the trigger left at the removed step
        (FINDING_INTRODUCED, "submit", "CX214"),  # then the warning
    ]
    assert flags == run(base, head)[0]
    ranks = [FLAG_CODES.index(f.code) for f in flags]
    assert ranks == sorted(ranks)


def test_a_flag_as_json() -> None:
    flag = Flag(LAST_JOURNEY, "persona", "sara", persona="sara", before=(ID,), after=())
    data = flag.as_json()
    assert data == {
        "code": "attention.last-journey",
        "kind": "persona",
        "entity": "sara",
        "stage": None,
        "step": None,
        "persona": "sara",
        "before": [ID],
        "after": [],
        "detail": "",
        "text": None,
    }
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_flag_has_a_title_in_every_language(lang: str) -> None:
    assert FLAG_CODES == (
        "attention.emotion-worse",
        "attention.step-removed",
        "attention.metric-removed",
        "attention.question-removed",
        "attention.measurement-removed",
        "attention.measured-step-removed",
        "attention.severity-raised",
        "attention.last-journey",
        "attention.underpowered",
        "attention.finding-introduced",
    )
    titles = [ui("diff.flag." + code.removeprefix("attention."), lang) for code in FLAG_CODES]
    assert len(set(titles)) == len(titles)
    assert ui("diff.findings.introduced", lang) != ui("diff.findings.fixed", lang)
    if lang == "ar":
        assert not any("→" in title for title in titles)


def test_a_loader_finding_that_moved_lines_is_neither_introduced_nor_fixed(
    tmp_path: Path,
) -> None:
    base, head = two(tmp_path)
    broken = "kind: channel\nid: fax\nname: [unclosed\n"
    write(base, "journeys/fax.yaml", broken)
    write(head, "journeys/fax.yaml", "# the fax channel\n\n" + broken)
    old, new = check_workspace(base), check_workspace(head)
    assert [(d.code, d.subject) for d in new.diagnostics] == [("CX001", None)]
    assert old.diagnostics[0].span != new.diagnostics[0].span
    assert finding_changes(old, new) == FindingChanges()
    write(head, "journeys/fax.yaml", broken.replace("[unclosed", "Fax\ntype: digital"))
    fixed = finding_changes(old, check_workspace(head))
    assert [d.code for d in fixed.fixed] == ["CX001"] and fixed.introduced == []


def test_a_schema_error_whose_message_quotes_a_shifted_position_stays(tmp_path: Path) -> None:
    untitled = "      - id: pay\n        channel: portal\n"  # CX010: no title
    base, head = two(tmp_path, journey([("apply", SIGN_IN + untitled + SUBMIT_STEP)]))
    write(head, JOURNEY, journey([("apply", CHECK + SIGN_IN + untitled + SUBMIT_STEP)]))
    old, new = check_workspace(base), check_workspace(head)
    assert [d.code for d in new.diagnostics] == ["CX010"]
    assert old.diagnostics[0].message != new.diagnostics[0].message  # steps[1] → steps[2]
    assert finding_changes(old, new) == FindingChanges()


def test_a_high_pain_point_in_a_new_step_or_stage_is_flagged_at_its_step(tmp_path: Path) -> None:
    base, head = two(tmp_path)
    lost = pains(("ضياع", "Lost", "high"))
    late = pains(("تأخر", "Late", "high"), ("ملل", "Dull", "low"))
    stages = [
        ("apply", SIGN_IN + step("wait", "{ar: الانتظار, en: Wait}", "0", lost) + SUBMIT_STEP),
        ("after", step("appeal", "{ar: الاعتراض, en: Appeal}", "0", late)),
    ]
    write(head, JOURNEY, journey(stages))
    flags, _ = run(base, head)
    assert of(flags, SEVERITY_RAISED) == [
        Flag(SEVERITY_RAISED, "journey", ID, "apply", "wait", None, None, "high", "", LOST),
        Flag(SEVERITY_RAISED, "journey", ID, "after", "appeal", None, None, "high", "", LATE),
    ]
