"""``cxdsl check --format sarif``: a SARIF 2.1.0 log for code-scanning tools."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Severity, Span
from ..rules import load_rules
from .base import CheckOutput, repo_prefix

INFORMATION_URI = "https://github.com/cxdsl/cxdsl"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _region(span: Span) -> dict[str, int]:
    region = {"startLine": span.line, "startColumn": span.column}
    if span.end_line:
        region["endLine"] = span.end_line
    if span.end_column:
        region["endColumn"] = span.end_column
    return region


def _location(span: Span, prefix: str, message: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {
                "uri": quote(prefix + span.file, safe="/"),
                "uriBaseId": "SRCROOT",
            },
            "region": _region(span),
        }
    }
    if message:
        location["message"] = {"text": message}
    return location


def _result(d: Diagnostic, index: int, prefix: str) -> dict[str, Any]:
    text = d.message + (f" ({d.hint})" if d.hint else "")
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": text},
    }
    if d.span:
        out["locations"] = [_location(d.span, prefix)]
    if d.related:
        out["relatedLocations"] = [
            dict(_location(r.span, prefix, r.message), id=i) for i, r in enumerate(d.related)
        ]
    return out


def emit(out: CheckOutput) -> str:
    """SARIF 2.1.0, with every rule of the catalogue described."""
    result, root, prefix = out.result, out.root, repo_prefix(out.root)
    catalogue = load_rules().catalogue()
    index = {check.code: i for i, check in enumerate(catalogue)}
    rules = []
    for check in catalogue:
        summary = check.doc.split("\n\n")[0].replace("\n", " ")
        name = "".join(part.capitalize() for part in check.name.replace("-", ".").split("."))
        rules.append(
            {
                "id": check.code,
                "name": name,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": check.doc.replace("\n", " ")},
                "help": {"text": check.doc, "markdown": check.doc},
                "helpUri": f"{INFORMATION_URI}/blob/main/README.md#diagnostics-and-rules",
                "defaultConfiguration": {"level": _SARIF_LEVEL[check.severity]},
                "properties": {"tags": [check.name.split(".")[0]], "dottedName": check.name},
            }
        )
    top = root.resolve()
    for _ in prefix.strip("/").split("/") if prefix else ():
        top = top.parent
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cxdsl",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": top.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index[d.code], prefix) for d in result.diagnostics],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
