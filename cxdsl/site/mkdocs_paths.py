"""Walking ``mkdocs.yml``'s data and the paths it names (links followed, as mkdocs does)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..loading.files import out_of_bounds
from .mkdocs_yaml import KeyPath, Relative


def links_outside(folder: Path, root: Path) -> Iterator[Path]:
    """Links under ``folder`` (followed as mkdocs follows them) that leave ``root`` or lead
    to a hidden file or folder in it."""
    seen: set[Path] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        real = resolve(current)
        if real is None or real in seen or not real.is_dir():
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue  # mkdocs will say what it cannot read
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = resolve(path)
                if target is None or not inside(target, root):
                    yield path
                    continue
            if entry.is_dir():
                pending.append(path)


def resolve(path: Path) -> Path | None:
    """``path`` with every link followed; None for a link loop or an unusable name."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def inside(path: Path, root: Path) -> bool:
    """``path`` is ``root`` or below it, and not hidden there (both resolved).

    The loader's rule (``out_of_bounds``): a hidden file or folder of the workspace, such
    as ``.git/config`` (CI's token) or ``.env``, is as far out of reach as a file outside
    it; mkdocs would otherwise publish it.
    """
    return out_of_bounds(str(path), str(root)) is None


def relative_name(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` for a message, or whole when it is outside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def get(data: Any, path: KeyPath) -> Any:
    """The value at ``path`` in nested mappings and lists, or None."""
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def items(value: Any) -> Iterator[tuple[int, Any]]:
    """``(index, item)`` of a list; nothing for anything else."""
    return enumerate(value) if isinstance(value, list) else iter(())


def named_entries(value: Any, where: KeyPath) -> Iterator[tuple[str, Any, KeyPath]]:
    """``(name, options, location)`` of a plugins or markdown_extensions list or mapping."""
    if isinstance(value, dict):
        for name, options in value.items():
            if isinstance(name, str):
                yield name, options, (*where, name)
        return
    for i, item in items(value):
        if isinstance(item, str):
            yield item, None, (*where, i)
        elif isinstance(item, dict):
            for name, options in item.items():
                if isinstance(name, str):
                    yield name, options, (*where, i, name)


def relatives(value: Any) -> Iterator[Relative]:
    """Every ``!relative`` value anywhere in the data."""
    if isinstance(value, Relative):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from relatives(item)
    elif isinstance(value, list):
        for item in value:
            yield from relatives(item)
