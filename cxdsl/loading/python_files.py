"""Python model files: code that builds the same model objects as YAML.

A Python model file is an ordinary module that imports the model classes from
``cxdsl.api`` and assigns entities (or lists of entities) to module-level names::

    from cxdsl.api import Journey, Stage, Step

    journey = Journey(id="request-certificate", title={"en": "...", "ar": "..."}, ...)

Every module-level entity (names not starting with ``_``) joins the workspace. They only
run when ``cxdsl.yaml`` sets ``allow_python: true`` and ``--no-python`` is not given.

A model file never runs inside cxdsl. It runs in a child of one worker process
(:mod:`cxdsl.loading._python_worker`), bounded in time (``python_timeout`` in
``cxdsl.yaml``) and, on Linux, in memory; what it prints is captured; its entities come
back as plain JSON and are validated here again with the normal models, so no trick inside
the file (``model_construct``, assignments after construction, monkeypatching cxdsl) can
skip validation or a rule. Every way it can fail, including ending the process, hanging
or flooding its output, is a located CX011 and the rest of the check goes on.

What a file prints is shown only when the file fails: the first 1,000 characters, on one line with
control characters escaped, appended to its CX011 (or CX008) message. The output of a file
that works is discarded, as the output of a YAML parser would be.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from .. import codes
from ..diagnostics import Edit, Fix, Issue, Span
from ..model import ENTITY_KINDS
from . import _python_worker as worker_protocol
from .document import Document
from .errors import validation_issues

#: Time given to the worker to start (import pydantic and the model) before it is abandoned.
START_TIMEOUT = 60.0
#: Time the worker gets, beyond the file's own limit, to answer before it is ended.
ANSWER_GRACE = 5.0
#: Longest file output shown in a diagnostic, in characters (the worker keeps 2 KB).
OUTPUT_SHOWN = 1000


def _id_lines(found: Any) -> dict[str, tuple[int, int]]:
    """The child's ``[id, line, column]`` list, checked (it only places diagnostics)."""
    out: dict[str, tuple[int, int]] = {}
    for item in found if isinstance(found, list) else ():
        if (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], str)
            and _line_of(item[1])
            and _line_of(item[2])
        ):
            out.setdefault(item[0], (item[1], item[2]))
    return out


