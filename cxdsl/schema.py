"""JSON Schema (draft 2020-12) of every file kind, generated from the model.

``cxdsl-model.schema.json`` covers documents in ``personas/`` and ``journeys/`` (one of the
entity kinds, chosen by ``kind:``); ``cxdsl-settings.schema.json`` covers ``cxdsl.yaml``.
Editors pick them up from the modeline at the top of each file::

    # yaml-language-server: $schema=../schemas/cxdsl-model.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from .model import ENTITY_KINDS, Settings

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODEL_FILE = "cxdsl-model.schema.json"
SETTINGS_FILE = "cxdsl-settings.schema.json"

#: Descriptions of fields shared by many entities (a field's own description wins).
FIELD_DOCS = {
    "kind": "What this document describes.",
    "id": "Unique among entities of this kind; used to reference it from elsewhere.",
    "name": "Display name: a string, or {language: text}.",
    "short_name": "Short label where space is tight (emotion cells, comparisons); "
    "defaults to the name.",
    "title": "Display title: a string, or {language: text}.",
    "description": "Free text: a string, or {language: text}.",
    "owner": "Id of the actor (role or unit) that owns it.",
    "segments": "Ids of segments of the customer tree.",
    "persona": "Id of the primary persona.",
    "personas": "Ids of other personas on this journey.",
    "channel": "Id of the channel where this happens.",
    "evidence": "Ids of evidence entries (research) behind this.",
    "metric": "Id of the metric measured.",
    "instrument": "Id of the instrument that collects it.",
    "actor": "Id of the actor who performs it.",
    "system": "Id of the system used.",
    "parent": "Id of the parent segment in the customer tree.",
    "stages": "The journey's stages, in order.",
    "steps": "The stage's steps (touchpoints), in order.",
    "state": "as-is (today) or to-be (the target design).",
    "based_on": "For a to-be journey: id of the as-is journey it improves.",
    "emotion": "On the journey's emotion scale; a mapping gives it per persona id.",
    "transitions": "Where the customer goes next; default: the next step.",
    "measurement_plan": "How and where this journey is measured.",
    "pain_points": "Problems the customer meets here.",
    "opportunities": "Ideas that address this step's pain points.",
    "moment_of_truth": "A step that decides how the whole experience is remembered.",
    "population": "Size of the population the sample is drawn from.",
    "confidence_level": "E.g. 0.95.",
    "margin_of_error": "E.g. 0.05 for ±5%.",
    "sample_size": "Planned number of responses.",
    "target": "The value aimed for.",
    "baseline": "The value measured before changes.",
}


def _describe(node: Any) -> None:
    """Add shared field descriptions wherever a property lacks one; close language maps."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False  # {en: ..., ar: ...}: language codes only
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and "description" not in prop and name in FIELD_DOCS:
                prop["description"] = FIELD_DOCS[name]
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for value in node:
            _describe(value)


def model_schema() -> dict[str, Any]:
    """One document of personas/ or journeys/: any entity kind, chosen by ``kind``."""
    defs: dict[str, Any] = {}
    choices = []
    for kind, cls in ENTITY_KINDS.items():
        sub = cls.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        # In a file, kind: is what says which entity a document is (the default only
        # serves the Python API), so the schema requires it.
        sub["required"] = ["kind", *[r for r in sub.get("required", []) if r != "kind"]]
        sub["properties"]["kind"].pop("default", None)
        defs[cls.__name__] = sub
        choices.append({"$ref": f"#/$defs/{cls.__name__}"})
        del kind
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": "cxdsl model document",
        "description": "A document of a cxdsl workspace (personas/ or journeys/): a segment, "
        "persona, channel, actor, system, stakeholder, evidence, journey, "
        "metric or instrument, chosen by kind.",
        "oneOf": choices,
        "$defs": defs,
    }
    _describe(schema)
    return schema


def settings_schema() -> dict[str, Any]:
    schema = Settings.model_json_schema(by_alias=True)
    _describe(schema)
    return {"$schema": DIALECT, "title": "cxdsl workspace settings (cxdsl.yaml)", **schema}


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schemas() -> dict[str, str]:
    """File name to JSON text, for every schema cxdsl publishes."""
    return {MODEL_FILE: dump(model_schema()), SETTINGS_FILE: dump(settings_schema())}
