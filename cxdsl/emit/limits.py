"""How many findings a code host shows, and which ones it should show first.

The numbers are GitHub's, as documented:

- Code scanning (SARIF uploads), "SARIF results exceed one or more limits"
  (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit):
  a run may hold 25,000 results, of which "only the top 5,000 results will be included,
  prioritized by severity"; a result may have 1,000 locations, of which 100 are included.
- Workflow-command annotations, actions/toolkit ``docs/problem-matchers.md``
  ("Limitations"): 10 error, 10 warning and 10 notice annotations per step, 50 per job.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity

#: Results per SARIF run that code scanning stores and shows (it accepts 25,000, keeps 5,000).
SARIF_MAX_RESULTS = 5_000
#: Locations (and related locations) per result that code scanning shows.
SARIF_MAX_LOCATIONS = 100
#: Workflow-command annotations GitHub shows per step, for each of error, warning, notice.
GITHUB_ANNOTATIONS_PER_KIND = 10

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def by_importance(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors, then warnings, then infos; each by file, line and column."""
    return sorted(diagnostics, key=lambda d: (_RANK[d.severity], d.sort_key()))


def counted(diagnostics: Iterable[Diagnostic]) -> str:
    """``2 errors, 1 warning`` (severities with none are left out)."""
    counts = {s: 0 for s in _RANK}
    for d in diagnostics:
        counts[d.severity] += 1
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
    parts = []
    for severity, n in counts.items():
        if n:
            plural = "" if n == 1 or severity is Severity.INFO else "s"
            parts.append(f"{n} {words[severity]}{plural}")
    return ", ".join(parts)