class WorkerGone(Exception):
    """The worker ended or stopped answering; ``timed_out`` when cxdsl ended it."""

    def __init__(self, message: str, *, timed_out: bool = False, started: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out
        self.started = started


class Worker:
    """One worker process and its protocol; used by one thread at a time."""

    def __init__(self) -> None:
        env = dict(os.environ)
        package_parent = str(Path(__file__).resolve().parents[2])
        if package_parent not in sys.path:  # cxdsl run from a source tree, not installed
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (package_parent, env.get("PYTHONPATH")) if p
            )
        # -P: the workspace (the current directory) is not put on sys.path, so a file there
        # named like a module (json.py) cannot replace what the worker imports.
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "cxdsl.loading._python_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        self.pid = os.getpid()
        self.killed = False
        hello = self._answer(START_TIMEOUT)
        try:
            info = json.loads(hello) if hello else {}
        except ValueError:
            info = {}
        if not isinstance(info, dict) or not info.get("ready"):
            self.close()
            why = info.get("error") if isinstance(info, dict) else None
            raise WorkerGone(
                f"the Python worker did not start: {why or 'it ended or did not answer'}"
            )

    @property
    def alive(self) -> bool:
        return self.pid == os.getpid() and self.process.poll() is None

    def kill(self) -> None:
        """End the worker and every child it started (they share its session)."""
        self.killed = True
        try:
            if hasattr(os, "killpg"):
                os.killpg(self.process.pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows
                self.process.kill()
        except OSError:
            pass

    def close(self) -> None:
        if self.pid != os.getpid():  # a forked copy of cxdsl: the worker is not ours
            return
        if self.process.poll() is None:
            self.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def _read(self, stream: IO[bytes]) -> bytes | None:
        head = stream.readline(32)
        if not head.endswith(b"\n"):
            return None
        size = int(head)
        data = stream.read(size)
        return data if len(data) == size else None

    def _answer(self, wait: float) -> bytes | None:
        """The next frame from the worker, or None when it ends or exceeds ``wait``."""
        assert self.process.stdout is not None
        watchdog = threading.Timer(wait, self.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._read(self.process.stdout)
        except (OSError, ValueError):
            return None
        finally:
            watchdog.cancel()

    def run(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        """Send one file; the worker's header and the child's raw result."""
        assert self.process.stdin is not None and self.process.stdout is not None
        data = json.dumps(request, ensure_ascii=False).encode("utf-8", "surrogatepass")
        # The watchdog covers the request too: a large one blocks until the worker reads it.
        watchdog = threading.Timer(float(request["timeout"]) + ANSWER_GRACE, self.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            self.process.stdin.write(b"%d\n" % len(data) + data)
            self.process.stdin.flush()
            header = self._read(self.process.stdout)
            result = self._read(self.process.stdout) if header is not None else None
            info = json.loads(header) if header is not None else None
        except (OSError, ValueError):
            info = result = None
        finally:
            watchdog.cancel()
        if not isinstance(info, dict) or result is None:
            raise WorkerGone("the Python worker ended", timed_out=self.killed, started=True)
        return info, result


_worker: Worker | None = None
_worker_lock = threading.Lock()


def _shutdown() -> None:
    global _worker
    if _worker is not None:
        _worker.close()
        _worker = None


atexit.register(_shutdown)


def run_in_worker(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run one request in the shared worker, starting (or restarting) it as needed."""
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.alive:
            if _worker is not None:
                _worker.close()
            _worker = None
            try:
                _worker = Worker()
            except OSError as exc:
                raise WorkerGone(f"the Python worker did not start: {exc}") from exc
        try:
            return _worker.run(request)
        except BaseException:  # WorkerGone, or interrupted halfway through an answer
            _worker.close()
            _worker = None
            raise


def shown_output(text: str, total: int) -> str:
    """What a file printed, on one line: control and bidi characters escaped, truncated."""
    out = []
    for ch in text[:OUTPUT_SHOWN].rstrip("\n"):
        if ch == "\n":
            out.append("\\n")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    shown = "".join(out)
    if total > len(text.encode("utf-8", "surrogatepass")) or len(text) > OUTPUT_SHOWN:
        shown += f" … ({total:,} bytes in all)"
    return shown


def _with_output(issue: Issue, header: dict[str, Any]) -> Issue:
    total = header.get("output_bytes")
    text = header.get("output")
    if not isinstance(total, int) or not isinstance(text, str) or not total:
        return issue
    return dataclasses.replace(
        issue, message=f"{issue.message}; it printed: {shown_output(text, total)}"
    )


def _line_of(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _validate(
    items: Any, rel: str, lines: dict[str, tuple[int, int]]
) -> tuple[list[Document], list[Issue], set[tuple[str, str]]]:
    """Validate the child's plain data again, with the normal models."""
    unreadable = Issue(
        codes.CX011_PYTHON_ERROR,
        "Python model file handed back data cxdsl cannot read",
        Span(file=rel),
    )
    if not isinstance(items, list):
        return [], [unreadable], set()
    docs: list[Document] = []
    issues: list[Issue] = []
    broken: set[tuple[str, str]] = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
            issues.append(unreadable)
            continue
        kind, ident, data = item.get("kind"), item.get("id"), item["data"]
        line, column = lines.get(ident, (1, 1)) if isinstance(ident, str) else (1, 1)
        span = Span(file=rel, line=line, column=column)
        cls = ENTITY_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            issues.append(
                Issue(
                    codes.CX011_PYTHON_ERROR,
                    f"Python model file handed back an object of unknown kind '{kind}'",
                    span,
                )
            )
            continue
        try:
            entity = cls.model_validate(data)
        except ValidationError as exc:
            hint = (
                "it was built without validation: model_construct, or a field assigned "
                "after the object was made"
            )
            issues.extend(
                dataclasses.replace(i, hint=i.hint or hint)
                for i in validation_issues(
                    exc, cls, rel, None, code=codes.CX011_PYTHON_ERROR, fallback=span
                )
            )
            if isinstance(ident, str):
                broken.add((str(kind), ident))
            continue
        line = lines.get(entity.id, (1, 1))[0]
        docs.append(Document(file=rel, entity=entity, id_lines=lines, line=line))
    return docs, issues, broken


def load_python_file(
    path: Path, rel: str, text: str, timeout: float = 10.0
) -> tuple[list[Document], list[Issue], set[tuple[str, str]]]:
    """Run one Python model file in the worker; every failure becomes a located issue.

    Returns its documents, the issues found and the (kind, id) of entities that failed
    validation (so references to them are not reported again).
    """
    request = {"file": str(path), "text": text, "timeout": timeout, "cwd": os.getcwd()}
    limit = f"{timeout:g} s (python_timeout in cxdsl.yaml)"
    try:
        header, raw = run_in_worker(request)
    except WorkerGone as exc:
        return (
            [],
            [Issue(codes.CX011_PYTHON_ERROR, _gone_message(exc, limit), Span(file=rel))],
            set(),
        )
    result = _result(raw)
    failed = _stopped(header, rel, limit) or _no_result(result, header, rel)
    if failed is None and result is not None:
        lines = _id_lines(result.get("id_lines"))
        error = result.get("error")
        if error is not None:
            failed = _raised(error, rel, lines)
        else:
            docs, issues, broken = _validate(result.get("entities"), rel, lines)
            if docs or issues:
                if issues:
                    issues[0] = _with_output(issues[0], header)
                return docs, issues, broken
            failed = Issue(
                codes.CX008_FILE_EMPTY,
                "Python model file defines no entities",
                Span(file=rel),
                "assign Journey, Persona, ... objects to module-level names",
            )
    assert failed is not None
    return [], [_with_output(failed, header)], set()


def _gone_message(exc: WorkerGone, limit: str) -> str:
    """Why the worker itself ended while running a file."""
    if exc.timed_out:
        return f"Python model file did not finish within {limit}"
    if exc.started:
        return (
            "Python model file ended without handing back its entities (it "
            "ended the worker process that runs it)"
        )
    return f"Python model file could not be run: {exc}"


def _stopped(header: dict[str, Any], rel: str, limit: str) -> Issue | None:
    """The issue for a file the worker stopped (time limit, too much data), or None."""
    status = header.get("status")
    if status == "timeout":
        line = _line_of(header.get("line"))
        return Issue(
            codes.CX011_PYTHON_ERROR,
            f"Python model file did not finish within {limit}",
            Span(file=rel, line=line or 1),
            "the line shown was running when it was stopped" if line else None,
        )
    if status == "too-large":
        return Issue(
            codes.CX011_PYTHON_ERROR,
            f"Python model file handed back more than "
            f"{worker_protocol.MAX_RESULT_BYTES >> 20} MB of entities",
            Span(file=rel),
        )
    return None


def _result(raw: bytes) -> dict[str, Any] | None:
    """The child's result, if it handed back a JSON object."""
    try:
        result = json.loads(raw) if raw else None
    except ValueError:
        return None
    return result if isinstance(result, dict) else None


def _no_result(result: dict[str, Any] | None, header: dict[str, Any], rel: str) -> Issue | None:
    if result is not None:
        return None
    return Issue(
        codes.CX011_PYTHON_ERROR,
        f"Python model file ended without handing back its entities "
        f"({header.get('exit', 'no exit status')})",
        Span(file=rel),
        "a model file must not end its own process",
    )


def _raised(error: Any, rel: str, lines: dict[str, tuple[int, int]]) -> Issue:
    """The issue for a file that raised (or handed back an entity that is not data)."""
    if not isinstance(error, dict):
        error = {}
    error_id = error.get("id")
    where = lines.get(error_id, (1, 1)) if isinstance(error_id, str) else (1, 1)
    span = Span(
        file=rel,
        line=_line_of(error.get("line")) or where[0],
        column=_line_of(error.get("column")) or 1,
    )
    said, hint = error.get("message"), error.get("hint")
    return Issue(
        codes.CX011_PYTHON_ERROR,
        said if isinstance(said, str) else "Python model file failed",
        span,
        hint if isinstance(hint, str) and len(hint) <= _HINT_LENGTH else None,
        fix=_rename_fix(error.get("rename"), rel),
    )


#: The longest hint taken from the child (a did-you-mean is a few dozen characters).
_HINT_LENGTH = 200
#: What a rename may write: a field's name, bare (a keyword) or quoted (a dictionary key).
_FIELD_NAME = re.compile(
    r"[A-Za-z_][A-Za-z0-9_]*|\"[A-Za-z_][A-Za-z0-9_]*\"|'[A-Za-z_][A-Za-z0-9_]*'"
)


def _rename_fix(rename: Any, rel: str) -> Fix | None:
    """The child's rename of a misspelt keyword, checked (it only ever renames one name
    on one line of this file to a field's name)."""
    if not isinstance(rename, dict):
        return None
    places = [_line_of(rename.get(k)) for k in ("line", "column", "end_line", "end_column")]
    to = rename.get("to")
    if None in places or not isinstance(to, str) or not _FIELD_NAME.fullmatch(to):
        return None
    line, column, end_line, end_column = (p or 1 for p in places)
    if end_line != line or end_column <= column:
        return None
    name = to.strip("\"'")
    what = "keyword" if name == to else "key"
    edit = Edit(
        file=rel, line=line, column=column, end_line=end_line, end_column=end_column, replacement=to
    )
    return Fix(description=f"rename the {what} to '{name}'", edits=(edit,))
