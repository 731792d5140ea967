"""The check report page: the last check's findings, rule levels, the rule catalogue."""

from __future__ import annotations

from urllib.parse import quote

from ..emit.base import repo_prefix
from ..rules import load_rules
from ..rules.catalogue_doc import anchor
from .content import PageContext
from .workspace_tables import rule_levels_table


def check_page(pc: PageContext) -> str:
    w, t = pc.w, pc.w.t
    out = [f"# {t('check_report')}\n"]
    diags = pc.result.diagnostics
    if not diags:
        out.append(f"✓ {t('check_clean')}\n")
    rows = []
    # Links into the repository name the file from the repository's top (a workspace in a
    # folder is below it), percent-encoded (a file name may hold spaces or parentheses).
    prefix = repo_prefix(pc.result.workspace.root) if pc.repo_url else ""
    for d in diags:
        where = ""
        if d.span:
            label = w.plain(str(d.span))
            if pc.repo_url:
                path = quote(prefix + d.span.file, safe="/")
                url = f"{pc.repo_url.rstrip('/')}/blob/main/{path}#L{d.span.line}"
                where = f"[{label}]({url})"
            else:
                where = label
        icon = {"error": "✗", "warning": "⚠", "info": "ℹ"}[d.severity.value]
        rows.append(
            (
                f"{icon} {t(d.severity.value)}",
                f"[{d.code}](#{anchor(d.code)})",
                where,
                w.plain(d.message + (f" ({d.hint})" if d.hint else "")),
            )
        )
    out.append(w.table([t("severity"), t("code"), t("location"), t("message")], rows))
    out.append(rule_levels_table(pc))
    out.append(f"\n## {t('rules_catalogue')}\n")
    for check in load_rules().catalogue():
        out.append(
            f"\n### {check.code} {{#{anchor(check.code)}}}\n\n"
            f"`{check.name}` — {t(check.severity.value)}\n\n{check.documentation}\n"
        )
    return "\n".join(out)
