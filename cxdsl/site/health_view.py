"""Journey health on pages (from :mod:`cxdsl.journey_health`): a feeling with whose it is,
a link to a step on its journey's page, the effort added up, the journeys overview's
health cells and the three-line summary that opens each journey page."""

from __future__ import annotations

from ..effort import EffortTotals
from ..i18n.notation import clause_separator, count_or_none
from ..journey_health import Feeling, JourneyHealth, LowPoint, journey_health
from ..model import Journey, Step
from ..paths import entity_path
from ..render.palette import emotion_style
from .content import PageContext
from .effort_view import CELL_KEYS, COLUMNS, costs_text
from .markdown import relative
from .preview import step_anchor


def health_of(pc: PageContext, journey: Journey) -> JourneyHealth:
    """The journey's health under the workspace's settings."""
    return journey_health(journey, pc.result.workspace.settings)


def step_href(journey: Journey, step: Step, here: str) -> str:
    """Where a step is on its journey's page, from the page at ``here``."""
    page = entity_path("journey", journey.id)
    anchor = f"#{step_anchor(step.id)}"
    return anchor if page == here else relative(here, page) + anchor


def step_link(pc: PageContext, journey: Journey, step: Step, here: str) -> str:
    """The step's title, linked to it on its journey's page."""
    return pc.w.link(pc.w.inline(step.title), step_href(journey, step, here))


def persona_link(pc: PageContext, persona: str, here: str) -> str:
    """A persona by its short label («خالد»), linked to its page (marked when unknown)."""
    if pc.result.index.entity("persona", persona) is None:
        return pc.w.entity_link("persona", persona, here)
    label = pc.w.plain(pc.ctx.short_name_of(persona))
    return pc.w.link(label, relative(here, entity_path("persona", persona)))


def feeling_text(pc: PageContext, health: JourneyHealth, persona: str | None, value: float) -> str:
    """A feeling with whose it is («خالد: -2 محبط جداً», "Maria: -2 Very frustrated"), as
    plain text (the persona left out when the journey names none)."""
    label = pc.ctx.emotion_label(value, health.scale)
    return f"{pc.ctx.short_name_of(persona)}: {label}" if persona else label


def feeling_chip(pc: PageContext, health: JourneyHealth, persona: str | None, value: float) -> str:
    """:func:`feeling_text` in the emotion's colours and glyph (as the steps table shows it)."""
    style = emotion_style(value, health.scale)
    text = pc.w.plain(feeling_text(pc, health, persona, value))
    return (
        f'<span class="cx-emotion" style="background:{style.fill};color:{style.ink}">'
        f"{style.glyph} {text}</span>"
    )


def feelings_md(pc: PageContext, health: JourneyHealth, feelings: list[Feeling]) -> str:
    """Feelings as coloured chips, lowest first."""
    ordered = sorted(feelings, key=lambda f: f[1])
    return " ".join(feeling_chip(pc, health, persona, value) for persona, value in ordered)


def lowest_points(pc: PageContext, health: JourneyHealth, here: str) -> list[str]:
    """Each persona's lowest feeling and where («خالد: -2 محبط جداً عند [زيارة المركز]»)."""
    return [_low_point(pc, health, low, here) for low in health.lowest]


def _low_point(pc: PageContext, health: JourneyHealth, low: LowPoint, here: str) -> str:
    feeling = pc.w.plain(feeling_text(pc, health, low.persona, low.value))
    step = step_link(pc, health.journey, low.step, here)
    return pc.w.t("health.at_step").format(feeling=feeling, step=step)


def count_md(pc: PageContext, n: float, noun: str) -> str:
    """A count in a summary line, none in words («لا زيارات», "no visits") where cxdsl has
    the phrase (:func:`cxdsl.i18n.notation.count_or_none`), as Markdown."""
    return pc.w.plain(count_or_none(n, noun, pc.w.lang))


