"""Hypothesis properties: the loader never raises, and written models load back equal."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxdsl.loading.workspace import load_yaml_text
from cxdsl.loading.yamlsafe import parse_documents
from cxdsl.model import (
    Action,
    Effort,
    Journey,
    Measurement,
    PainPoint,
    Persona,
    Segment,
    Stage,
    Step,
    Transition,
    Trigger,
)
from cxdsl.writer import dump_entities

YAML_TOKENS = [
    "kind: journey\n",
    "id: x\n",
    "title: ",
    "{en: a, ar: ب}",
    "- ",
    "  ",
    "\t",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "---\n",
    "\n",
    "'",
    '"',
    "#",
    "stages:\n",
    "steps:\n",
    "? ",
    "|\n",
    ">\n",
    "emotion: 3\n",
    "\u202e",
    "\x00",
    "\ufeff",
    "%YAML 1.1\n",
    "!<tag:x> ",
    "<<: ",
]

yaml_like = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=8), max_size=40).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300) | yaml_like)
def test_loader_never_raises(text: str) -> None:
    _docs, issues = parse_documents(text, "f.yaml")
    for issue in issues:
        assert issue.span is not None and issue.span.line >= 1
    load_yaml_text(text, "f.yaml")


ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
plain = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() == s and s != "")
texts = plain | st.fixed_dictionaries({"ar": plain, "en": plain})
small = st.integers(min_value=0, max_value=10_000)

steps = st.builds(
    Step,
    id=ids,
    title=texts,
    customer_action=st.none() | texts,
    channel=st.none() | ids,
    front_stage=st.lists(st.builds(Action, action=texts, actor=st.none() | ids), max_size=2),
    emotion=st.none() | st.integers(-2, 2) | st.dictionaries(ids, st.integers(-2, 2), max_size=2),
    thoughts=st.lists(texts, max_size=2),
    pain_points=st.lists(
        st.builds(
            PainPoint,
            text=texts,
            severity=st.sampled_from(["low", "medium", "high"]),
            accepted=st.none() | st.booleans() | texts,
        ),
        max_size=2,
    ),
    opportunities=st.lists(texts, max_size=2),
    moment_of_truth=st.booleans(),
    effort=st.none()
    | st.builds(Effort, minutes=st.none() | st.floats(0, 1e6), visits=st.none() | small),
    transitions=st.none()
    | st.lists(
        st.builds(
            Transition,
            to=ids,
            type=st.sampled_from(["next", "branch", "loop", "failure"]),
            label=st.none() | texts,
        ),
        max_size=2,
    ),
)
journeys = st.builds(
    Journey,
    id=ids,
    title=texts,
    persona=st.none() | ids,
    personas=st.lists(ids, max_size=2),
    state=st.sampled_from(["as-is", "to-be"]),
    based_on=st.none() | ids,
    scenario=st.none() | texts,
    stages=st.lists(
        st.builds(Stage, id=ids, title=texts, steps=st.lists(steps, max_size=3)), max_size=3
    ),
    measurement_plan=st.lists(
        st.builds(
            Measurement,
            metric=ids,
            trigger=st.none() | st.builds(Trigger, step=st.none() | ids),
            population=st.none() | st.integers(1, 10**6),
            confidence_level=st.none() | st.sampled_from([0.9, 0.95, 0.99]),
            sample_size=st.none() | small,
        ),
        max_size=2,
    ),
)
personas = st.builds(
    Persona,
    id=ids,
    name=texts,
    segments=st.lists(ids, max_size=2),
    goals=st.lists(texts, max_size=3),
    quote=st.none() | texts,
)
segments = st.builds(
    Segment, id=ids, name=texts, parent=st.none() | ids, estimated_volume=st.none() | small
)


@settings(max_examples=150, deadline=None)
@given(st.lists(journeys | personas | segments, min_size=1, max_size=3))
def test_written_model_loads_back_equal(entities: list[Journey | Persona | Segment]) -> None:
    text = dump_entities(entities)
    docs, issues, _ = load_yaml_text(text, "round-trip.yaml")
    assert issues == []
    assert [d.entity for d in docs] == entities
