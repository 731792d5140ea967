"""The Python API for model files.

A Python model file in ``personas/`` or ``journeys/`` imports the model classes from here
and assigns entities (or lists of entities) to module-level names; each becomes part of
the workspace exactly as if it had been written in YAML. Names starting with ``_`` are
private. Python model files run only when ``cxdsl.yaml`` sets ``allow_python: true``, and
never under ``cxdsl check --no-python``.

Each file runs in its own process (a child of one worker that cxdsl starts once), with a
time limit (``python_timeout`` in ``cxdsl.yaml``, 10 seconds unless set) and, on Linux, a
memory limit of 1 GiB above the interpreter's own. Its entities are handed back as plain
data and validated again, so an object built with ``model_construct`` or changed after it
was made is checked like any other. What the file prints is shown only if it fails.

Example::

    from cxdsl.api import Journey, Stage, Step

    def bilingual(ar: str, en: str) -> dict[str, str]:
        return {"ar": ar, "en": en}

    journey = Journey(
        id="request-certificate",
        title=bilingual("طلب شهادة", "Request a certificate"),
        persona="maria-resident",
        stages=[Stage(id="apply", title=bilingual("التقديم", "Apply"), steps=[...])],
    )
"""

from __future__ import annotations

from .model import (
    Action,
    Actor,
    Channel,
    Effort,
    EmotionScale,
    Evidence,
    Instrument,
    Journey,
    Measurement,
    Metric,
    PainPoint,
    Persona,
    PersonaContext,
    Question,
    ResponseScale,
    Segment,
    Stage,
    Stakeholder,
    Step,
    System,
    Transition,
    Trigger,
)


def text(ar: str | None = None, en: str | None = None, **others: str) -> dict[str, str]:
    """A bilingual (or multilingual) text: ``text(ar="...", en="...")``."""
    out = {k: v for k, v in (("ar", ar), ("en", en)) if v is not None}
    out.update(others)
    return out


__all__ = [
    "Action",
    "Actor",
    "Channel",
    "Effort",
    "EmotionScale",
    "Evidence",
    "Instrument",
    "Journey",
    "Measurement",
    "Metric",
    "PainPoint",
    "Persona",
    "PersonaContext",
    "Question",
    "ResponseScale",
    "Segment",
    "Stage",
    "Stakeholder",
    "Step",
    "System",
    "Transition",
    "Trigger",
    "text",
]
