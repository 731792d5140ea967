"""The legend of a Graphviz diagram: every symbol its labels use, with the words it stands
for, as one node (``id="legend"`` in the SVG) under the diagram.

A diagram lists the symbols it may draw (:data:`Entry`, in the order a reader meets them);
the legend keeps those the DOT source really uses, so a map without a failure path does
not explain ✕. Entries run in two columns from the reading side; Arabic tables mirror.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import graphviz

from ..i18n import ui
from .context import RenderContext

#: One symbol: what the legend shows, the words it stands for, and the pattern that finds
#: the symbol in the DOT source (a symbol the source does not use is left out).
Entry = tuple[str, str, str]
LEGEND_ID = "legend"
COLUMNS = 1
#: The width (characters) an entry's words wrap at.
WORDS_WIDTH = 28


def used_entries(source: str, entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """The (symbol, words) of ``entries`` whose pattern ``source`` matches."""
    return [(shown, words) for shown, words, pattern in entries if re.search(pattern, source)]


def only(glyph: str) -> str:
    """A pattern for ``glyph`` standing alone (⚠, not ⚠⚠)."""
    return f"(?<!{re.escape(glyph)}){re.escape(glyph)}(?!{re.escape(glyph)})"


def legend_label(ctx: RenderContext, used: Sequence[tuple[str, str]]) -> str:
    """The legend as an HTML-like label: a title row, then the entries ``COLUMNS`` to a
    row; an entry whose symbol is a sequence (▲▲ ▲ ● ▼ ▼▼) has a row of its own."""
    align = "RIGHT" if ctx.rtl else "LEFT"
    width = 2 * COLUMNS
    pairs = [
        (
            f'<TD ALIGN="CENTER">{ctx.esc(shown)}</TD>',
            f'<TD ALIGN="{align}">{ctx.lines(words, WORDS_WIDTH)}</TD>',
        )
        for shown, words in used
        if " " not in shown
    ]
    rows = [
        f'<TR><TD ALIGN="CENTER">{ctx.esc(shown)}</TD>'
        f'<TD COLSPAN="{width - 1}" ALIGN="{align}">{ctx.lines(words, WORDS_WIDTH)}</TD></TR>'
        for shown, words in used
        if " " in shown
    ]
    if ctx.rtl:
        rows = [_mirror(row) for row in rows]
    for start in range(0, len(pairs), COLUMNS):
        # Symbol then words, from the reading side: a right-to-left row is laid out
        # mirrored (Graphviz places cells left to right).
        row = [cell for pair in pairs[start : start + COLUMNS] for cell in pair]
        if len(row) < width:  # a short last row keeps its entries on the reading side
            row.append(f'<TD COLSPAN="{width - len(row)}"></TD>')
        if ctx.rtl:
            row.reverse()
        rows.append(f"<TR>{''.join(row)}</TR>")
    title = ctx.esc(ui("legend_title", ctx.lang))
    return (
        f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="#b8c2cf" '
        f'BGCOLOR="white"><TR><TD COLSPAN="{width}" ALIGN="{align}"><B>{title}</B></TD>'
        f"</TR>{''.join(rows)}</TABLE>>"
    )


def _mirror(row: str) -> str:
    """A row of two cells, the second first."""
    cells = row.removeprefix("<TR>").removesuffix("</TR>").split("</TD>")[:2]
    return f"<TR>{cells[1]}</TD>{cells[0]}</TD></TR>"


def add_legend(
    g: graphviz.Digraph, ctx: RenderContext, entries: Sequence[Entry], under: str | None = None
) -> None:
    """Add the legend of the symbols ``g`` uses (none: no legend), under the node
    ``under`` when given (an invisible edge keeps it below)."""
    used = used_entries(str(g.source), entries)
    if not used:
        return
    g.node(LEGEND_ID, legend_label(ctx, used), id=LEGEND_ID, shape="plain", fontsize="10")
    if under is not None:
        g.edge(under, LEGEND_ID, style="invis", weight="100")
