"""The model introspection module and the registry of entity kinds."""

from __future__ import annotations

from cxdsl.i18n.strings import TABLES
from cxdsl.model import KINDS, Entity, Journey, PainPoint, Ref, Segment, Stage, Step, TextMarker
from cxdsl.model.introspect import field_specs, path_of, references, texts, walk
from cxdsl.paths import entity_path
from cxdsl.rules import load_rules


def journey() -> Journey:
    return Journey(
        id="j",
        title={"en": "J", "ar": "ج"},
        persona="sara",
        stages=[
            Stage(
                id="s",
                title="S",
                steps=[
                    Step(
                        id="a",
                        title="A",
                        channel="portal",
                        emotion={"omar": 1},
                        pain_points=[PainPoint(text="P", accepted=True)],
                    )
                ],
            )
        ],
    )


def test_text_is_recognised_by_its_marker() -> None:
    specs = field_specs(Step)
    assert isinstance(specs["title"].marker, TextMarker) and specs["title"].shape == "one"
    assert specs["thoughts"].shape == "list" and isinstance(specs["thoughts"].marker, TextMarker)
    assert specs["channel"].marker == Ref("channel")
    assert specs["emotion"].marker == Ref("persona") and specs["emotion"].shape == "keys"
    assert specs["pain_points"].marker is None and specs["pain_points"].models == (PainPoint,)
    assert isinstance(field_specs(PainPoint)["accepted"].marker, TextMarker)


def test_one_walker_gives_references_texts_and_paths() -> None:
    j = journey()
    assert list(references(j)) == [
        ("persona", "sara", ("persona",)),
        ("channel", "portal", ("stages", 0, "steps", 0, "channel")),
        ("persona", "omar", ("stages", 0, "steps", 0, "emotion", "omar")),
    ]
    # accepted: true is not a text
    assert [p for p, _ in texts(j)] == [
        ("title",),
        ("stages", 0, "title"),
        ("stages", 0, "steps", 0, "title"),
        ("stages", 0, "steps", 0, "pain_points", 0, "text"),
    ]
    pain = j.stages[0].steps[0].pain_points[0]
    assert path_of(j, pain) == ("stages", 0, "steps", 0, "pain_points", 0)
    assert path_of(j, j) == ()
    assert all(m is None or isinstance(m, Ref | TextMarker) for _, _, m in walk(j))


def test_field_descriptions_are_on_the_fields() -> None:
    assert field_specs(Segment)["parent"].description == (
        "Id of the parent segment in the customer tree."
    )
    assert field_specs(Journey)["kind"].description == "What this document describes."


def test_every_entity_class_has_one_registry_entry() -> None:
    classes = {k.cls for k in KINDS}
    assert len(classes) == len(KINDS) == len({k.name for k in KINDS})
    for kind in KINDS:
        assert issubclass(kind.cls, Entity)
        assert kind.cls.model_fields["kind"].default == kind.name
        name = kind.name.replace("_", "-")
        assert load_rules().checks[kind.unknown_ref_code].name == f"ref.unknown-{name}"
        assert all(kind.title_key in table for table in TABLES.values())
        if kind.catalog:
            assert entity_path(kind.name, "x") == f"{kind.catalog_page}#{kind.name}-x"
