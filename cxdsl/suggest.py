"""'Did you mean' hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close."""
    pool = sorted(set(candidates))
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        match = [lowered[word.lower()]] if word.lower() in lowered else []
    if not match:
        match = [c for c in pool if word and (c.startswith(word) or word.startswith(c))][:1]
    return f"did you mean '{match[0]}'?" if match else None
