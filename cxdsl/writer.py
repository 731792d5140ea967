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


def dump_entities(entities: Iterable[Entity]) -> str:
    """A YAML stream with one document per entity."""
    return yaml.dump_all((entity_data(e) for e in entities), Dumper=_Dumper,
                         allow_unicode=True, sort_keys=False, default_flow_style=False,
                         width=100)
