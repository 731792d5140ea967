"""The check report page: the last check's findings, rule levels, the rule catalogue.

The findings' messages and the rules' documentation are written in English (the rules
write them): on a page in another language they are marked ``lang="en"`` and read left
to right, and each rule is titled and described in the page's language where cxdsl has a
translation (Arabic: :mod:`cxdsl.i18n.ar_rules`), its English documentation collapsed
below.
"""

from __future__ import annotations

from urllib.parse import quote

from ..diagnostics import Diagnostic
from ..emit.base import repo_prefix
from ..i18n import base_language
from ..i18n.ar_rules import ARABIC_RULES
from ..rules import load_rules
from ..rules.catalogue_doc import anchor
from ..rules.registry import Check
from .content import PageContext
from .workspace_tables import rule_levels_table

#: Rule titles and descriptions by language, beside the English documentation.
RULE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {"ar": ARABIC_RULES}
ICONS = {"error": "✗", "warning": "⚠", "info": "ℹ"}


def check_page(pc: PageContext) -> str:
    w, t = pc.w, pc.w.t
    english = base_language(w.lang) == "en"
    out = [f"# {t('check_report')}\n"]
    if not english:
        out.append(f"*{w.plain(t('check.in_english'))}*\n")
    diags = pc.result.diagnostics
    if not diags:
        out.append(f"✓ {t('check_clean')}\n")
    rows = [_finding_row(pc, d) for d in diags]
    out.append(w.table([t("severity"), t("code"), t("location"), t("message")], rows))
    out.append(rule_levels_table(pc))
    out.append(f"\n## {t('rules_catalogue')}\n")
    for check in load_rules().catalogue():
        out.append(_rule(pc, check) if not english else _rule_in_english(pc, check))
    return "\n".join(out)


def _finding_row(pc: PageContext, d: Diagnostic) -> tuple[str, str, str, str]:
    """Severity, code (a link to its rule below), where (a link into the repository when
    the site knows it), and the message with its hint, in English."""
    w, t = pc.w, pc.w.t
    where = ""
    if d.span:
        where = label = w.code(str(d.span))
        if pc.repo_url:
            # Links into the repository name the file from the repository's top (a
            # workspace in a folder is below it), percent-encoded (a file name may hold
            # spaces or parentheses).
            path = quote(repo_prefix(pc.result.workspace.root) + d.span.file, safe="/")
            where = f"[{label}]({pc.repo_url.rstrip('/')}/blob/main/{path}#L{d.span.line})"
    message = d.message + (f" ({d.hint})" if d.hint else "")
    return (
        f"{ICONS[d.severity.value]} {t(d.severity.value)}",
        f"[{d.code}](#{anchor(d.code)})",
        where,
        w.in_language(message, "en"),
    )


def _rule_in_english(pc: PageContext, check: Check) -> str:
    w = pc.w
    return (
        f"\n### {check.code} {{#{anchor(check.code)}}}\n\n"
        f"{w.code(check.name)} — {w.t(check.severity.value)}\n\n{check.documentation}\n"
    )


def _rule(pc: PageContext, check: Check) -> str:
    """A rule titled and described in the page's language, its English documentation
    (with the failing and the fixed example) collapsed below, marked as English."""
    w, t = pc.w, pc.w.t
    translated = RULE_TEXTS.get(base_language(w.lang), {}).get(check.code)
    if translated is None:
        title = w.in_language(check.name, "en")
        what = f"*{t('not_translated')}*"
    else:
        title, what = w.plain(translated[0]), translated[1]
    return (
        f"\n### {check.code} — {title} {{#{anchor(check.code)}}}\n\n"
        f"{w.code(check.name)} — {t(check.severity.value)}\n\n{what}\n\n"
        f'<details class="cx-rule-doc" markdown="1">\n<summary>{t("check.rule_doc")}</summary>\n'
        f'<div lang="en" dir="ltr" markdown="1">\n\n{check.documentation}\n\n</div>\n</details>\n'
    )
