"""``cxdsl check --format github``: GitHub Actions workflow commands, one per diagnostic.

GitHub turns only the first few commands of each kind in a step into annotations
(:data:`~cxdsl.emit.limits.GITHUB_ANNOTATIONS_PER_KIND`), in the order they are printed.
So errors come first, then warnings, then notices, each by file and line; findings beyond
the limit are printed as plain log lines, and a last ``::notice`` says how many there are.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from .base import CheckOutput, repo_prefix
from .limits import GITHUB_ANNOTATIONS_PER_KIND, by_importance, counted

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(d: Diagnostic, prefix: str) -> str:
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
    if d.span is not None and d.span.record is not None:  # a Parquet row has no line
        message = f"{d.span.record}: {message}"
    return f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}"


def _log_line(d: Diagnostic, prefix: str) -> str:
    """A finding beyond the limit as plain text, which can never read as a command."""
    text = " ".join((prefix + d.render() if d.span else d.render()).splitlines())
    # The runner reads a command from a line that starts with "::" after leading spaces.
    return "./" + text if text.lstrip().startswith("::") else text


def _limits(ordered: list[Diagnostic]) -> dict[Severity, int]:
    """Annotations to print per severity.

    When anything is left out, one notice is kept for the summary that says so.
    """
    counts = dict.fromkeys(Severity, 0)
    for d in ordered:
        counts[d.severity] += 1
    limits = dict.fromkeys(Severity, GITHUB_ANNOTATIONS_PER_KIND)
    if any(counts[s] > limits[s] for s in Severity):
        limits[Severity.INFO] -= 1
    return limits


def emit(out: CheckOutput) -> str:
    """Annotations by importance within GitHub's per-step limits; the rest as log lines."""
    prefix = repo_prefix(out.root)
    ordered = by_importance(out.result.diagnostics)
    limits = _limits(ordered)
    shown = dict.fromkeys(Severity, 0)
    lines, beyond = [], []
    for d in ordered:
        if shown[d.severity] < limits[d.severity]:
            shown[d.severity] += 1
            lines.append(_command(d, prefix))
        else:
            lines.append(_log_line(d, prefix))
            beyond.append(d)
    if beyond:
        n = len(beyond)
        lines.append(
            f"::notice title=cxdsl::{n} more finding{'' if n == 1 else 's'} "
            f"({counted(beyond)}) not shown as annotations: GitHub shows "
            f"{GITHUB_ANNOTATIONS_PER_KIND} of each kind per step; all are in this step's log"
        )
    return "\n".join(lines) + ("\n" if lines else "")
