"""The one canonical YAML writer: ``cxdsl fmt``, ``cxdsl init``/``new`` and generators.

Canonical means: keys in the model's order (``kind``, ``id``, then ``name`` or ``title``,
then fields as the model declares them, then ``tags``; unknown keys keep their order after
those, and a team's own ``x-`` keys theirs, last of all), languages in the
workspace's order inside ``{ar: ..., en: ...}``, two-space indentation with list dashes
indented under their key, and quotes only where a value needs them. Flow or block style
and every comment of a loaded document are kept; text is never re-wrapped. A string stays
quoted when any YAML 1.1 tool would read it as something else (``"No"``, ``"on"``,
``"1e3"``), and NEL, LS and PS are escaped inside double quotes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .loading.portable import plain_is_portable
from .model import ENTITY_KINDS, Entity
from .model.base import EXTENSION_PREFIX
from .model.introspect import models_in, text_fields

_PYYAML_RESOLVER = yaml.resolver.Resolver()


def _represent_float(representer: Any, value: float) -> Any:
    """Shortest exact form that YAML 1.1 and 1.2 both read as this float.

    ruamel's round-trip floats can drop a digit (5.960464477539063e-08 came back ...062e-08),
    and ``1e-08`` is a string to a YAML 1.1 reader: always repr, with a decimal point.
    """
    if value != value:
        text = ".nan"
    elif value in (float("inf"), float("-inf")):
        text = ".inf" if value > 0 else "-.inf"
    else:
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = mantissa + (f"e{exponent}" if exponent else "")
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def yaml_writer() -> YAML:
    """A ruamel.yaml round-trip instance set up for the canonical form."""
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never fold long text
    y.preserve_quotes = False
    y.allow_duplicate_keys = False
    y.representer.add_representer(float, _represent_float)
    return y


#: YAML line breaks beyond \n and \r: a loader folds them into spaces unless they are
#: escaped, which only double quotes do (\N, \L, \P).
_SPECIAL_BREAKS = ("\x85", "\u2028", "\u2029")


def _needs_quotes(value: str) -> bool:
    """Would a YAML 1.1 parser (PyYAML) read this plain string as something else?

    Also: NEL, LS and PS are line breaks to YAML and fold to spaces unless escaped, which
    only double quotes do.
    """
    if any(ch in value for ch in _SPECIAL_BREAKS):
        return True
    if value == "" or value != value.strip():
        return False  # ruamel quotes these itself
    tag: str = _PYYAML_RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, value, (True, False)
    )
    return tag != "tag:yaml.org,2002:str"


def _languages_first(node: CommentedMap, languages: Sequence[str]) -> None:
    order = {code: i for i, code in enumerate(languages)}
    keys = sorted(node, key=lambda k: (order.get(k, len(order)), list(node).index(k)))
    for key in keys:
        node.move_to_end(key)


#: What a reader looks for first in a mapping, in this order (those the model has).
_FIRST = ("kind", "id", "name", "title")
#: A team's own annotations: after the model's fields (``x-`` keys come last of all).
_ANNOTATIONS = ("tags", "extensions")


@cache
def _field_order(model: type[BaseModel]) -> dict[str, int]:
    """Rank of each field: ``kind``, ``id``, ``name``/``title`` first, then the others as
    the model declares them (a base class's ``description`` too), then ``tags``."""
    fields = list(model.model_fields)
    first = [name for name in _FIRST if name in fields]
    last = [name for name in _ANNOTATIONS if name in fields]
    middle = [name for name in fields if name not in first and name not in last]
    return {name: i for i, name in enumerate([*first, *middle, *last])}


def _key_rank(rank: dict[str, int], key: Any) -> int:
    """A key's place: a field's rank; after every field, a key the model does not know;
    last, an extension key (``x-...``), which the model keeps as written."""
    if key in rank:
        return rank[key]
    if isinstance(key, str) and key.startswith(EXTENSION_PREFIX):
        return len(rank) + 1
    return len(rank)


def canonical(node: Any, model: type[BaseModel] | None, languages: Sequence[str]) -> Any:
    """Reorder keys below ``node`` (in place) and quote strings where YAML 1.1 would not."""
    if isinstance(node, CommentedMap):
        if model is None:
            for key in list(node):
                node[key] = canonical(node[key], None, languages)
        else:
            _canonical_fields(node, model, languages)
        return node
    if isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            node[i] = canonical(item, model, languages)
        return node
    return _quoted(node)


def _canonical_fields(node: CommentedMap, model: type[BaseModel], languages: Sequence[str]) -> None:
    rank = _field_order(model)
    current = list(node)
    for key in sorted(current, key=lambda k: (_key_rank(rank, k), current.index(k))):
        node.move_to_end(key)
    shapes = text_fields(model)
    for key in list(node):
        child = node[key]
        shape = shapes.get(key)
        if shape == "one":
            node[key] = _canonical_text(child, languages)
        elif shape == "list" and isinstance(child, CommentedSeq):
            for i, item in enumerate(child):
                child[i] = _canonical_text(item, languages)
        elif shape == "values" and isinstance(child, CommentedMap):
            for label in list(child):
                child[label] = _canonical_text(child[label], languages)
        else:
            info = model.model_fields.get(key)
            sub = models_in(info.annotation) if info is not None else []
            node[key] = canonical(child, sub[0] if len(sub) == 1 else None, languages)


def _canonical_text(value: Any, languages: Sequence[str]) -> Any:
    """A Text: a {language: text} map in the workspace's language order, or a string."""
    if isinstance(value, CommentedMap):
        _languages_first(value, languages)
        for key in list(value):
            value[key] = _quoted(value[key])
        return value
    return _quoted(value)


def _quoted(value: Any) -> Any:
    if isinstance(value, float) and type(value) is not float:
        return float(value)  # a plain float, written by _represent_float
    if (
        isinstance(value, str)
        and not isinstance(value, DoubleQuotedScalarString)
        and (_needs_quotes(value))
    ):
        return DoubleQuotedScalarString(value)
    return value


def model_of(doc: Any, settings_file: bool = False) -> type[BaseModel] | None:
    """The model a loaded document is written for (by its ``kind``), if any."""
    if settings_file:
        from .model import Settings

        return Settings
    kind = doc.get("kind") if isinstance(doc, CommentedMap) else None
    return ENTITY_KINDS.get(kind) if isinstance(kind, str) else None


def dump_documents(docs: list[Any], y: YAML | None = None) -> str:
    """Canonical documents (from :func:`canonical`) as one YAML stream.

    ``y`` is the instance that loaded them, if any (it knows the stream's directives).
    May raise ruamel's ``YAMLError`` for a value it cannot write.
    """
    y = y or yaml_writer()
    for doc in docs:
        _quote_ambiguous(doc, flow=False)
    buffer = io.StringIO()
    if len(docs) == 1:
        y.dump(docs[0], buffer)
    else:
        y.dump_all(docs, buffer)
    return buffer.getvalue()


def _quote_ambiguous(node: Any, flow: bool) -> None:
    """Double-quote the strings that parsers would read differently if written plain.

    ruamel's emitter writes ``{en: Is it?}`` and ``[:x]`` plain, which PyYAML's pure
    parser (and libyaml, for ``:x``) refuse; see :mod:`cxdsl.loading.portable`.
    """
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    inner = flow or bool(node.fa.flow_style())
    keys = list(node) if isinstance(node, CommentedMap) else range(len(node))
    for key in keys:
        value = node[key]
        if isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString):
            if not plain_is_portable(value, inner):
                node[key] = DoubleQuotedScalarString(value)
        else:
            _quote_ambiguous(value, inner)


