"""Write model entities back to YAML documents (used by generators and round trips)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from .model import Entity


def entity_data(entity: Entity) -> dict[str, Any]:
    """Plain data for an entity: ``kind`` and ``id`` first, defaults left out."""
    data = entity.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    data.pop("kind", None)
    ident = data.pop("id")
    return {"kind": entity.kind, "id": ident, **data}


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode kept as is (Arabic stays readable)."""


#: YAML line breaks beyond \n and \r: PyYAML would write them inside single quotes,
#: where a loader folds them into spaces. Double quotes escape them (\N, \L, \P).
_SPECIAL_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if any(ch in data for ch in _SPECIAL_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)


def dump_entities(entities: Iterable[Entity]) -> str:
    """A YAML stream with one document per entity."""
    return yaml.dump_all(
        (entity_data(e) for e in entities),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
