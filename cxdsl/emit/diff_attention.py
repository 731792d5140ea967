"""The comment's first section: what a reviewer must not miss, and the check's findings.

Flags (:mod:`cxdsl.diff.attention`) name the journey, stage and step by title and the
persona by name; findings the change introduced or fixed (:mod:`cxdsl.diff.findings`)
are matched by code and entity, not by line, so a finding that merely moved is neither.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..compiler import CheckResult
from ..diagnostics import Diagnostic, Severity
from ..diff.attention import Flag, attention
from ..diff.comment_text import code_span, escape_text
from ..diff.findings import FindingChanges, finding_changes
from ..diff.phrases import Part, Parts, code, fill, quoted, to_markdown, ui_markdown, words
from ..diff.view import DiffView
from ..i18n import count_text, format_count, has_string, list_separator, ui
from ..render.text import signed
from .base import DiffOutput

_SEVERITIES = ("low", "medium", "high")

#: Flags listed in the comment at most (the JSON has them all).
MAX_FLAGS = 30
_MARKS = {Severity.ERROR: "❌", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


#: The last output's flags and findings: one comment asks for them several times.
_LAST: list[tuple[DiffOutput, tuple[list[Flag], FindingChanges]]] = []


def flags_and_findings(out: DiffOutput) -> tuple[list[Flag], FindingChanges]:
    """The flags of the change and the findings it introduced and fixed (computed once)."""
    if _LAST and _LAST[0][0] is out:
        return _LAST[0][1]
    base = out.base or out.head
    findings = finding_changes(base, out.head)
    computed = attention(out.diff, base, out.head, findings), findings
    _LAST[:] = [(out, computed)]
    return computed


def attention_section(out: DiffOutput, lang: str) -> list[str]:
    """``### Needs attention first`` with a line per flag, then new and fixed findings."""
    flags, findings = flags_and_findings(out)
    if not flags and not findings.fixed:
        return []
    view = DiffView(out.base or out.head, out.head)
    lines = [f"### {ui_markdown(ui('diff.attention', lang))}", ""]
    shown = [f for f in flags if f.code != "attention.finding-introduced"]
    for flag in shown[:MAX_FLAGS]:
        lines.append(f"- ⚠ {to_markdown(flag_parts(flag, view, lang), lang)}")
    if len(shown) > MAX_FLAGS:
        more = fill("diff.more_flags", lang, n=Part("number", str(len(shown) - MAX_FLAGS)))
        lines.append(f"- {to_markdown(more, lang)}")
    lines += _finding_lines(findings.introduced, "diff.findings.introduced", lang)
    lines += _finding_lines(findings.fixed, "diff.findings.fixed", lang, fixed=True)
    return [*lines, ""]


def flag_parts(flag: Flag, view: DiffView, lang: str) -> Parts:
    """One flag in words: what, where (journey › stage › step, persona), before → after."""
    name = flag.code.removeprefix("attention.")
    if name == "severity-raised" and flag.before is None:
        name = "severity-new"  # a new pain point, high from the start
    what: Parts = (Part("strong", ui(f"diff.flag.{name}", lang)),)
    place = _place(flag, view, lang)
    if name.startswith("severity-") and flag.text is not None:  # which pain point
        shown = view.text(flag.text, lang)
        place = (
            *place,
            words(": "),
            *quoted((Part("text", shown, _lang_of(flag.text, lang, view)),), lang),
        )
    move: Parts = ()
    if isinstance(flag.after, dict) and "required" in flag.after:  # a sample too small
        move = fill(
            "diff.planned_needed",
            lang,
            planned=Part("number", format_count(flag.after.get("sample_size") or 0)),
            needed=Part("number", format_count(flag.after["required"])),
        )
    elif name == "severity-new":
        move = fill(f"diff.severity.{flag.after}", lang) if flag.after in _SEVERITIES else ()
    elif flag.before is not None and flag.after is not None:
        move = fill(
            "diff.from_to", lang, before=_value(flag.before, lang), after=_value(flag.after, lang)
        )
    elif flag.after is not None:  # new: only what it is now
        move = _value(flag.after, lang)
    parts: list[Part] = [*what]
    if place:
        parts += [words(": "), *place]
    if move:
        parts += [words(" — "), *move]
    return tuple(parts)