def minutes_md(pc: PageContext, minutes: float | None) -> str:
    """Active and waiting minutes together, counted («150 دقيقة»); "" when unknown."""
    return pc.w.count(minutes, "minute") if minutes is not None else ""


def effort_total_cell(pc: PageContext, totals: EffortTotals) -> str:
    """The overview's total effort: time (active and waiting), visits, cost."""
    parts = [minutes_md(pc, totals.total_minutes)]
    if totals.visits is not None:
        parts.append(count_md(pc, totals.visits, "visit"))
    parts += [pc.w.money(amount, code or None) for code, amount in totals.cost.items()]
    return "<br>".join(pc.w.nowrap(part) for part in parts if part)


def effort_sentence(pc: PageContext, totals: EffortTotals) -> str:
    """Every measure added up, in words («370 دقيقة فعلية، 240 دقيقة انتظار، زيارة واحدة،
    1,800 ر.س.»; no visits as «لا زيارات», no time or walking left out); "" when no step
    states any effort."""
    parts = []
    for measure, _, noun in COLUMNS:
        value = totals.value(measure)
        key = CELL_KEYS.get(measure)
        if value is None or (key and value == 0):  # not «0 متر مشيًا»: nothing to say
            continue
        shown = pc.w.count(value, noun) if key else count_md(pc, value, noun)
        parts.append(pc.w.t(key).format(amount=shown) if key else shown)
    if totals.cost:
        parts.append(costs_text(pc, totals.cost))
    return pc.w.sep.join(parts)


def pain_sentence(pc: PageContext, health: JourneyHealth, here: str) -> str:
    """Open high-severity pain points, and the painful steps no measurement covers (named,
    linked): «نقطتا ألم عاليتا الخطورة؛ خطوة مؤلمة واحدة بلا قياس: [زيارة المركز]»; none
    in words («لا نقاط ألم عالية الخطورة»)."""
    w = pc.w
    pains = count_md(pc, len(health.high_pains), "high_pain")
    unmeasured = count_md(pc, len(health.unmeasured), "painful_unmeasured")
    if health.unmeasured:
        named = w.sep.join(step_link(pc, health.journey, s.step, here) for s in health.unmeasured)
        unmeasured += f": {named}"
    return pains + clause_separator(w.lang) + unmeasured


def health_summary(pc: PageContext, journey: Journey, here: str) -> str:
    """The three lines that open a journey's page: its lowest points, its pain (and what
    of it is unmeasured), its effort added up."""
    w, t = pc.w, pc.w.t
    health = health_of(pc, journey)
    between = clause_separator(w.lang)
    lows = between.join(lowest_points(pc, health, here)) or t("health.no_emotion")
    effort = effort_sentence(pc, health.effort) or t("health.no_effort")
    lines = [
        (t("health.lowest_point"), lows),
        (t("health.pain_line"), pain_sentence(pc, health, here)),
        (t("health.effort_line"), effort),
    ]
    items = "\n".join(f"- **{label}**: {text}" for label, text in lines)
    return f'<div class="cx-health" markdown>\n\n{items}\n\n</div>\n'


def overview_headers(pc: PageContext) -> list[str]:
    """The journeys overview's health columns."""
    t = pc.w.t
    return [
        t("health.lowest_point"),
        t("health.high_pains"),
        t("health.unmeasured_title"),
        t("health.total_effort"),
        t("owner"),
    ]


def overview_cells(pc: PageContext, health: JourneyHealth, here: str) -> list[str]:
    """A journey's health cells in the overview (see :func:`overview_headers`)."""
    w = pc.w
    owner = health.owner
    return [
        "<br>".join(lowest_points(pc, health, here)),
        w.plain(str(len(health.high_pains))),
        w.plain(str(len(health.unmeasured))),
        effort_total_cell(pc, health.effort),
        w.entity_link("actor", owner, here) if owner else "",
    ]
