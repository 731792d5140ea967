"""``cxdsl check --format github|sarif``: diagnostics where CI shows them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import __version__
from .compiler import CheckResult
from .diagnostics import Diagnostic, Severity, Span
from .rules import load_rules

INFORMATION_URI = "https://github.com/cxdsl/cxdsl"
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def repo_prefix(root: Path) -> str:
    """The workspace's path inside its git repository ("" at the top or outside git).

    Code hosts place annotations by repository-relative path; a workspace in a
    sub-folder must prefix its own relative paths with it.
    """
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(result: CheckResult, prefix: str = "") -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    lines = []
    for d in result.diagnostics:
        props = [f"title={_escape_property(f'{d.code} {d.name}')}"]
        if d.span:
            props.insert(0, f"file={_escape_property(prefix + d.span.file)}")
            props.insert(1, f"line={d.span.line}")
            props.insert(2, f"col={d.span.column}")
            if d.span.end_line:
                props.insert(3, f"endLine={d.span.end_line}")
            if d.span.end_column and d.span.end_line == d.span.line:
                props.insert(4, f"endColumn={d.span.end_column}")
        message = d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


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


def format_sarif(result: CheckResult, root: Path, prefix: str = "") -> str:
    """SARIF 2.1.0, with every rule of the catalogue described."""
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
