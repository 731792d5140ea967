"""``cxdsl diff --format json``, version 2: everything the comment says, as data for tools.

One object (``schemas/diff-v2.schema.json`` is its JSON Schema, the README shows it):
both revisions, the workspace's languages and the comment's, a headline in counts and
words, a count per category, and every change with its ids, the raw before and after,
the fields of an edited item, the titles of its journey, stage, step and persona in
every language they are written in, the sentence the comment says in every workspace
language (plain text, no Markdown), the attention flags about it and its page on the
preview site; then every flag, the check findings the change introduced and fixed, and
effort as-is → to-be.

Model text stays data: it is written as the files have it (JSON escapes it; nothing is
HTML or Markdown). A sentence in a right-to-left language has its left-to-right runs
(Latin text, ids, numbers) isolated as the comment isolates them, so it reads in order
wherever it is shown. The output is deterministic: lists keep the order that means
something (changes in the diff's order, flags most important first) and everything else
is sorted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

from ..compiler import CheckResult
from ..diagnostics import Diagnostic, Severity
from ..diff.attention import FINDING_INTRODUCED, Flag
from ..diff.engine import Change
from ..diff.findings import entities_of, finding_place, stable_subject
from ..diff.phrases import FSI, LRI, PDI, Line, Part, Parts, words
from ..diff.view import DiffView
from ..diff.words import describe
from ..i18n import is_rtl
from .base import DiffOutput
from .check_json import diagnostic_json
from .diff_attention import flag_parts, flags_and_findings
from .diff_comment import headline_parts, language

#: The version of this format (``version`` in the output); version 1 had no titles,
#: sentences, flags, findings or preview links (its fields are all still here).
VERSION = 2

#: The raw operations of the diff engine (``Change.detail`` when it is one).
OPS = frozenset({"added", "removed", "changed", "reordered", "moved"})

#: A text in each language it is written in.
Texts = dict[str, str]


def emit(out: DiffOutput) -> str:
    """The JSON format of ``cxdsl diff`` (version 2)."""
    return json.dumps(payload(out), ensure_ascii=False, indent=2, default=str) + "\n"


def payload(out: DiffOutput) -> dict[str, Any]:
    """The version-2 object of a diff (see the module's docstring and the schema)."""
    view = DiffView(out.base or out.head, out.head)
    flags, findings = flags_and_findings(out)
    changes = out.diff.changes
    head_entities = entities_of(out.head)
    base_entities = entities_of(out.base) if out.base is not None else head_entities
    about = FlagIndex(flags, finding_paths(findings.introduced, head_entities))
    return {
        "version": VERSION,
        "base": out.base_name,
        "head": out.head_name,
        "languages": view.languages,
        "language": language(out),
        "preview_url": out.preview_url,
        "headline": headline(changes, view.languages),
        "summary": dict(sorted(Counter(c.category for c in changes).items())),
        "check": check_counts(out.head),
        "changes": [change_json(out, view, c, about) for c in changes],
        "attention": [flag_json(view, f) for f in flags],
        "findings": {
            "introduced": [finding_json(d, head_entities) for d in findings.introduced],
            "fixed": [finding_json(d, base_entities) for d in findings.fixed],
        },
        "effort": [e.as_json() for e in out.diff.effort],
    }


# --- plain text ----------------------------------------------------------------------


def plain_text(parts: Parts, lang: str) -> str:
    """A sentence as plain text: the parts' words as they are, no Markdown. In a
    right-to-left ``lang`` each run of left-to-right model text is isolated (FSI…PDI) and
    each id or number too (LRI…PDI), as the comment does, so it reads in order."""
    rtl = is_rtl(lang)
    out: list[str] = []
    run: list[str] = []  # the current run of left-to-right model text
    for part in parts:
        foreign = rtl and part.kind in ("text", "del", "ins") and bool(part.lang)
        foreign = foreign and not is_rtl(part.lang or "")
        if run and not foreign:
            out.append(f"{FSI}{''.join(run)}{PDI}")
            run = []
        if foreign:
            run.append(part.value)
        elif rtl and part.kind in ("code", "number", "delta") and part.value:
            out.append(f"{LRI}{part.value}{PDI}")
        else:
            out.append(part.value)
    if run:
        out.append(f"{FSI}{''.join(run)}{PDI}")
    return "".join(out)


def line_text(line: Line, lang: str) -> str:
    """A described change as plain text: its sentence, then a line per changed field or
    language (``- severity: high → medium``), indented by depth."""
    return "\n".join(_line_texts(line, lang, ""))


def _line_texts(line: Line, lang: str, indent: str) -> list[str]:
    head = plain_text(line.parts, lang)
    out = [f"{indent}- {head}" if indent else head]
    for sub in line.subs:
        out += _line_texts(sub, lang, indent + "  " if indent else "  ")
    return out


# --- titles --------------------------------------------------------------------------


def texts(value: Any, languages: list[str]) -> Texts | None:
    """A model text in each language it is written in, sorted by language; a plain
    string is in the workspace's first language. None for anything else."""
    if isinstance(value, str):
        return {languages[0] if languages else "": value}
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in sorted(value.items())}
    return None


