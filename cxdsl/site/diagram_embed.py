"""How a page shows a diagram: an image of known size, readable, that opens at full size.

- ``width`` and ``height`` on the ``<img>``, from the SVG's own size (Graphviz writes
  points: 1 pt = 4/3 px), so the browser keeps the room before the file arrives and the
  page does not jump while it loads (the stylesheet's ``height: auto`` keeps the ratio
  when the column is narrower);
- the image shrinks with the column, but never below the width at which its smallest
  label is ``MIN_LABEL_PX`` (a ``min-width``): past that, the figure scrolls sideways
  (``overflow-x: auto``) instead of shrinking the text out of reach;
- the image sits in a plain link to the SVG file, so a tap or a click opens the diagram
  at full size; the link's name is the image's text alternative, its title says where it
  goes.

Paths and texts are written through Markdown (``attr_list``); the alt text and title are
escaped by the caller (the page writer), sizes are numbers computed here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: The smallest size (CSS px) a diagram's label may be drawn at on the page.
MIN_LABEL_PX = 11.0
#: CSS px per unit of an SVG length.
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|pc|in|mm|cm)?\s*$")
_FONT_SIZE = re.compile(r"""font-size[=:]\s*["']?([0-9.]+)""")


@dataclass(frozen=True)
class SvgSize:
    """What a page needs to know of an SVG: its size (CSS px) and its smallest text (px,
    at that size; None without text)."""

    width: float
    height: float
    smallest_text: float | None

    def min_width(self) -> int:
        """The narrowest the image may be shown at: where its smallest text is
        ``MIN_LABEL_PX`` (its own width when it has no text)."""
        if not self.smallest_text:
            return 0
        return math.ceil(self.width * MIN_LABEL_PX / self.smallest_text)


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}\s*=\s*"([^"]*)"', tag)
    return match.group(1) if match else None


def _length(value: str | None) -> float | None:
    """A length in CSS px (``720``, ``597pt``); None when it is not a plain length."""
    match = _LENGTH.match(value or "")
    if match is None:
        return None
    return float(match.group(1)) * _UNITS[match.group(2) or ""]


def svg_size(svg: str) -> SvgSize | None:
    """The size an SVG document is drawn at (its ``width``/``height``, else its
    ``viewBox``) and its smallest ``font-size`` at that size; None when it has neither."""
    root = _ROOT.search(svg)
    if root is None:
        return None
    tag = root.group()
    box = [float(v) for v in re.split(r"[\s,]+", (_attribute(tag, "viewBox") or "").strip()) if v]
    width, height = _length(_attribute(tag, "width")), _length(_attribute(tag, "height"))
    if width is None or height is None:
        if len(box) != 4:
            return None
        width, height = box[2], box[3]
    scale = width / box[2] if len(box) == 4 and box[2] > 0 else 1.0
    sizes = [float(size) for size in _FONT_SIZE.findall(svg[root.end() :])]
    smallest = min(sizes) * scale if sizes else None
    return SvgSize(width, height, smallest)


def figure(
    src: str, alt: str, caption: str, open_title: str, svg: str | None, lazy: bool = True
) -> str:
    """A diagram as Markdown: the linked image (sized from ``svg``, the document's text,
    when it is known) and its caption. ``alt``, ``caption`` and ``open_title`` (the
    link's title) are escaped Markdown. ``lazy``: loaded when scrolled to (a page's first
    diagram is not: it is often the largest thing the reader sees first)."""
    size = svg_size(svg) if svg is not None else None
    open_title = open_title.replace('"', "&#34;")
    attrs = "loading=lazy" if lazy else "loading=eager"
    if size is not None:
        attrs += f" width={round(size.width)} height={round(size.height)}"
        floor = size.min_width()
        if floor:
            attrs += f' style="min-width: {floor}px"'
    return (
        '<figure class="cx-diagram" markdown="span" style="overflow-x: auto">\n'
        f'[![{alt}]({src}){{ {attrs} }}]({src} "{open_title}")\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n\n"
    )
