"""What ``cxdsl.yaml`` declares for the whole workspace, shown where a reader looks for it:
the reporting seasons (on the coverage page) and the rule levels (on the check page)."""

from __future__ import annotations

from ..paths import anchor_id
from .content import PageContext


def seasons_table(pc: PageContext) -> str:
    """The seasons figures may be reported by, each with its dates in both calendars; ""
    when the workspace declares none."""
    seasons = pc.result.workspace.settings.seasons
    if not seasons:
        return ""
    w, t = pc.w, pc.w.t
    rows = [
        (
            f'<span id="season-{anchor_id(s.id)}"></span>{w.inline(s.name)}',
            f"<code>{w.plain(s.id)}</code>",
            w.date(s.start),
            w.date(s.end),
        )
        for s in seasons
    ]
    headers = [t("name"), t("id"), t("season_start"), t("season_end")]
    return f"\n## {t('seasons_title')}\n\n" + w.table(headers, rows)


def rule_levels_table(pc: PageContext) -> str:
    """The rule levels the workspace sets (``rules:`` in ``cxdsl.yaml``); "" when none."""
    levels = pc.result.workspace.settings.rules
    if not levels:
        return ""
    w, t = pc.w, pc.w.t
    rows = [(w.code(rule), t(level)) for rule, level in levels.items()]
    return f"\n## {t('rule_levels')}\n\n" + w.table([t("rule"), t("level")], rows)
