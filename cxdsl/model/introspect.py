"""What the model's fields hold, and one walker over model objects.

A field is *marked* when its type carries a marker in ``Annotated`` metadata: ``Ref(kind)``
(an id of another entity) or ``TEXT`` (human-readable text). Everything that needs to know
what a field holds (the reference resolver, the language rule, the canonical writer, the
loader's "did you mean" for keys, anchors of findings) asks here, so a new field type is
declared once, on the model.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .base import Ref, TextMarker

Marker = Ref | TextMarker
#: Where a field's marked values are: the value itself, the items of a list, the values or
#: the keys of a mapping.
Shape = Literal["one", "list", "values", "keys"]
Path = tuple[Any, ...]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model class, as the rest of cxdsl needs to see it."""

    name: str
    marker: Marker | None
    shape: Shape | None
    #: Model classes the field can hold (through Optional, list, dict, Annotated).
    models: tuple[type[BaseModel], ...]
    description: str | None


def _marker_in(metadata: typing.Iterable[object]) -> Marker | None:
    return next((m for m in metadata if isinstance(m, Ref | TextMarker)), None)


def _marked(annotation: Any) -> tuple[Marker, Shape] | None:
    """The marker anywhere inside an annotation, and where it sits."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is typing.Annotated:
        found = _marker_in(annotation.__metadata__)
        return (found, "one") if found is not None else _marked(args[0])
    if origin in (Union, types.UnionType):
        return next((m for m in map(_marked, args) if m is not None), None)
    if origin is list and (inner := _marked(args[0])) and inner[1] == "one":
        return inner[0], "list"
    if origin is dict:
        if (key := _marked(args[0])) and key[1] == "one":
            return key[0], "keys"
        if (value := _marked(args[1])) and value[1] == "one":
            return value[0], "values"
    return None


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """Model classes an annotation can hold (through Optional, list, dict, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return models_in(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple, set):
        return [m for a in get_args(annotation) for m in models_in(a)]
    if origin is dict:
        return models_in(get_args(annotation)[1])
    return []


@cache
def field_specs(cls: type[BaseModel]) -> dict[str, FieldSpec]:
    """Every field of a model class, in declaration order."""
    out = {}
    for name, info in cls.model_fields.items():
        # pydantic moves the metadata of a required Annotated field into info.metadata.
        top = _marker_in(info.metadata)
        marked: tuple[Marker, Shape] | None = (
            (top, "one") if top is not None else _marked(info.annotation)
        )
        marker, shape = marked if marked is not None else (None, None)
        models = tuple(models_in(info.annotation))
        out[name] = FieldSpec(name, marker, shape, models, info.description)
    return out


@cache
def text_fields(cls: type[BaseModel]) -> dict[str, Shape]:
    """Fields of a model class that hold text, with where the text sits."""
    return {
        n: s.shape
        for n, s in field_specs(cls).items()
        if isinstance(s.marker, TextMarker) and s.shape
    }


@cache
def ref_fields(cls: type[BaseModel]) -> dict[str, str]:
    """Fields of a model class that hold references, with the kind they name."""
    return {n: s.marker.kind for n, s in field_specs(cls).items() if isinstance(s.marker, Ref)}


def fields_at(model: type[BaseModel], path: Path) -> list[str]:
    """The field names of the model found at ``path`` below ``model`` (list indexes and
    parts no model has are skipped)."""
    current = [model]
    for part in path:
        if isinstance(part, int):
            continue
        nxt = [
            sub
            for m in current
            if (spec := field_specs(m).get(str(part))) is not None
            for sub in spec.models
        ]
        if not nxt:
            break
        current = nxt
    return sorted({name for m in current for name in m.model_fields})


def walk(obj: BaseModel, path: Path = ()) -> Iterator[tuple[Path, Any, Marker | None]]:
    """Every marked value and every model object inside ``obj``, depth first in field order,
    as ``(path, value, marker)``; a model object comes with ``None`` before what it holds.

    A reference held as a mapping key (``emotion: {persona: 1}``) comes as the key.
    """
    for name, spec in field_specs(type(obj)).items():
        value = getattr(obj, name)
        if value is None:
            continue
        here = (*path, name)
        if spec.marker is not None:
            yield from _marked_values(here, value, spec)
        elif isinstance(value, BaseModel):
            yield here, value, None
            yield from walk(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield (*here, i), item, None
                    yield from walk(item, (*here, i))


def _marked_values(path: Path, value: Any, spec: FieldSpec) -> Iterator[tuple[Path, Any, Marker]]:
    marker = spec.marker
    assert marker is not None
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield (*path, i), item, marker
    elif isinstance(value, dict) and spec.shape == "keys":
        for key in value:
            yield (*path, key), key, marker
    elif isinstance(value, dict) and spec.shape == "values":
        for key, item in value.items():
            yield (*path, key), item, marker
    elif spec.shape == "one" and _holds(marker, value):
        yield path, value, marker


def _holds(marker: Marker, value: Any) -> bool:
    """A text is a string or a language map; a reference is a string (``accepted: true``
    is not a text, ``emotion: 1`` names no persona)."""
    return isinstance(value, str) or (isinstance(marker, TextMarker) and isinstance(value, dict))


def references(obj: BaseModel) -> Iterator[tuple[str, str, Path]]:
    """Every (kind, id, path) reference inside a model object."""
    for path, value, marker in walk(obj):
        if isinstance(marker, Ref):
            yield marker.kind, value, path


def texts(obj: BaseModel) -> Iterator[tuple[Path, str | dict[str, str]]]:
    """Every human-readable text inside a model object, with its path."""
    for path, value, marker in walk(obj):
        if isinstance(marker, TextMarker):
            yield path, value


def path_of(root: BaseModel, target: object) -> Path | None:
    """The path of ``target`` (a model object, by identity) inside ``root``, or None."""
    if target is root:
        return ()
    return next((p for p, v, m in walk(root) if m is None and v is target), None)