def titles(
    view: DiffView,
    kind: str,
    entity: str,
    where: tuple[str | None, str | None, str | None],
    fallback: Any = None,
) -> dict[str, Texts | None]:
    """The entity's title (else ``fallback``, the label a change recorded), and the titles
    of the stage and step and the name of the persona ``where`` names (ids), in every
    language; None where there is none."""
    stage_id, step_id, persona = where
    languages = view.languages
    title = view.title(kind, entity) if kind != "file" else None
    stage = step = None
    if kind == "journey":
        stage, step = view.step(entity, step_id) if step_id else (None, None)
        if stage is None and stage_id:
            stage = view.stage(entity, stage_id)
    name = view.title("persona", persona) if persona else None
    return {
        "entity": texts(title if title is not None else fallback, languages),
        "stage": texts(stage.title, languages) if stage is not None else None,
        "step": texts(step.title, languages) if step is not None else None,
        "persona": texts(name, languages),
    }


# --- the headline --------------------------------------------------------------------


def headline(changes: list[Change], languages: list[str]) -> dict[str, Any]:
    """How many changes, how many entities of each kind they change, and the headline in
    words in every language (``2 changes in 1 journey.``; None without changes)."""
    entities = Counter(kind for kind, _ in dict.fromkeys((c.kind, c.entity) for c in changes))
    return {
        "changes": len(changes),
        "entities": dict(sorted(entities.items())),
        "text": {lang: _headline_text(len(changes), entities, lang) for lang in sorted(languages)}
        if changes
        else None,
    }


def _headline_text(changes: int, entities: Counter[str], lang: str) -> str:
    return plain_text(headline_parts(changes, entities, lang), lang)


def check_counts(head: CheckResult) -> dict[str, int]:
    """``cxdsl check`` on the head: how many errors, warnings and notes."""
    counts = Counter(d.severity for d in head.diagnostics)
    return {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "notes": counts[Severity.INFO],
    }


# --- changes -------------------------------------------------------------------------


def op_of(change: Change) -> str:
    """The raw operation of a change: its ``detail`` where that is one, else the last word
    of its category (``removed`` for a ``metric.removed`` whose detail counts dangling
    references, ``renamed``, ``dangling``, ``moved`` for a ``figure.moved``)."""
    if change.detail in OPS:
        return change.detail
    return change.category.rsplit(".", 1)[-1]


def change_json(
    out: DiffOutput, view: DiffView, change: Change, flags: FlagIndex
) -> dict[str, Any]:
    """One change: its ids and raw values (version 1's fields), then its titles, its
    sentence in every language, the flags about it and its preview page."""
    languages = view.languages
    fallback = None
    if not change.path and change.category.endswith((".added", ".removed")):
        fallback = change.after if change.category.endswith(".added") else change.before
    where = (change.stage, change.step, change.persona)
    return {
        "kind": change.kind,
        "entity": change.entity,
        "category": change.category,
        "op": op_of(change),
        "detail": change.detail,
        "path": change.path,
        "stage": change.stage,
        "step": change.step,
        "persona": change.persona,
        "before": change.before,
        "after": change.after,
        "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in change.fields],
        "titles": titles(view, change.kind, change.entity, where, fallback),
        "text": {lang: line_text(describe(change, view, lang), lang) for lang in sorted(languages)},
        "flags": flags.about(change),
        "preview": preview(out, change, languages),
    }


#: The categories of the changes each flag is about (a flag not listed: any change at
#: its place).
_FLAGGED = {
    "attention.emotion-worse": ("emotion.changed",),
    "attention.step-removed": ("step.removed", "stage.removed"),
    "attention.measured-step-removed": ("step.removed", "stage.removed"),
    "attention.metric-removed": ("metric.removed",),
    "attention.question-removed": ("question.removed", "instrument.questions"),
    "attention.measurement-removed": ("measurement.removed",),
    "attention.severity-raised": (
        "pain_point.changed",
        "pain_point.added",
        "step.added",
        "stage.added",
    ),
}


#: An id path inside an entity: ``("stages[apply]", "steps[pay]", "pain_points", "0")``.
IdPath = tuple[str, ...]


