"""'Did you mean' hints, and whether the word meant is certain enough to rename it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

#: How alike a word and a candidate must be (difflib's ratio) to suggest the candidate.
CUTOFF = 0.6


@dataclass(frozen=True)
class Suggestion:
    """The candidate closest to a word, and whether it is the only one that close."""

    name: str
    #: No other candidate is as close: a fix may rename the word to ``name``.
    unambiguous: bool

    @property
    def hint(self) -> str:
        return f"did you mean '{self.name}'?"


def _ratio(word: str, candidate: str) -> float:
    # As difflib.get_close_matches scores (candidate first, the word second).
    return difflib.SequenceMatcher(None, candidate, word).ratio()


def suggest(word: str, candidates: Iterable[str]) -> Suggestion | None:
    """The closest candidate (by spelling, then by case, then a prefix), or None."""
    pool = sorted(set(candidates))
    match = difflib.get_close_matches(word, pool, n=1, cutoff=CUTOFF)
    if match:
        best = _ratio(word, match[0])
        ties = [c for c in pool if c != match[0] and _ratio(word, c) == best]
        return Suggestion(match[0], unambiguous=not ties)
    lowered = [c for c in pool if c.lower() == word.lower()]
    if lowered:
        return Suggestion(lowered[0], unambiguous=len(lowered) == 1)
    prefixed = [c for c in pool if word and (c.startswith(word) or word.startswith(c))]
    if prefixed:
        return Suggestion(prefixed[0], unambiguous=len(prefixed) == 1)
    return None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close."""
    found = suggest(word, candidates)
    return found.hint if found else None
