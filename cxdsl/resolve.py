"""Resolve references: every id written anywhere must name an entity of the right kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import codes
from .diagnostics import Issue, Related
from .loading import Document, Workspace
from .model import Entity, Instrument, Journey, ResponseScale
from .model.introspect import references
from .model.kinds import UNKNOWN_REF_CODES, kind_of
from .suggest import did_you_mean

__all__ = ["UNKNOWN_REF_CODES", "Index", "build_index", "references", "resolve_references"]

E = TypeVar("E", bound=Entity)


@dataclass
class Index:
    """Entities by kind and id: the first definition wins, later ones are duplicates."""

    by_kind: dict[str, dict[str, Document]] = field(default_factory=dict)
    #: (kind, id) of entities refused because their id differs from another only in case
    #: (references to them are not reported again as unknown).
    refused: set[tuple[str, str]] = field(default_factory=set)

    def get(self, kind: str, ident: str) -> Document | None:
        return self.by_kind.get(kind, {}).get(ident)

    def entity(self, kind: str, ident: str | None) -> Any:
        doc = self.get(kind, ident) if ident else None
        return doc.entity if doc else None

    def ids(self, kind: str) -> list[str]:
        return list(self.by_kind.get(kind, {}))

    def docs(self, kind: str) -> list[Document]:
        return list(self.by_kind.get(kind, {}).values())

    def entities(self, cls: type[E]) -> Iterator[tuple[E, Document]]:
        """Every entity of a class (first definitions only), typed, with its document."""
        for doc in self.docs(kind_of(cls).name):
            if isinstance(doc.entity, cls):
                yield doc.entity, doc


def build_index(ws: Workspace) -> tuple[Index, list[Issue]]:
    """Index every entity; a second definition of an id is an error pointing at the first.

    Ids are unique without regard to case within a kind: ``Noura`` and ``noura`` would get
    the same page and diagram file on a case-insensitive file system (macOS, Windows).
    References stay case-sensitive.
    """
    index = Index()
    issues = []
    folded: dict[str, dict[str, Document]] = {}
    for doc in ws.documents:
        table = index.by_kind.setdefault(doc.kind, {})
        first = table.get(doc.id)
        if first is not None:
            issues.append(
                Issue(
                    codes.CX101_DUPLICATE_ID,
                    f"duplicate {doc.kind} id '{doc.id}'",
                    doc.span_at(("id",)),
                    related=(Related(message="first defined here", span=first.span_at(("id",))),),
                )
            )
            continue
        same = folded.setdefault(doc.kind, {})
        other = same.get(doc.id.casefold())
        if other is not None:
            issues.append(
                Issue(
                    codes.CX101_DUPLICATE_ID,
                    f"{doc.kind} id '{doc.id}' differs only in case from '{other.id}'",
                    doc.span_at(("id",)),
                    _CASE_HINT,
                    (
                        Related(
                            message=f"'{other.id}' is defined here", span=other.span_at(("id",))
                        ),
                    ),
                )
            )
            index.refused.add((doc.kind, doc.id))
            continue
        table[doc.id] = doc
        same[doc.id.casefold()] = doc
    for journey, doc in index.entities(Journey):
        issues.extend(_local_duplicates(journey, doc))
    return index, issues


def _local_duplicates(journey: Journey, doc: Document) -> Iterator[Issue]:
    seen: dict[str, tuple[str, tuple[Any, ...]]] = {}  # by folded id: (id, path)
    for si, stage in enumerate(journey.stages):
        items = [(("stages", si), stage, "stage")] + [
            (("stages", si, "steps", ti), step, "step") for ti, step in enumerate(stage.steps)
        ]
        for path, item, what in items:
            key = item.id.casefold()
            if key not in seen:
                seen[key] = (item.id, path)
                continue
            first_id, first_path = seen[key]
            if first_id == item.id:
                message = f"duplicate {what} id '{item.id}' in journey '{doc.id}'"
                hint = "stage and step ids must be unique within a journey"
            else:
                message = (
                    f"{what} id '{item.id}' differs only in case from '{first_id}' in "
                    f"journey '{doc.id}'"
                )
                hint = _CASE_HINT
            yield Issue(
                codes.CX101_DUPLICATE_ID,
                message,
                doc.span_at((*path, "id")),
                hint=hint,
                related=(
                    Related(message="first used here", span=doc.span_at((*first_path, "id"))),
                ),
            )


def resolve_references(ws: Workspace, index: Index) -> list[Issue]:
    """A located issue for every reference that names nothing (with a 'did you mean')."""
    issues = []
    scales = ws.settings.emotion_scales
    for doc in ws.documents:
        for kind, ident, path in references(doc.entity):
            if (
                index.get(kind, ident) is not None
                or (kind, ident) in ws.broken_ids
                or (kind, ident) in index.refused
            ):
                continue
            hint = did_you_mean(ident, index.ids(kind))
            if hint is None:
                other = [k for k, table in index.by_kind.items() if ident in table]
                hint = f"'{ident}' is {_a(other[0])}, not {_a(kind)}" if other else None
            issues.append(
                Issue(
                    UNKNOWN_REF_CODES[kind],
                    f"unknown {kind.replace('_', ' ')} '{ident}'",
                    doc.span_at(path),
                    hint,
                )
            )
        entity = doc.entity
        if (
            isinstance(entity, Journey)
            and entity.emotion_scale is not None
            and (entity.emotion_scale not in scales)
        ):
            issues.append(
                Issue(
                    codes.CX112_UNKNOWN_EMOTION_SCALE,
                    f"unknown emotion scale '{entity.emotion_scale}'",
                    doc.span_at(("emotion_scale",)),
                    did_you_mean(entity.emotion_scale, scales)
                    or "scales are declared under emotion_scales: in cxdsl.yaml",
                )
            )
        if isinstance(entity, Instrument):
            issues.extend(_answer_scales(entity, doc, ws.settings.answer_scales))
    return issues


def _answer_scales(
    instrument: Instrument, doc: Document, scales: dict[str, ResponseScale]
) -> Iterator[Issue]:
    """Put each named answer scale in place of its id; report the names that are unknown."""
    for number, question in enumerate(instrument.questions):
        if not isinstance(question.scale, str):
            continue
        if question.scale in scales:
            question.scale = scales[question.scale]
            continue
        yield Issue(
            codes.CX116_UNKNOWN_ANSWER_SCALE,
            f"unknown answer scale '{question.scale}'",
            doc.span_at(("questions", number, "scale")),
            did_you_mean(question.scale, scales)
            or "named scales are declared under answer_scales: in cxdsl.yaml",
        )


_CASE_HINT = (
    "ids must be unique without regard to case: their pages and diagrams would "
    "share a file on macOS and Windows"
)


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