def _place(flag: Flag, view: DiffView, lang: str) -> Parts:
    title = view.title(flag.kind, flag.entity)
    crumbs: list[Parts] = [
        quoted((Part("text", view.text(title, lang), _lang_of(title, lang, view)),), lang)
        if title is not None
        else (code(flag.entity),)
    ]
    if flag.kind == "journey":
        stage, step = view.step(flag.entity, flag.step) if flag.step else (None, None)
        stage = stage or (view.stage(flag.entity, flag.stage) if flag.stage else None)
        for item in (stage, step):
            if item is not None:
                crumbs.append(quoted((Part("text", view.text(item.title, lang), lang),), lang))
    if flag.persona:
        name = view.persona_name(flag.persona)
        crumbs.append(quoted((Part("text", view.text(name, lang), lang),), lang))
    out: list[Part] = []
    for index, crumb in enumerate(crumbs):
        if index:
            out.append(words(" › "))  # mirrored in right-to-left text
        out += crumb
    return tuple(out)


def _lang_of(title: Any, lang: str, view: DiffView) -> str | None:
    if isinstance(title, dict):
        return lang if lang in title else next((k for k in view.languages if k in title), None)
    return view.languages[0] if view.languages else None


def _value(value: Any, lang: str) -> Parts:
    if isinstance(value, bool) or value is None:
        return (words("—"),)
    if isinstance(value, int | float):
        return (Part("number", signed(value)),)
    if isinstance(value, str) and has_string(f"diff.severity.{value}"):
        return fill(f"diff.severity.{value}", lang)
    if isinstance(value, list | tuple):
        out: list[Part] = []
        for index, item in enumerate(value):
            if index:
                out.append(words(list_separator(lang)))
            out.append(code(item))
        return tuple(out) or (words("—"),)
    return (code(value),)


def _finding_lines(found: list[Diagnostic], key: str, lang: str, fixed: bool = False) -> list[str]:
    if not found:
        return []
    lines = ["", f"**{ui_markdown(ui(key, lang))}**", ""]
    for d in found[:MAX_FLAGS]:
        mark = "✅" if fixed else _MARKS[d.severity]
        where = f" ({escape_text(str(d.span))})" if d.span else ""
        lines.append(f"- {mark} {code_span(d.code)} {escape_text(d.message)}{where}")
    if len(found) > MAX_FLAGS:
        more = fill("diff.more_flags", lang, n=Part("number", str(len(found) - MAX_FLAGS)))
        lines.append(f"- {to_markdown(more, lang)}")
    return lines


def check_summary(result: CheckResult, lang: str) -> str:
    """``✅ clean`` only without any finding; else what there is, the worst first
    (``❌ 2 errors, 3 warnings``), in ``lang`` with its plural forms."""
    counts = Counter(d.severity for d in result.diagnostics)
    if not counts:
        return f"✅ {ui('diff.clean', lang)}"
    parts = [
        count_text(counts[severity], noun, lang)
        for severity, noun in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "note"),
        )
        if counts[severity]
    ]
    mark = "❌" if counts[Severity.ERROR] else "⚠" if counts[Severity.WARNING] else "ℹ"
    return f"{mark} {list_separator(lang).join(parts)}"


def check_line(out: DiffOutput, lang: str) -> str:
    """``cxdsl check`` on the head: its findings, and how many this change introduced/fixed."""
    _, findings = flags_and_findings(out)
    summary: Parts = (words(check_summary(out.head, lang)),)
    if findings.introduced or findings.fixed:
        summary += fill(
            "diff.check_delta",
            lang,
            introduced=Part("number", str(len(findings.introduced))),
            fixed=Part("number", str(len(findings.fixed))),
        )
    return to_markdown(
        fill("diff.check_on_head", lang, tool=code("cxdsl check"), summary=summary), lang
    )
