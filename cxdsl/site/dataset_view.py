"""Datasets on the metrics page: what each one holds (its shape), what it feeds (an
instrument, a metric, a journey), the events it maps to steps and the roles its columns
play.

Where the data is read from (a file, a backend's table, a connection) and which source
column holds what are machine fields (:mod:`.machine_fields`): never shown. A column
declared personal is not even named; the page only says how many there are.
"""

from __future__ import annotations

from ..i18n import has_string
from ..model import Dataset, Instrument, Journey, Step
from ..model.results import COLUMN_ROLES, Column
from ..paths import anchor_id, entity_path
from .content import PageContext
from .markdown import relative
from .more_table import more_table


def datasets_section(pc: PageContext, here: str) -> str:
    """Every dataset of the workspace under one heading ("" when there is none)."""
    datasets = [d for d, _ in pc.result.index.entities(Dataset)]
    if not datasets:
        return ""
    out = [f"\n## {pc.w.t('datasets')}\n"]
    out += [dataset_block(pc, dataset, here) for dataset in datasets]
    return "\n".join(out)


def dataset_block(pc: PageContext, dataset: Dataset, here: str) -> str:
    """One dataset: its name, description, facts, events, column roles and "More" table."""
    w, t = pc.w, pc.w.t
    title = w.inline(dataset.name) if dataset.name else w.plain(dataset.id)
    out = [f"\n### {title} {{#dataset-{anchor_id(dataset.id)}}}\n"]
    if dataset.description:
        out.append(f"{w.inline(dataset.description)}\n")
    out.append(
        w.table([t("field"), t("value")], [(k, v) for k, v in _facts(pc, dataset, here) if v])
    )
    if not dataset.events and dataset.shape == "events":
        out.append(_instrument_events(pc, dataset, here))
    if dataset.events:
        rows = [
            (_code(pc, name), _step(pc, dataset, step, here))
            for name, step in dataset.events.items()
        ]
        out.append(f"\n{t('events_to_steps')}:\n\n" + w.table([t("event"), t("step")], rows))
    out.append(_columns(pc, dataset))
    out.append(more_table(pc, dataset))
    return "\n".join(part for part in out if part)


def _instrument_events(pc: PageContext, dataset: Dataset, here: str) -> str:
    """Where an events dataset maps no event itself: the instrument's events count."""
    inst = pc.result.index.entity("instrument", dataset.instrument) if dataset.instrument else None
    if not isinstance(inst, Instrument) or not inst.events:
        return ""
    link = pc.w.entity_link("instrument", inst.id, here)
    return f"\n{pc.w.t('events_to_steps')}: {pc.w.t('events_from_instrument')} ({link})\n"


def _code(pc: PageContext, text: str) -> str:
    return pc.w.code(text)


def _facts(pc: PageContext, dataset: Dataset, here: str) -> list[tuple[str, str]]:
    """(label, Markdown) rows; the caller leaves out the empty ones."""
    w, t = pc.w, pc.w.t
    journey = (
        w.entity_link("journey", dataset.journey, here)
        if dataset.journey
        else w.plain(t("journey_from_column"))
    )
    return [
        (t("dataset_shape"), w.value(dataset.shape)),
        (
            t("instrument"),
            w.entity_link("instrument", dataset.instrument, here) if dataset.instrument else "",
        ),
        (t("metric"), w.entity_link("metric", dataset.metric, here) if dataset.metric else ""),
        (t("journey"), journey),
        (t("start_event"), _code(pc, dataset.start_event) if dataset.start_event else ""),
        (t("end_event"), _code(pc, dataset.end_event) if dataset.end_event else ""),
    ]


def _step(pc: PageContext, dataset: Dataset, ident: str, here: str) -> str:
    """The step an event marks, by its title (linked), in the dataset's journey (any
    journey when the dataset names none); as written with ⚠ when no such step exists."""
    journeys = pc.journeys()
    if dataset.journey:
        journeys = [j for j in journeys if j.id == dataset.journey]
    found = _find_step(journeys, ident)
    if found is None:
        return f"{pc.w.plain(ident)} ⚠"
    journey, step = found
    target = f"{entity_path('journey', journey.id)}#step-{anchor_id(step.id)}"
    return pc.w.link(pc.w.inline(step.title), relative(here, target))


def _find_step(journeys: list[Journey], ident: str) -> tuple[Journey, Step] | None:
    for journey in journeys:
        for step in journey.steps():
            if step.id == ident:
                return journey, step
    return None


def _columns(pc: PageContext, dataset: Dataset) -> str:
    """The roles and questions the dataset's columns are mapped to (never the source
    column's name); personal columns are only counted."""
    w, t = pc.w, pc.w.t
    personal = [
        k for k, spec in dataset.columns.items() if isinstance(spec, Column) and spec.personal
    ]
    mapped = [k for k in dataset.columns if k not in personal]
    out = []
    if mapped:
        rows = [(_code(pc, key), _holds(pc, dataset, key)) for key in mapped]
        out.append(
            f"\n{t('dataset_columns')}:\n\n" + w.table([t("column_key"), t("column_holds")], rows)
        )
    if personal:
        out.append("\n" + w.plain(t("personal_columns").format(n=len(personal))) + "\n")
    return "\n".join(out)


def _holds(pc: PageContext, dataset: Dataset, key: str) -> str:
    """What a mapped key is: a role (``submitted at``) or a question of the instrument."""
    w, t = pc.w, pc.w.t
    if key in COLUMN_ROLES:
        label = next((k for k in (f"role_{key}", key) if has_string(k)), None)
        return f"{t('column_role')}: " + (t(label) if label else w.plain(key))
    inst = pc.result.index.entity("instrument", dataset.instrument) if dataset.instrument else None
    if isinstance(inst, Instrument):
        for question in inst.questions:
            if question.id == key:
                return f"{t('question')}: {w.inline(question.text)}"
    return ""
