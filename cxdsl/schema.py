"""JSON Schema (draft 2020-12) of every file kind, generated from the model.

``cxdsl-model.schema.json`` covers documents in ``personas/`` and ``journeys/`` (one of the
entity kinds, chosen by ``kind:``); ``cxdsl-settings.schema.json`` covers ``cxdsl.yaml``.
``cxdsl init`` writes them into the workspace's ``schemas/``; editors pick them up from
the modeline before each document (the YAML language server reads one per document), a
path relative to the file, so they work offline::

    # yaml-language-server: $schema=../schemas/cxdsl-model.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from .model import KINDS, Entity, Instrument, Journey, PainPoint, Settings, Step

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODEL_FILE = "cxdsl-model.schema.json"
SETTINGS_FILE = "cxdsl-settings.schema.json"

#: Fields whose description pydantic has placed among the sorted keys of their property
#: since the schema was first published. Every other field's description is written last
#: in its property, where the published schema has always had it (descriptions once came
#: from a table applied after generation); keeping both places keeps the published bytes.
_SORTED_DESCRIPTIONS = frozenset(
    info.description
    for cls, name in (
        (Entity, "description"),
        (PainPoint, "accepted"),
        (Step, "emotion"),
        (Step, "transitions"),
        (Journey, "personas"),
        (Instrument, "event"),
        (Settings, "allow_python"),
        (Settings, "python_timeout"),
    )
    if (info := cls.model_fields[name]).description
)


def _describe(node: Any) -> None:
    """Put field descriptions in their published place; close language maps."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False  # {en: ..., ar: ...}: language codes only
        for prop in (node.get("properties") or {}).values():
            text = prop.get("description") if isinstance(prop, dict) else None
            if text is not None and text not in _SORTED_DESCRIPTIONS:
                prop["description"] = prop.pop("description")
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for value in node:
            _describe(value)


def model_schema() -> dict[str, Any]:
    """One document of personas/, journeys/ or results/: any entity kind, chosen by ``kind``."""
    defs: dict[str, Any] = {}
    # A discriminator on kind: one if/then per kind, so a broken persona is checked (and
    # reported) as a persona only; a top-level oneOf tried every kind and reported the
    # last one's complaint ("'segment' was expected").
    choices = []
    for kind in KINDS:
        cls = kind.cls
        sub = cls.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        # In a file, kind: is what says which entity a document is (the default only
        # serves the Python API), so the schema requires it.
        sub["required"] = ["kind", *[r for r in sub.get("required", []) if r != "kind"]]
        sub["properties"]["kind"].pop("default", None)
        defs[cls.__name__] = sub
        choices.append(
            {
                "if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/{cls.__name__}"},
            }
        )
    names = [kind.name for kind in KINDS]
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": "cxdsl model document",
        "description": "A document of a cxdsl workspace (personas/, journeys/ or results/): a "
        f"{', '.join(names[:-1])} or {names[-1]}, chosen by kind.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": names}},
        "allOf": choices,
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
