"""Stable identities for findings, so a code host follows one across commits.

A rule's finding carries its subject, the entity and field it is about
(``journey:renew/stages/0/steps/1/channel``): its identity is the code, the
repository-relative file and that subject, so neither moving lines nor rewording a
message changes it. A loader's finding has no entity (a YAML syntax error): its message,
with any line or column number taken out, stands in. The line itself is always left out. Identical
findings in one file (the same unknown channel used twice) are told apart by their order
in the file, as CodeQL's own fingerprints are.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from ..diagnostics import Diagnostic

#: The SARIF key. Versioned as the SARIF spec recommends (§3.27.17), and not GitHub's
#: reserved ``primaryLocationLineHash``, which the upload action computes and checks itself.
KEY = "cxdslFinding/v1"

#: Positions some messages quote (a YAML parser's ``line 3, column 5``, ``on line 12``).
_POSITION = re.compile(r"\b(line|column|col)\s*\d+", re.IGNORECASE)


def finding_key(d: Diagnostic, prefix: str) -> str:
    """What identifies ``d`` without its position: code, file, and the entity and field it
    is about (a rule's finding), else the message (a loader's)."""
    file = prefix + d.span.file if d.span else ""
    about = d.subject or _POSITION.sub(r"\1 N", d.message)
    return "\0".join((d.code, file, about))


def fingerprints(diagnostics: Iterable[Diagnostic], prefix: str) -> list[str]:
    """One fingerprint per diagnostic, in the order given (file order for the occurrence)."""
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        key = finding_key(d, prefix)
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        out.append(digest[:32])
    return out
