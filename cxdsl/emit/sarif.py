"""``cxdsl check --format sarif``: a SARIF 2.1.0 log for code-scanning tools."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Fix, Severity, Span
from ..loading.files import SETTINGS_FILE
from ..rules import load_rules
from ..rules.catalogue_doc import anchor
from .base import CheckOutput, repo_prefix
from .check_json import dumps
from .fingerprints import KEY, fingerprints
from .limits import SARIF_MAX_LOCATIONS, SARIF_MAX_RESULTS, by_importance, counted
from .regions import SourceLines, full_region

INFORMATION_URI = "https://github.com/cxdsl/cxdsl"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _location(
    span: Span, prefix: str, source: SourceLines, message: str | None = None
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {
                # RFC 3986: every byte of the UTF-8 path but unreserved ones and "/" is
                # percent-encoded (a space, "%", Arabic letters).
                "uri": quote(prefix + span.file, safe="/"),
                "uriBaseId": "SRCROOT",
            },
            "region": full_region(span, source),
        }
    }
    if message:
        location["message"] = {"text": message}
    return location


def _fix(fix: Fix, prefix: str) -> dict[str, Any]:
    """A SARIF ``fix`` (§3.55): per file, the regions to delete and the text to insert."""
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in fix.edits:
        changes.setdefault(edit.file, []).append(
            {
                "deletedRegion": {
                    "startLine": edit.line,
                    "startColumn": edit.column,
                    "endLine": edit.end_line,
                    "endColumn": edit.end_column,
                },
                "insertedContent": {"text": edit.replacement},
            }
        )
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": quote(prefix + file, safe="/"), "uriBaseId": "SRCROOT"},
                "replacements": replacements,
            }
            for file, replacements in changes.items()
        ],
    }


def _result(
    d: Diagnostic, index: int, prefix: str, source: SourceLines, fingerprint: str
) -> dict[str, Any]:
    text = d.message + (f" ({d.hint})" if d.hint else "")
    if d.span is not None and d.span.record is not None:  # a Parquet row has no line
        text = f"{d.span.record}: {text}"
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": text},
        "partialFingerprints": {KEY: fingerprint},
    }
    # GitHub shows no result without a file; a finding about the whole workspace is
    # placed on the file that makes the folder a workspace.
    out["locations"] = [_location(d.span or Span(file=SETTINGS_FILE), prefix, source)]
    if d.fix is not None:
        out["fixes"] = [_fix(d.fix, prefix)]
    if d.related:
        related = d.related[:SARIF_MAX_LOCATIONS]
        out["relatedLocations"] = [
            dict(_location(r.span, prefix, source, r.message), id=i) for i, r in enumerate(related)
        ]
    return out


def _results(out: CheckOutput, index: dict[str, int], prefix: str) -> dict[str, Any]:
    """The run's results, the most severe first and at most :data:`SARIF_MAX_RESULTS`.

    Beyond the limit, a tool execution notification says how many were left out, so a
    reader of the code-scanning page knows the list is not complete.
    """
    diagnostics = out.result.diagnostics
    # Fingerprints count identical findings in file order, before reordering by severity.
    prints = dict(zip(map(id, diagnostics), fingerprints(diagnostics, prefix), strict=True))
    ordered = by_importance(diagnostics)
    shown, left = ordered[:SARIF_MAX_RESULTS], ordered[SARIF_MAX_RESULTS:]
    source = SourceLines(out.result.workspace.sources)
    run: dict[str, Any] = {
        "results": [_result(d, index[d.code], prefix, source, prints[id(d)]) for d in shown]
    }
    if left:
        note = (
            f"{len(left)} of {len(ordered)} results left out ({counted(left)}): code "
            f"scanning keeps {SARIF_MAX_RESULTS:,} per run; run 'cxdsl check' for all of them"
        )
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [{"level": "warning", "message": {"text": note}}],
            }
        ]
    return run


def emit(out: CheckOutput) -> str:
    """SARIF 2.1.0, with every rule of the catalogue described."""
    root, prefix = out.root, repo_prefix(out.root)
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
                "help": {"text": check.documentation, "markdown": check.documentation},
                "helpUri": f"{INFORMATION_URI}/blob/main/README.md#{anchor(check.code)}",
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
                "originalUriBaseIds": {"SRCROOT": {"uri": top.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                **_results(out, index, prefix),
            }
        ],
    }
    return dumps(log)
