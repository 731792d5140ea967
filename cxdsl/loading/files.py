"""Which files of a workspace are model files, and their text: refused unread when unsafe.

A pull request can commit symbolic links, and a careless checkout can hold FIFOs or
folders named like model files. Everything here is refused with a located issue before
it is opened: a link whose target lies outside the workspace (CX014), a FIFO, socket or
device (CX015: opening a FIFO blocks forever), a folder named ``x.yaml``, a file that is
too large, binary, UTF-16/32 or not UTF-8.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from .. import codes
from ..diagnostics import Issue, Span

SETTINGS_FILE = "cxdsl.yaml"
MODEL_DIRS = ("personas", "journeys", "results")
YAML_SUFFIXES = (".yaml", ".yml")
MODEL_SUFFIXES = (*YAML_SUFFIXES, ".py")
#: Model files are small (a large journey is ~50 KB); anything past this is refused unread.
MAX_FILE_BYTES = 4 * 1024 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_LINK_HINT = "commit the file itself, or link to a file inside the workspace"
_FOLDER_HINT = "rename the folder: names ending in .yaml, .yml or .py are read as model files"


def discover(root: Path, issues: list[Issue] | None = None) -> list[Path]:
    """Model files under personas/, journeys/ and results/, sorted, hidden files skipped.

    What is refused (links out of the workspace, special files, folders named like model
    files, folders that cannot be listed) is appended to ``issues`` when it is given.
    """
    walk = _Walk(root)
    for folder in MODEL_DIRS:
        walk.top(folder)
    if issues is not None:
        issues.extend(walk.issues)
    return sorted(walk.found)


class _Walk:
    """A walk with ``os.scandir``: entries know their type without a ``stat`` on most
    systems, so a plain file costs nothing extra; only links are resolved (``realpath``).
    Directories are walked once by real path, so link loops end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.found: list[Path] = []
        self.issues: list[Issue] = []
        self.walked: set[str] = set()

    def refuse(self, code: str, rel: str, message: str, hint: str | None = None) -> None:
        self.issues.append(Issue(code, message, Span(file=rel), hint))

    def top(self, folder: str) -> None:
        path = self.root / folder
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return  # no such folder: nothing to check there
        if stat.S_ISLNK(mode):
            self.link(path, folder, model=False)
        elif stat.S_ISDIR(mode):
            self.folder(path, folder, os.path.join(self.real_root, folder))

    def folder(self, path: Path, rel: str, real: str) -> None:
        if real in self.walked:
            return
        self.walked.add(real)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.refuse(codes.CX005_FILE_UNREADABLE, rel, f"cannot read folder: {exc.strerror}")
            return
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")):
                continue
            sub = f"{rel}/{name}"
            model = name.endswith(MODEL_SUFFIXES)
            try:
                if entry.is_symlink():
                    self.link(Path(entry.path), sub, model)
                elif entry.is_dir(follow_symlinks=False):
                    if model:
                        self.refuse(
                            codes.CX005_FILE_UNREADABLE,
                            sub,
                            f"'{name}' is a folder, not a file",
                            _FOLDER_HINT,
                        )
                    self.folder(Path(entry.path), sub, os.path.join(real, name))
                elif model:
                    if entry.is_file(follow_symlinks=False):
                        self.found.append(Path(entry.path))
                    else:
                        self.special(sub, entry.stat(follow_symlinks=False).st_mode)
            except OSError as exc:
                if model:
                    self.refuse(
                        codes.CX005_FILE_UNREADABLE, sub, f"cannot read file: {exc.strerror}"
                    )

    def link(self, path: Path, rel: str, model: bool) -> None:
        real = os.path.realpath(path)
        where = out_of_bounds(real, self.real_root)
        if where is not None:
            if model or os.path.isdir(real):
                what = "a folder" if os.path.isdir(real) else "a file"
                self.refuse(
                    codes.CX014_OUTSIDE_WORKSPACE,
                    rel,
                    f"'{rel}' is a symbolic link to {what} {where}; refused unread",
                    _LINK_HINT,
                )
            return
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:  # a broken link, a link loop
            if model:
                self.refuse(
                    codes.CX005_FILE_UNREADABLE,
                    rel,
                    f"symbolic link cannot be followed: {exc.strerror}",
                )
            return
        if stat.S_ISDIR(mode):
            if model:
                self.refuse(
                    codes.CX005_FILE_UNREADABLE,
                    rel,
                    f"'{path.name}' is a folder, not a file",
                    _FOLDER_HINT,
                )
            self.folder(path, rel, real)
        elif model:
            if stat.S_ISREG(mode):
                self.found.append(path)
            else:
                self.special(rel, mode)

    def special(self, rel: str, mode: int) -> None:
        self.refuse(
            codes.CX015_FILE_SPECIAL,
            rel,
            f"{special_kind(mode)}, not a regular file; skipped unread",
            "model files are plain text files",
        )