def is_about(flag: Flag, change: Change, paths: list[IdPath] | None = None) -> bool:
    """Whether ``flag`` is about ``change``: the same entity, a category the flag's code is
    about, and the same place (step, else stage; persona where both name one). A finding
    the change introduced is about the changes at or inside its subject, or around it
    (``paths``: the id paths of the findings the flag stands for)."""
    if (flag.kind, flag.entity) != (change.kind, change.entity):
        return False
    if flag.code in _FLAGGED and change.category not in _FLAGGED[flag.code]:
        return False
    if paths:
        ours = id_path(change.path)
        return any(ours[: len(p)] == p or p[: len(ours)] == ours for p in paths)
    if flag.persona and change.persona and flag.persona != change.persona:
        return False
    if flag.step:
        whole_stage = change.step is None and change.category.startswith("stage.")
        return change.step == flag.step or (whole_stage and change.stage == flag.stage)
    return not flag.stage or change.stage == flag.stage


_SEGMENT = re.compile(r"(?:[^.\[]|\[[^\]]*\])+")


def id_path(path: str) -> IdPath:
    """A change's path as segments: ``stages[apply].steps[pay].pain_points[0]`` →
    ``("stages[apply]", "steps[pay]", "pain_points", "0")``."""
    return tuple(_SEGMENT.findall(re.sub(r"\[([0-9]+)\]", r".\1", path)))


def finding_paths(found: list[Diagnostic], entities: dict[str, Any]) -> dict[str, list[IdPath]]:
    """The id paths of the findings with a subject, by the detail of the flag that stands
    for each (``CX213 message``): what :func:`is_about` matches a change's path against."""
    out: dict[str, list[IdPath]] = {}
    for d in found:
        if d.subject is None:
            continue
        about, _ = stable_subject(d.subject, entities)
        _, _, rest = about.partition("/")
        out.setdefault(f"{d.code} {d.message}", []).append(tuple(rest.split("/")) if rest else ())
    return out


@dataclass(frozen=True)
class FlagIndex:
    """A diff's flags, to tell which are about a change."""

    flags: list[Flag]
    #: :func:`finding_paths` of the findings the change introduced.
    findings: dict[str, list[IdPath]]

    def about(self, change: Change) -> list[str]:
        """The codes of the flags about ``change``, most important first, each once."""
        codes = []
        for flag in self.flags:
            paths = self.findings.get(flag.detail) if flag.code == FINDING_INTRODUCED else None
            if is_about(flag, change, paths):
                codes.append(flag.code)
        return list(dict.fromkeys(codes))


def preview(out: DiffOutput, change: Change, languages: list[str]) -> Texts | None:
    """The change's page on the preview site in each language (``--preview-url``): where
    the head has it, else its entry on the Changes page; None without a preview or for a
    kind the site has no page for."""
    if not out.preview_url:
        return None
    from ..site.preview import change_path

    root = out.preview_url.rstrip("/") + "/"
    pages = {lang: change_path(change, lang, out.head) for lang in sorted(languages)}
    found = {lang: urljoin(root, page) for lang, page in pages.items() if page is not None}
    return found or None


# --- flags and findings --------------------------------------------------------------


def flag_json(view: DiffView, flag: Flag) -> dict[str, Any]:
    """A flag (:meth:`Flag.as_json`) with the titles of where it is and its sentence in
    every workspace language."""
    data = flag.as_json()
    where = (flag.stage, flag.step, flag.persona)
    data["titles"] = titles(view, flag.kind, flag.entity, where)
    data["message"] = {
        lang: plain_text(flag_words(flag, view, lang), lang) for lang in sorted(view.languages)
    }
    return data


def flag_words(flag: Flag, view: DiffView, lang: str) -> Parts:
    """A flag in words as the comment says it; a finding the change introduced says what
    the finding is (``CX213 high-severity pain point …``, as ``cxdsl check`` words it)."""
    if flag.code != FINDING_INTRODUCED:
        return flag_parts(flag, view, lang)
    code, _, message = flag.detail.partition(" ")
    where = flag_parts(replace(flag, before=None, after=None), view, lang)
    return (*where, words(" — "), Part("code", code), words(" "), Part("text", message, "en"))


def finding_json(d: Diagnostic, entities: dict[str, Any]) -> dict[str, Any]:
    """A check finding: code, severity, message, where (file, line, column), its subject,
    and the entity, stage and step it is about (``entities``: its side's,
    :func:`~cxdsl.diff.findings.entities_of`)."""
    kind, ident, stage, step = finding_place(d, entities)
    shown = diagnostic_json(d)
    return {
        **{key: shown[key] for key in ("code", "name", "severity", "message")},
        **{key: shown[key] for key in ("file", "line", "column")},
        "subject": d.subject,
        "kind": kind,
        "entity": ident,
        "stage": stage,
        "step": step,
    }
