"""``cxdsl diff --format markdown``: the pull-request comment a reviewer reads.

In the comment's language (``--lang``, default the workspace's first): a headline in
words, what needs attention first (flags, findings this change introduced and fixed),
then each changed entity with its changes in the designer's words
(:mod:`cxdsl.diff.words`) and, for a journey whose emotions moved, a chart of before and
after that the code host draws. The comment never exceeds the code host's limit
(:data:`COMMENT_LIMIT`): past it, each journey collapses to one line with its counts, and
``--out FILE`` keeps the full report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin

from babel.lists import format_list

from ..diff.comment_text import code_span, escape_text
from ..diff.engine import Change
from ..diff.phrases import Line, Part, Parts, fill, line_markdown, to_markdown, ui_markdown, words
from ..diff.words import describe
from ..i18n import count_text, has_string, list_separator, ui
from ..i18n.plurals import locale_of
from .base import DiffOutput
from .diff_attention import attention_section, check_line

#: GitHub's limit on a pull-request comment's body, in characters.
COMMENT_LIMIT = 65_536
#: Room kept under the limit for the workflow's marker and the link to the artifact.
_RESERVE = 1_024
#: Charts drawn in one comment at most (each journey whose emotions moved has one).
MAX_CHARTS = 6

#: The comment's sections in the order reviewers read them.
KIND_ORDER = (
    "journey",
    "persona",
    "segment",
    "metric",
    "instrument",
    "dataset",
    "sample_design",
    "channel",
    "actor",
    "system",
    "stakeholder",
    "evidence",
)


@dataclass(frozen=True)
class Comment:
    """The comment as posted (within the limit) and the full report (``--out``)."""

    posted: str
    full: str


def emit(out: DiffOutput) -> str:
    """The Markdown format of ``cxdsl diff`` (the comment as posted)."""
    return comment(out).posted


def comment(out: DiffOutput) -> Comment:
    """The comment within :data:`COMMENT_LIMIT`, and the report with everything."""
    full = _render(out, collapsed=False)
    room = out.limit - _RESERVE
    if len(full) <= room:
        return Comment(full, full)
    return Comment(fit(_render(out, collapsed=True), room, language(out)), full)


#: A line longer than this is not shown in a shortened comment (a title thousands of
#: characters long): the full report has it.
_LONGEST_LINE = 2_000


def fit(text: str, room: int, lang: str) -> str:
    """``text`` cut to ``room`` characters at a line's end, never inside a code block or
    a ``<details>`` (both closed where the cut falls), with a note that it was cut. Lines
    are kept or dropped whole: a cut inside one could leave an escape or an HTML comment
    open."""
    if len(text) <= room:
        return text
    note = f"\n{to_markdown(fill('diff.cut', lang), lang)}\n"
    kept: list[str] = []
    used = len(note) + 16  # the closing fence or tag
    fence = details = False
    for line in text.splitlines():
        if len(line) > _LONGEST_LINE and not fence:
            line = to_markdown(fill("diff.line_too_long", lang), lang)
        if used + len(line) + 1 > room:
            break
        kept.append(line)
        used += len(line) + 1
        fence ^= line.startswith("```")
        details = (details or line.startswith("<details>")) and "</details>" not in line
    if fence:
        kept.append("```")
    if details:
        kept.append("</details>")
    return "\n".join(kept) + "\n" + note


def language(out: DiffOutput) -> str:
    """The comment's language: ``--lang``, else the head workspace's first language."""
    return out.lang or out.head.workspace.settings.language


def _render(out: DiffOutput, *, collapsed: bool) -> str:
    lang = language(out)
    title = fill(
        "diff.title", lang, base=(Part("code", out.base_name),), head=(Part("code", out.head_name),)
    )
    lines = [f"## {to_markdown(title, lang)}", ""]
    if not out.diff.changes:
        lines += [to_markdown(fill("diff.no_changes", lang), lang), "", check_line(out, lang)]
        return "\n".join(lines) + "\n"
    by_entity = _by_entity(out.diff.changes)
    lines += [headline(out, by_entity, lang), ""]
    lines += attention_section(out, lang)
    lines += [check_line(out, lang), ""]
    budget = out.limit - _RESERVE - sum(len(x) + 1 for x in lines)
    body = _collapsed(out, by_entity, lang, budget) if collapsed else _details(out, by_entity, lang)
    lines += body
    lines += _effort_lines(out) if not collapsed else []
    lines += _categories(out, lang)
    return "\n".join(lines).rstrip() + "\n"


def _by_entity(changes: list[Change]) -> dict[tuple[str, str], list[Change]]:
    grouped: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in changes:
        grouped[(change.kind, change.entity)].append(change)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return dict(sorted(grouped.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1])))


def headline(out: DiffOutput, by_entity: dict[tuple[str, str], list[Change]], lang: str) -> str:
    """``**3 changes** in 1 journey and 1 metric.`` with the plural forms of ``lang``."""
    kinds = Counter(kind for kind, _ in by_entity)
    return to_markdown(headline_parts(len(out.diff.changes), kinds, lang), lang)


def headline_parts(changes: int, entities: Counter[str], lang: str) -> Parts:
    """The headline as parts: the changes counted, in the entities counted by kind."""
    from ..i18n.nouns import NOUNS_EN

    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    counted = [
        count_text(n, kind, lang, oblique=True) if kind in NOUNS_EN else f"{n} {kind}"
        for kind, n in sorted(entities.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    ]
    return fill(
        "diff.headline",
        lang,
        changes=Part("strong", count_text(changes, "change", lang)),
        where=words(format_list(counted, locale=locale_of(lang))),
    )


def entity_heading(out: DiffOutput, kind: str, ident: str, lang: str) -> str:
    """``#### “Renew a building permit” `renew` · preview`` for one changed entity."""
    from ..diff.view import DiffView

    view = DiffView(out.base or out.head, out.head)
    title = view.title(kind, ident)
    shown = escape_text(view.text(title, lang)) if title is not None else ""
    link = preview_link(out, kind, ident, lang)
    return f"#### {shown + ' ' if shown else ''}{code_span(ident)}{link}"


