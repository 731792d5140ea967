"""``cxdsl diff --format json``: every change, with a count per category."""

from __future__ import annotations

import json
from collections import Counter

from .base import DiffOutput


def emit(out: DiffOutput) -> str:
    """The JSON format of ``cxdsl diff``."""
    diff, base_name, head_name = out.diff, out.base_name, out.head_name
    payload = {
        "version": 1,
        "base": base_name,
        "head": head_name,
        "summary": dict(sorted(Counter(c.category for c in diff.changes).items())),
        "changes": [c.as_json() for c in diff.changes],
    }
    if diff.effort:  # effort as-is → to-be of the to-be journeys the changes touch
        payload["effort"] = [e.as_json() for e in diff.effort]
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"
