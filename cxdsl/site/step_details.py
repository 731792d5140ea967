"""What the journey page shows of each stage and step beyond the steps table: descriptions,
the customer's action and thoughts, who lives a step, what a to-be step replaces, where a
step leads, the expected-vs-perceived gap, and each one's "More" table."""

from __future__ import annotations

from ..model import Journey, Stage, Step
from ..paths import anchor_id, entity_path
from ..render.chart_parts import signed_number
from ..render.text import signed
from .content import PageContext
from .markdown import relative
from .more_table import has_more, more_table


def _titles(journey: Journey) -> dict[str, tuple[int, Step]]:
    """Each step by id, with its number on the page."""
    return {step.id: (number, step) for number, step in enumerate(journey.steps(), 1)}


def _step_link(pc: PageContext, journey: Journey, ident: str, page: str = "") -> str:
    """A step's number and title, linked to its row of the steps table on ``page`` ("" is
    this page); the id itself when ``journey`` has no such step."""
    found = _titles(journey).get(ident)
    if found is None:  # named by no step (the check reports it)
        return f"{pc.w.plain(ident)} ⚠"
    number, step = found
    return pc.w.link(f"{number}. {pc.w.inline(step.title)}", f"{page}#step-{anchor_id(ident)}")


def _replaced(pc: PageContext, journey: Journey, step: Step, here: str) -> str:
    """The as-is steps a to-be step replaces, linked on the as-is journey's page."""
    base = pc.result.index.entity("journey", journey.based_on) if journey.based_on else None
    if not isinstance(base, Journey):
        return pc.w.sep.join(f"{pc.w.plain(ident)} ⚠" for ident in step.replaces)
    page = relative(here, entity_path("journey", base.id))
    return pc.w.sep.join(_step_link(pc, base, ident, page) for ident in step.replaces)


def _transitions(pc: PageContext, journey: Journey, step: Step) -> str:
    w = pc.w
    arrow = "←" if w.rtl else "→"  # pointing the way the page reads
    parts = []
    for tr in step.transitions or ():
        label = f" ({w.inline(tr.label)})" if tr.label else ""
        parts.append(f"{w.t(tr.type)} {arrow} {_step_link(pc, journey, tr.to)}{label}")
    return "<br>".join(parts)


def _step_facts(pc: PageContext, journey: Journey, step: Step, here: str) -> list[str]:
    """The bullet lines of one step's details (empty when it has none)."""
    w, t = pc.w, pc.w.t
    lines = []
    if step.customer_action:
        lines.append(f"- **{t('customer_action')}:** {w.inline(step.customer_action)}")
    if step.thoughts:
        lines.append(f"- **{t('thoughts')}:**")
        lines += [f"    - {w.inline(thought)}" for thought in step.thoughts]
    if step.personas:
        who = w.sep.join(w.entity_link("persona", p, here) for p in step.personas)
        lines.append(f"- **{t('lived_by')}:** {who}")
    if step.replaces:
        lines.append(f"- **{t('replaces_title')}:** {_replaced(pc, journey, step, here)}")
    if step.transitions:
        lines.append(f"- **{t('goes_on_to')}:** {_transitions(pc, journey, step)}")
    return lines


def _stage_block(pc: PageContext, journey: Journey, stage: Stage, here: str) -> list[str]:
    """A stage's heading, description and "More", then its steps that have details."""
    w = pc.w
    numbers = {id(step): n for n, step in enumerate(journey.steps(), 1)}
    steps = []
    for step in stage.steps:
        facts = _step_facts(pc, journey, step, here)
        if facts or has_more(step):
            title = f"{numbers[id(step)]}. {w.inline(step.title)}"
            steps.append(f"\n#### {title} {{#step-{anchor_id(step.id)}-details}}\n")
            steps.append("\n".join(facts) + "\n" if facts else "")
            steps.append(more_table(pc, step))
    if not (steps or stage.description or has_more(stage)):
        return []
    out = [f"\n### {w.inline(stage.title)} {{#stage-{anchor_id(stage.id)}}}\n"]
    if stage.description:
        out.append(f"{w.inline(stage.description)}\n")
    out.append(more_table(pc, stage))
    return out + steps


def details_section(pc: PageContext, journey: Journey, here: str) -> str:
    """Every stage and step that says more than the steps table shows, under one heading;
    "" when none does."""
    blocks = [line for stage in journey.stages for line in _stage_block(pc, journey, stage, here)]
    if not blocks:
        return ""
    return f"\n## {pc.w.t('step_details')}\n" + "\n".join(blocks)


def gap_section(pc: PageContext, journey: Journey) -> str:
    """Expected against perceived, as the journey states them for its steps, with the gap
    (perceived − expected, signed) on the journey's scale; "" when no step states either."""
    w, t = pc.w, pc.w.t
    rows = []
    for number, step in enumerate(journey.steps(), 1):
        expected, perceived = step.expected_score, step.perceived_score
        if expected is None and perceived is None:
            continue
        gap = perceived - expected if expected is not None and perceived is not None else None
        rows.append(
            (
                w.link(f"{number}. {w.inline(step.title)}", f"#step-{anchor_id(step.id)}"),
                w.plain(f"{expected:g}") if expected is not None else "",
                w.plain(f"{perceived:g}") if perceived is not None else "",
                w.plain(signed_number(gap)) if gap is not None else "",
            )
        )
    if not rows:
        return ""
    scale = pc.ctx.scale(journey)
    note = t("on_the_scale").format(low=signed(scale.min), high=signed(scale.max))
    return f"\n## {t('stated_gap_title')}\n\n{w.plain(note)}\n\n" + w.table(
        [t("step"), t("expected"), t("perceived"), t("gap")], rows
    )