def out_of_bounds(real: str, real_root: str) -> str | None:
    """Where a link's real target is, when it may not be read: outside the workspace, or
    hidden inside it (``.git/config`` holds CI's token; discovery never reads hidden files
    and a link must not be a way around that)."""
    if real == real_root:
        return None
    prefix = real_root.rstrip(os.sep) + os.sep
    if not real.startswith(prefix):
        return "outside the workspace"
    inner = real[len(prefix) :].split(os.sep)
    if any(part.startswith(".") for part in inner):
        return f"hidden in the workspace ({'/'.join(inner)})"
    return None


def special_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def link_outside(root: Path, rel: str) -> Issue | None:
    """CX014 when ``root/rel`` is a symbolic link whose target lies outside ``root`` (or
    is hidden inside it)."""
    path = root / rel
    if not path.is_symlink():
        return None
    where = out_of_bounds(os.path.realpath(path), os.path.realpath(root))
    if where is None:
        return None
    return Issue(
        codes.CX014_OUTSIDE_WORKSPACE,
        f"'{rel}' is a symbolic link to a file {where}; refused unread",
        Span(file=rel),
        _LINK_HINT,
    )


def read_text(path: Path, rel: str) -> tuple[str | None, list[Issue]]:
    """The file's text, or an issue saying why it was refused.

    Opened without blocking and checked with ``fstat`` before anything is read: a FIFO,
    socket or device is skipped (CX015), a folder refused; then size, binary content and
    encoding (CX006, CX005).
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return None, [
            Issue(codes.CX005_FILE_UNREADABLE, f"cannot read file: {exc.strerror}", Span(file=rel))
        ]
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return None, [
                Issue(
                    codes.CX005_FILE_UNREADABLE,
                    f"'{path.name}' is a folder, not a file",
                    Span(file=rel),
                    _FOLDER_HINT,
                )
            ]
        if not stat.S_ISREG(info.st_mode):
            return None, [
                Issue(
                    codes.CX015_FILE_SPECIAL,
                    f"{special_kind(info.st_mode)}, not a regular file; skipped unread",
                    Span(file=rel),
                    "model files are plain text files",
                )
            ]
        if info.st_size > MAX_FILE_BYTES:
            return None, [_too_large(info.st_size, rel)]
        data = _read_all(fd, info.st_size)
    except OSError as exc:
        return None, [
            Issue(codes.CX005_FILE_UNREADABLE, f"cannot read file: {exc.strerror}", Span(file=rel))
        ]
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew after fstat
        return None, [_too_large(len(data), rel)]
    return decode(data, rel)


def _read_all(fd: int, size: int) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes (enough to tell that a file is too large)."""
    parts = []
    left = MAX_FILE_BYTES + 1
    want = size + 1  # the whole file in one read, sized exactly (a larger buffer costs more)
    while left > 0:
        chunk = os.read(fd, min(left, want))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
        want = 65536
    return b"".join(parts)


def _too_large(size: int, rel: str) -> Issue:
    return Issue(
        codes.CX006_FILE_TOO_LARGE,
        f"file is {size / 1_048_576:.1f} MB; model files are limited to "
        f"{MAX_FILE_BYTES // 1_048_576} MB",
        Span(file=rel),
        "split it into several files",
    )


def decode(data: bytes, rel: str) -> tuple[str | None, list[Issue]]:
    """UTF-8 text (a byte-order mark allowed), or why the bytes are not that."""
    wide = _wide_encoding(data)
    if wide is not None:
        name, iconv = wide
        return None, [
            Issue(
                codes.CX005_FILE_UNREADABLE,
                f"the file is {name} text; model files are UTF-8",
                Span(file=rel),
                "save it as UTF-8: your editor's 'save with encoding', or "
                f"iconv -f {iconv} -t UTF-8 FILE > NEW-FILE",
            )
        ]
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _byte_line_col(data, nul)
        return None, [
            Issue(
                codes.CX005_FILE_UNREADABLE,
                "binary file (contains a NUL byte)",
                Span(file=rel, line=line, column=col),
            )
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line, col = _byte_line_col(data, exc.start)
        return None, [
            Issue(
                codes.CX005_FILE_UNREADABLE,
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x})",
                Span(file=rel, line=line, column=col),
                "save the file as UTF-8",
            )
        ]


#: (byte-order mark, codec, name, iconv's name); UTF-32-LE's mark starts with UTF-16-LE's.
_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)", "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)", "UTF-16BE"),
)


def _wide_encoding(data: bytes) -> tuple[str, str] | None:
    """(name, iconv name) when the bytes are UTF-16 or UTF-32 text.

    With a byte-order mark the mark decides; without one, a file whose first character is
    ASCII (``kind:``, ``#``, ``---``) shows its encoding's pattern of NUL bytes. Either way
    the whole file must decode.
    """
    head = data[:4]
    if b"\0" not in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # the common case: no mark, no NUL byte
    for bom, codec, name, iconv in _WIDE:
        if head.startswith(bom):
            return (name, iconv) if _decodes(data[len(bom) :], codec) else None
    if len(head) < 2:
        return None
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        pick = 0
    elif len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        pick = 1
    elif head[0] and not head[1]:
        pick = 2
    elif not head[0] and head[1]:
        pick = 3
    else:
        return None
    _, codec, name, iconv = _WIDE[pick]
    return (name, iconv) if _decodes(data, codec) else None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    return "\0" not in text


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column