def entity_data(entity: Entity) -> dict[str, Any]:
    """Plain data for an entity: ``kind`` and ``id`` first, defaults left out, a team's
    extension fields written back as the ``x-`` keys they were (``extensions`` is how the
    model keeps them, not what an author writes)."""
    data = entity.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    _extensions_as_keys(entity, data)
    data.pop("kind", None)
    ident = data.pop("id")
    return {"kind": entity.kind, "id": ident, **data}


def _extensions_as_keys(obj: BaseModel, data: dict[str, Any]) -> None:
    """Move ``extensions`` of ``obj`` and of every model object below it (as dumped in
    ``data``) to the end of their mapping, as keys."""
    for name in type(obj).model_fields:
        value, dumped = getattr(obj, name, None), data.get(name)
        if isinstance(value, BaseModel) and isinstance(dumped, dict):
            _extensions_as_keys(value, dumped)
        elif isinstance(value, list) and isinstance(dumped, list):
            for item, item_data in zip(value, dumped, strict=False):
                if isinstance(item, BaseModel) and isinstance(item_data, dict):
                    _extensions_as_keys(item, item_data)
    extensions = data.pop("extensions", None) if "extensions" in type(obj).model_fields else None
    if isinstance(extensions, dict):
        data.update(extensions)


def _commented(value: Any) -> Any:
    """Plain data as ruamel's round-trip containers (what :func:`canonical` works on)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _commented(item)
        return out
    if isinstance(value, list | tuple):
        return CommentedSeq(_commented(item) for item in value)
    return value


def dump_entities(entities: Iterable[Entity], languages: Sequence[str] = ()) -> str:
    """A YAML stream with one document per entity, in the canonical form.

    Text maps keep their order unless ``languages`` gives the workspace's.
    """
    docs = [
        canonical(_commented(entity_data(e)), type(e), languages)
        for e in entities  # each entity is its own model
    ]
    return dump_documents(docs)
