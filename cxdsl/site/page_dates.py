"""When each page's sources last changed, for the footer every page carries.

A page is built from model files: an entity's page from the file that defines it, the
files of the entities it names (a journey's persona, channels, metrics) and the files that
name it (the datasets of a journey, with their data files); a catalog page from the files
of its entries; a page of cxdsl's own (home, overviews, check) from every model file and
``cxdsl.yaml``; a hand-written page from its Markdown file. The date of a file is the
date of the last commit that changed it, read from git's history in one call for every
file; outside a repository, and for a file git does not know (not committed yet), it is
the file's modification time.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..compiler import CheckResult
from ..loading.document import Document
from ..model import Dataset, Journey
from ..model.introspect import references
from ..model.kinds import KINDS
from ..paths import compare_path, entity_path, has_own_page

#: Every page not named in the sources map is built from the whole workspace.
WHOLE_WORKSPACE = "*"
#: How long git may take to list the history (a huge repository): past it, file times.
GIT_TIMEOUT = 60.0
#: git's separator between commits in the log this module asks for.
_RECORD = "\x1e"


def build_day() -> dt.date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names (a reproducible build's date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def page_sources(result: CheckResult) -> dict[str, set[str]]:
    """The workspace-relative files each generated page is built from, by docs-relative
    page path; :data:`WHOLE_WORKSPACE` for the pages built from everything."""
    sources: dict[str, set[str]] = {WHOLE_WORKSPACE: set(result.workspace.files)}
    for kind in KINDS:
        for doc in result.index.docs(kind.name):
            _add_document(sources, result, doc)
    for journey in result.index.docs("journey"):
        based_on = journey.entity.based_on if isinstance(journey.entity, Journey) else None
        base = result.index.get("journey", based_on) if based_on else None
        if base is not None:  # the comparison page shows both journeys
            both = _page_of(journey.kind, journey.id), _page_of("journey", base.id)
            sources[compare_path(journey.id)] = set().union(*(sources[p] for p in both))
    return sources


def _add_document(sources: dict[str, set[str]], result: CheckResult, doc: Document) -> None:
    """An entity's files on its page; on its page too, the files of what it names; and on
    the page of each entity it names, its own files."""
    own = _files(doc)
    page = _page_of(doc.kind, doc.id)
    sources.setdefault(page, set()).update(own)
    for kind, ident, _path in references(doc.entity):
        named = result.index.get(kind, ident)
        if named is None:
            continue
        if has_own_page(doc.kind):
            sources[page].update(_files(named))
        if has_own_page(kind):
            sources.setdefault(_page_of(kind, ident), set()).update(own)


def _page_of(kind: str, ident: str) -> str:
    return entity_path(kind, ident).split("#", 1)[0]


def _files(doc: Document) -> list[str]:
    """The files an entity comes from: its model file, and a dataset's data file."""
    files = [doc.file]
    entity = doc.entity
    if isinstance(entity, Dataset) and entity.source:
        files.append(entity.source)
    return files


def last_changes(root: Path, files: Iterable[str]) -> dict[str, dt.datetime]:
    """When each workspace-relative file last changed: the date of the last commit that
    changed it (one ``git log`` for all of them), else its modification time; a file that
    does not exist is left out."""
    wanted = {name for name in files if (root / name).is_file()}
    found = _git_dates(root, wanted) if wanted else {}
    for name in wanted - found.keys():
        try:
            stamp = (root / name).stat().st_mtime
        except OSError:
            continue
        found[name] = dt.datetime.fromtimestamp(stamp, dt.UTC)
    return found


def _git_dates(root: Path, wanted: set[str]) -> dict[str, dt.datetime]:
    """The committer date of the last commit that changed each file, newest first; an
    empty answer outside a repository or without git."""
    command = ["git", "-C", str(root), "log", "--format=%x1e%cI", "--name-only", "-z"]
    command += ["--relative", "--no-renames", "--", *sorted(wanted)]
    try:
        run = subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if run.returncode != 0:
        return {}
    found: dict[str, dt.datetime] = {}
    for record in run.stdout.decode("utf-8", "surrogateescape").split(_RECORD)[1:]:
        stamp, _, names = record.partition("\0")
        try:
            when = dt.datetime.fromisoformat(stamp.strip())
        except ValueError:
            continue
        for name in names.lstrip("\n").split("\0"):
            if name in wanted and name not in found:
                found[name] = when
    return found


def page_dates(
    sources: Mapping[str, Iterable[str]], changed: Mapping[str, dt.datetime]
) -> dict[str, dt.datetime]:
    """The last change of each page's sources, by page (a page whose files have no date
    has none)."""
    dates: dict[str, dt.datetime] = {}
    for page, files in sources.items():
        known = [changed[name] for name in files if name in changed]
        if known:
            dates[page] = max(known)
    return dates


def dates_by_page(
    result: CheckResult, root: Path, hand_written: Mapping[str, Path]
) -> dict[str, dt.datetime]:
    """When each page's sources last changed, by docs-relative page: the generated pages
    (:func:`page_sources`), the hand-written ones (``hand_written``: page → its file) and,
    under :data:`WHOLE_WORKSPACE`, the pages built from everything."""
    sources = page_sources(result)
    for page, path in hand_written.items():
        try:
            sources[page] = {path.resolve().relative_to(root.resolve()).as_posix()}
        except ValueError:  # outside the workspace: no date
            continue
    changed = last_changes(root, set().union(*sources.values()))
    return page_dates(sources, changed)
