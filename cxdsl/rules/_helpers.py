"""Helpers shared by rule modules (not a rule itself)."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..model import Journey, Model, Stage, Step


def _is_text_union(annotation: Any) -> bool:
    args = get_args(annotation)
    return str in args and any(get_origin(a) is dict and get_args(a)[1] is str for a in args)


def _text_shape(annotation: Any) -> str | None:
    """'one', 'list' or 'values' when a field holds Text, else None."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        if _is_text_union(annotation):
            return "one"
        for arg in get_args(annotation):
            shape = _text_shape(arg)
            if shape:
                return shape
    if origin is list and _text_shape(get_args(annotation)[0]) == "one":
        return "list"
    if origin is dict and _text_shape(get_args(annotation)[1]) == "one":
        return "values"
    if origin is typing.Annotated:
        return _text_shape(get_args(annotation)[0])
    return None


@cache
def text_fields(cls: type[BaseModel]) -> dict[str, str]:
    out = {}
    for name, info in cls.model_fields.items():
        shape = _text_shape(info.annotation)
        if shape:
            out[name] = shape
    return out


def iter_texts(
    obj: BaseModel, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], str | dict[str, str]]]:
    """Every human-readable text of a model object, with its path."""
    shapes = text_fields(type(obj))
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if value is None:
            continue
        shape = shapes.get(name)
        if shape == "one":
            yield (*path, name), value
        elif shape == "list":
            for i, item in enumerate(value):
                yield (*path, name, i), item
        elif shape == "values":
            for key, item in value.items():
                yield (*path, name, key), item
        elif isinstance(value, Model):
            yield from iter_texts(value, (*path, name))
        elif isinstance(value, list) and value and isinstance(value[0], Model):
            for i, item in enumerate(value):
                yield from iter_texts(item, (*path, name, i))


def iter_steps(journey: Journey) -> Iterator[tuple[tuple[Any, ...], Stage, Step]]:
    """(path, stage, step) for every step of a journey, in order."""
    for si, stage in enumerate(journey.stages):
        for ti, step in enumerate(stage.steps):
            yield ("stages", si, "steps", ti), stage, step
