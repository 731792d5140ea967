"""What the customer-tree page says of segments beyond the tree diagram: where each
volume comes from (source, year, evidence), one table of every segment's volume, and each
segment's "More" table. The page itself (``other_pages.customer_tree_page``) calls these."""

from __future__ import annotations

from ..i18n import format_count
from ..model import Segment
from .content import PageContext
from .more_table import more_table


def _segments(pc: PageContext) -> list[Segment]:
    return [d.entity for d in pc.result.index.docs("segment") if isinstance(d.entity, Segment)]


def volume_evidence_rows(pc: PageContext, seg: Segment, here: str) -> list[tuple[str, str]]:
    """(label, Markdown) facts of a segment's volume: its source, its year, the evidence
    behind the segment (only those it states)."""
    w, t = pc.w, pc.w.t
    rows = [
        (t("volume_source"), w.inline(seg.volume_source) if seg.volume_source else ""),
        (t("volume_year"), w.plain(str(seg.volume_year)) if seg.volume_year is not None else ""),
        (t("evidence"), w.sep.join(w.entity_link("evidence", e, here) for e in seg.evidence)),
    ]
    return [(k, v) for k, v in rows if v]


def segment_intro(pc: PageContext, seg: Segment) -> str:
    """A segment's description, as a paragraph under its heading; "" when it has none."""
    return f"{pc.w.inline(seg.description)}\n" if seg.description else ""


def segment_more(pc: PageContext, seg: Segment) -> str:
    """A segment's "More" table (its tags and ``x-`` fields); "" when it has none."""
    return more_table(pc, seg)


def segment_volumes_table(pc: PageContext, here: str) -> str:
    """Every segment with a stated volume: volume, source, year and evidence, in one
    table; "" when no segment states a volume."""
    w, t = pc.w, pc.w.t
    rows = [
        (
            w.entity_link("segment", seg.id, here),
            w.plain(format_count(seg.estimated_volume)),
            w.inline(seg.volume_source) if seg.volume_source else "",
            w.plain(str(seg.volume_year)) if seg.volume_year is not None else "",
            w.sep.join(w.entity_link("evidence", e, here) for e in seg.evidence),
        )
        for seg in _segments(pc)
        if seg.estimated_volume is not None
    ]
    if not rows:
        return ""
    headers = [t("segment"), t("volume"), t("volume_source"), t("volume_year"), t("evidence")]
    return f"\n## {t('segment_volumes')}\n\n" + w.table(headers, rows)
