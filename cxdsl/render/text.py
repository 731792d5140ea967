"""Text laid out for a diagram: word wrap into a box, numbers with their sign."""

from __future__ import annotations


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap; words longer than ``width`` are cut, so no line overflows."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            while len(word) > width:
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:width])
                word = word[width:]
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    lines = [line for line in lines if line] or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)] + "…"
    return lines


def signed(value: float) -> str:
    """``+2``, ``-1``, ``0``: emotions always show their sign."""
    number = f"{value:g}"
    return f"+{number}" if value > 0 else number
