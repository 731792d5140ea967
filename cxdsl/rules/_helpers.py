"""Former home of the model walkers, now in ``cxdsl.model.introspect``; these names stay
importable from here (``iter_texts`` is ``introspect.texts``) until their importers
(``cxdsl/writer.py``, ``tests/test_xss_corpus.py``) import from there."""

from __future__ import annotations

from ..model.introspect import text_fields, texts

iter_texts = texts
__all__ = ["iter_texts", "text_fields"]
