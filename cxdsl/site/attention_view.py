"""What needs attention first: the home page's section (each list short, its first rows
and "and N more") and the page that holds every list whole (``attention.md``).

In this order: the worst steps across journeys; the painful steps nothing measures
(CX227's findings); segments and personas no journey serves; evidence older than
``settings.evidence_stale_after_months``; once results exist, the figures off target or
underpowered in their latest period (:func:`.measured_pages.attention_list`, whole on the
attention page). Then the model check in one line that says what it checks (the files,
not the journeys).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..diagnostics import Severity
from ..journey_health import JourneyHealth, StepHealth, worst_steps
from ..model import Evidence, Segment
from ..rules.catalogue_doc import anchor
from ..rules.cx227_unmeasured_pain import UnmeasuredPain
from .content import PageContext
from .evidence_age import age_words, is_stale, months_old
from .health_view import count_md, feelings_md, health_of, minutes_md, step_link
from .markdown import relative
from .measured_figures import figure_row, metric_of, series_md, series_of
from .measured_pages import ATTENTION, attention_list, latest_figures
from .page_dates import build_day

#: The page that holds every list whole.
ATTENTION_PAGE = "attention.md"
#: How many rows each list shows on the home page.
LIMIT = 5
#: How many rows each list shows on the attention page.
WHOLE = 200


@dataclass(frozen=True)
class Part:
    """One list: its anchor, heading, help line (Markdown), table headers and rows."""

    anchor: str
    title: str
    help: str
    headers: list[str]
    rows: list[list[str]]


def old_evidence(pc: PageContext, today: dt.date) -> list[tuple[Evidence, int]]:
    """Evidence gathered longer ago than ``evidence_stale_after_months`` (as its citations
    flag it, :mod:`.evidence_age`), oldest first, with its age in whole months; evidence
    without a date is left out (its age is unknown)."""
    limit = pc.result.workspace.settings.evidence_stale_after_months
    found = [
        (e, months_old(e.date, today))
        for e in (d.entity for d in pc.result.index.docs("evidence"))
        if isinstance(e, Evidence) and e.date is not None and is_stale(e.date, today, limit)
    ]
    return sorted(found, key=lambda item: item[0].date or today)


def without_journey(pc: PageContext) -> list[tuple[str, str]]:
    """(kind, id) of every segment and persona no journey serves: a persona on no journey,
    a segment that neither it nor a segment below it is a journey's or such a persona's."""
    journeys = pc.journeys()
    on_journey = {p for j in journeys for p in j.all_personas()}
    personas = pc.personas()
    served = {s for j in journeys for s in j.segments}
    served |= {s for p in personas if p.id in on_journey for s in p.segments}
    parents = {
        d.entity.id: d.entity.parent
        for d in pc.result.index.docs("segment")
        if isinstance(d.entity, Segment)
    }
    covered: set[str] = set()
    for ident in served:
        current: str | None = ident
        while current is not None and current not in covered:
            covered.add(current)
            current = parents.get(current)
    segments = [("segment", ident) for ident in parents if ident not in covered]
    return segments + [("persona", p.id) for p in personas if p.id not in on_journey]


def _worst(pc: PageContext, healths: list[JourneyHealth], here: str) -> Part:
    w, t = pc.w, pc.w.t
    by_journey = {id(h.journey): h for h in healths}
    rows = []
    for step in worst_steps(healths):
        health = by_journey[id(step.journey)]
        measured = (
            "✓" if step.measured else f"{'⚠ ' if step.painful else ''}{t('health.not_measured')}"
        )
        rows.append(
            [
                step_link(pc, step.journey, step.step, here),
                w.entity_link("journey", step.journey.id, here),
                feelings_md(pc, health, step.feelings),
                _pains(pc, step),
                minutes_md(pc, step.minutes),
                measured,
            ]
        )
    headers = ["step", "journey", "health.feeling", "health.high_pains", "health.time"]
    return Part(
        "attention-worst",
        t("health.worst_steps"),
        w.plain(t("health.worst_steps_help")),
        [t(h) for h in [*headers, "health.measurement"]],
        rows,
    )


def _with_rule(pc: PageContext, text: str, code: str, here: str) -> str:
    """``text`` as Markdown, its ``{rule}`` the rule's code linked to its entry on the
    check page."""
    rule = pc.w.link(pc.w.code(code), relative(here, f"check.md#{anchor(code)}"))
    return rule.join(pc.w.plain(part) for part in text.split("{rule}"))


def _pains(pc: PageContext, step: StepHealth) -> str:
    return "<br>".join(f"⚠⚠ {pc.w.inline(pain.text)}" for pain in step.high_pains)


def _unmeasured(pc: PageContext, healths: list[JourneyHealth], here: str) -> Part:
    w, t = pc.w, pc.w.t
    rows = []
    for health in healths:
        for step in health.unmeasured:
            low = [f for f in step.feelings if f[0] in step.bottom]
            why = [feelings_md(pc, health, low), _pains(pc, step)]
            rows.append(
                [
                    step_link(pc, health.journey, step.step, here),
                    w.entity_link("journey", health.journey.id, here),
                    "<br>".join(x for x in why if x),
                ]
            )
    return Part(
        "attention-unmeasured",
        t("health.unmeasured_title"),
        _with_rule(pc, t("health.unmeasured_help"), UnmeasuredPain.code, here),
        [t("step"), t("journey"), t("health.why")],
        rows,
    )


def _no_journey(pc: PageContext, here: str) -> Part:
    w, t = pc.w, pc.w.t
    rows = [[t(kind), w.entity_link(kind, ident, here)] for kind, ident in without_journey(pc)]
    return Part(
        "attention-no-journey", t("health.no_journey_title"), "", [t("type"), t("name")], rows
    )


def _evidence(pc: PageContext, here: str, today: dt.date) -> Part:
    w, t = pc.w, pc.w.t
    months = pc.result.workspace.settings.evidence_stale_after_months
    title = t("health.old_evidence_title").format(age=pc.w.plain(age_words(months, pc.lang)))
    rows = [
        [w.entity_link("evidence", e.id, here), w.date(e.date), pc.w.plain(age_words(age, pc.lang))]
        for e, age in old_evidence(pc, today)
    ]
    return Part("attention-evidence", title, "", [t("evidence"), t("date"), t("health.age")], rows)


def _measured(pc: PageContext, here: str) -> tuple[Part, int]:
    """The latest journey-level figures off target, then underpowered; and how many
    figures (breakdowns too) need attention in all."""
    t = pc.w.t
    found = [f for f in latest_figures(pc) if f.status in ATTENTION]
    # The attention page's order (status, journey, metric, statistic): its first rows.
    found.sort(
        key=lambda f: (ATTENTION.index(f.status), f.cell.journey or "", f.metric, f.statistic or "")
    )
    rows = []
    for figure in (f for f in found if f.cell.breakdown is None):
        value, _, _, target, status = figure_row(pc, figure, metric_of(pc, figure.metric))
        journey = figure.cell.journey
        rows.append(
            [
                series_md(pc, series_of(figure), here),
                pc.w.entity_link("journey", journey, here) if journey else "",
                pc.w.period(figure.cell.period),
                value,
                target,
                status,
            ]
        )
    headers = ["metric", "journey", "period", "value", "target", "status"]
    part = Part("attention-measured", t("health.measured_title"), "", [t(h) for h in headers], rows)
    return part, len(found)


def _parts(pc: PageContext, here: str, today: dt.date) -> list[tuple[Part, int]]:
    """Every list with how many entries it has in all."""
    healths = [health_of(pc, j) for j in pc.journeys()]
    parts = [
        _worst(pc, healths, here),
        _unmeasured(pc, healths, here),
        _no_journey(pc, here),
        _evidence(pc, here, today),
    ]
    counted = [(part, len(part.rows)) for part in parts]
    if pc.result.results is not None:
        counted.append(_measured(pc, here))
    return counted


def _part_md(pc: PageContext, part: Part, total: int, level: str, more: str | None) -> str:
    """A list's heading, help line and first rows, then "and N more": on the home page its
    first :data:`LIMIT`, linked to the rest (``more``); on the attention page its first
    :data:`WHOLE` (a page a browser still opens quickly however large the workspace)."""
    w = pc.w
    rows = part.rows[: LIMIT if more is not None else WHOLE]
    out = [f"\n{level} {part.title} {{#{part.anchor}}}\n"]
    if part.help:
        out.append(f"{part.help}\n")
    hidden = total - len(rows)
    if rows or not hidden:
        out.append(w.table(part.headers, rows))
    if hidden > 0:
        # Entries the list has but its rows leave out (the measured figures' breakdowns):
        # "and N more" after rows, their own title where they are all there is.
        label = w.t("health.and_more") if rows else f"{w.t('breakdowns')} ({{n}})"
        label = label.format(n=w.plain(f"{hidden:,}"))
        out.append(f"\n{w.link(label, f'{more}#{part.anchor}') if more else label}\n")
    return "\n".join(out)


def attention_section(pc: PageContext, here: str, today: dt.date | None = None) -> str:
    """The home page's "Needs attention": each list's first rows, and a link to the rest
    on the attention page; lists with nothing in them are left out."""
    w, t = pc.w, pc.w.t
    day = today or build_day()
    more = relative(here, ATTENTION_PAGE)
    out = [
        f"\n## {t('needs_attention')} {{#attention}}\n",
        f"{w.plain(t('health.attention_intro'))}\n",
    ]
    shown = [
        _part_md(pc, part, total, "###", more) for part, total in _parts(pc, here, day) if total
    ]
    out += shown or [f"*{t('health.nothing')}*\n"]
    return "\n".join(out)


def attention_page(pc: PageContext, today: dt.date | None = None) -> str:
    """Every list whole: the page the home page's "and N more" links lead to."""
    w, t = pc.w, pc.w.t
    here = ATTENTION_PAGE
    day = today or build_day()
    out = [f"# {t('needs_attention')}\n", f"{w.plain(t('health.attention_intro'))}\n"]
    for part, _ in _parts(pc, here, day):
        if part.anchor == "attention-measured":
            full = attention_list(pc, here, heading=False)
            out.append(f"\n## {part.title} {{#{part.anchor}}}\n{full}")
        else:
            out.append(_part_md(pc, part, len(part.rows), "##", None))
    return "\n".join(out)


def model_health(pc: PageContext, here: str) -> str:
    """The model check in one line that says what it is: the files are valid (or not), and
    how many errors, warnings and notes the check found, linked to its report."""
    w, t = pc.w, pc.w.t
    errors, warnings, notes = (
        pc.result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    state = t("health.files_invalid") if errors else t("health.files_valid")
    counts = [count_md(pc, errors, "error"), count_md(pc, warnings, "warning")]
    counts += [count_md(pc, notes, "note")] if notes else []
    report = w.link(t("health.see_report"), relative(here, "check.md"))
    line = f"{t('health.model_check')}: {state} — {w.sep.join(counts)} ({report})"
    return f'\n<p class="cx-model-health" markdown>{line}</p>\n'