def preview_link(out: DiffOutput, kind: str, ident: str, lang: str, step: str | None = None) -> str:
    """`` · [preview](URL)`` to the change's page in the preview site (``--preview-url``)."""
    if not out.preview_url:
        return ""
    from ..site.preview import preview_path

    return _link(out.preview_url, preview_path(kind, ident, lang, step), lang)


def change_link(out: DiffOutput, change: Change, lang: str) -> str:
    """`` · [preview](URL)`` to where one change is seen in the preview site."""
    if not out.preview_url:
        return ""
    from ..site.preview import change_path

    page = change_path(change, lang, out.head)
    return _link(out.preview_url, page, lang)


def _link(base_url: str, page: str | None, lang: str) -> str:
    if page is None:
        return ""
    url = urljoin(base_url.rstrip("/") + "/", page)
    return f" · [{ui_markdown(ui('diff.preview', lang))}](<{url}>)"


def _details(
    out: DiffOutput, by_entity: dict[tuple[str, str], list[Change]], lang: str
) -> list[str]:
    from ..diff.view import DiffView
    from .diff_pictures import journey_chart

    view = DiffView(out.base or out.head, out.head)
    lines: list[str] = []
    charts = 0
    current = ""
    for (kind, ident), changes in by_entity.items():
        if kind != current:
            current = kind
            lines += [f"### {ui_markdown(_kind_title(kind, lang))}", ""]
        lines.append(entity_heading(out, kind, ident, lang))
        for change in changes:
            written = line_markdown(describe(change, view, lang), lang)
            written[0] += change_link(out, change, lang)
            lines += written
        if kind == "journey" and charts < MAX_CHARTS:
            chart = journey_chart(out, ident, lang)
            if chart:
                charts += 1
                lines += ["", chart]
        lines.append("")
    return lines


def _kind_title(kind: str, lang: str) -> str:
    key = f"kinds.{kind}"
    return ui(key, lang) if has_string(key) else kind


def _collapsed(
    out: DiffOutput, by_entity: dict[tuple[str, str], list[Change]], lang: str, budget: int
) -> list[str]:
    """Each entity in one line with its counts, as many as the budget holds, then a note."""
    lines = [to_markdown(fill("diff.collapsed", lang), lang), ""]
    used = sum(len(x) + 1 for x in lines) + 400  # the closing note
    shown = 0
    for (kind, ident), changes in by_entity.items():
        line = _one_line(out, kind, ident, changes, lang)
        if used + len(line) + 1 > budget:
            break
        lines.append(line)
        used += len(line) + 1
        shown += 1
    rest = len(by_entity) - shown
    if rest:
        more = fill("diff.more_entities", lang, n=Part("number", str(rest)))
        lines += ["", to_markdown(more, lang)]
    return [*lines, ""]


def _one_line(out: DiffOutput, kind: str, ident: str, changes: list[Change], lang: str) -> str:
    heading = entity_heading(out, kind, ident, lang).removeprefix("#### ")
    counts = Counter(c.category for c in changes)
    listed = (f"{n} × {code_span(category)}" for category, n in sorted(counts.items()))
    summary = list_separator(lang).join(listed)
    return f"- {heading}: {count_text(len(changes), 'change', lang)} ({summary})"


def _categories(out: DiffOutput, lang: str) -> list[str]:
    counts = Counter(c.category for c in out.diff.changes)
    listed = list_separator(lang).join(
        f"{n} × {code_span(cat)}" for cat, n in sorted(counts.items())
    )
    title = ui_markdown(ui("diff.by_category", lang))
    return ["", f"<details><summary>{title}</summary>\n\n{listed}\n\n</details>"]


def _effort_lines(out: DiffOutput) -> list[str]:
    """Effort as-is → to-be of the to-be journeys the changes touch, in the comment's
    language: each journey by its title, then the whole journey and each compared stage
    (:mod:`cxdsl.diff.effort_words`)."""
    if not out.diff.effort:
        return []
    from ..diff.effort_words import effort_lines
    from ..diff.view import DiffView

    lang = language(out)
    view = DiffView(out.base or out.head, out.head)
    lines = [f"### {ui_markdown(ui('diff.effort', lang))}", ""]
    for line in effort_lines(out.diff.effort, view, lang):
        lines += line_markdown(line, lang)
    return [*lines, ""]


def as_lines(line: Line, lang: str) -> list[str]:
    """A described line as Markdown list items (for the attention section)."""
    return line_markdown(line, lang)
