"""The worker process that runs Python model files for cxdsl (``python -m`` this module).

cxdsl starts one worker per process, the first time a workspace has a Python model file,
and keeps it for every later run (``cxdsl serve`` rebuilds pay no start-up). The worker
imports the model once, then runs each file in a child forked from itself, so every file
starts from the same clean interpreter (a file that monkeypatches ``cxdsl`` changes
nothing for the next one) at the cost of a ``fork`` (about a millisecond), not of a new
interpreter (about 200 ms). The worker is single-threaded, so forking it is safe; cxdsl
itself never forks (it may run inside an mkdocs server's threads with its cyclic GC
paused): it starts this worker with ``subprocess``, which executes a fresh interpreter.

In the child, before the model file runs:

- fds 1 and 2 go to a capture pipe (the worker keeps the first bytes and counts the rest),
  fd 0 reads ``/dev/null`` and the worker's protocol fds are closed, so nothing the file
  prints or writes reaches cxdsl's output or the protocol;
- ``faulthandler`` arms a watchdog thread that, at the time limit, writes the running
  line to a report pipe and ends the child (it works even inside a long C call); the
  worker kills the child's process group one second later if that did not happen;
- on Linux, ``RLIMIT_AS`` caps the address space at what the worker maps plus
  :data:`MEMORY_HEADROOM`.

The child hands its entities back as plain JSON (``model_dump(mode="json",
exclude_unset=True)``): nothing it builds is trusted; cxdsl validates the data again.

Protocol (binary, on private copies of fds 0 and 1): a frame is ``<length>\\n<bytes>``.
cxdsl sends one JSON request frame per file; the worker answers with a JSON header frame
and a frame holding the child's raw result. The first frame the worker sends says whether
it started.
"""

from __future__ import annotations

import ast
import contextlib
import faulthandler
import gc
import json
import os
import re
import select
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Address space a model file may take above what the worker already maps (Linux only). A
#: model file builds kilobytes of data; 1 GiB leaves room for any honest file and for the
#: libraries it may import, and stops a runaway one long before a CI runner (7 GB) swaps.
MEMORY_HEADROOM = 1 << 30
#: How much of what a file prints is kept (the rest is counted, not stored).
OUTPUT_KEEP = 2048
#: The most a child may hand back; a model file's entities are a few megabytes at most.
MAX_RESULT_BYTES = 64 << 20
#: Time the worker gives the child's own watchdog before killing it.
KILL_GRACE = 1.0
#: Longest exception message handed back (a file could raise a 10 MB message).
MAX_MESSAGE = 2000


def write_frame(fd: int, data: bytes) -> None:
    """Write one ``<length>\\n<bytes>`` frame to a raw fd."""
    view = memoryview(b"%d\n" % len(data) + data)
    while view:
        view = view[os.write(fd, view) :]


def read_frame(fd: int) -> bytes | None:
    """Read one frame from a raw fd; None at end of file."""
    head = b""
    while not head.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte or len(head) > 20:
            return None
        head += byte
    size = int(head)
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _address_space() -> int:
    """Bytes of address space this process maps (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _raise_line(exc: BaseException, filename: str) -> int:
    line = 1
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename and frame.lineno:
            line = frame.lineno
    return line


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "…"


def _collect(namespace: dict[str, Any]) -> list[Any]:
    """Module-level entities (and lists of them), names starting with ``_`` skipped."""
    from cxdsl.model import Entity

    found: list[Any] = []
    seen: set[int] = set()
    for name, value in list(namespace.items()):
        if not isinstance(name, str) or name.startswith("_"):
            continue
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, Entity) and id(item) not in seen:
                seen.add(id(item))
                found.append(item)
    return found


def entity_payload(entity: Any) -> dict[str, Any]:
    """An entity as plain data that validates back into an equal entity.

    ``exclude_unset`` keeps exactly the fields the file wrote (as a YAML document would),
    so defaults are applied again by the parent, not copied from the child.
    """
    data = entity.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)
    return {"kind": str(entity.kind), "id": str(entity.id), "data": data}


def id_lines(tree: ast.AST) -> dict[str, tuple[int, int]]:
    """Line and column of every ``SomeModel(id="x", ...)`` call, by id."""
    out: dict[str, tuple[int, int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if (
                    kw.arg == "id"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    out.setdefault(kw.value.value, (node.lineno, node.col_offset + 1))
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


def run_model_file(filename: str, text: str, memory: int | None = None) -> dict[str, Any]:
    """Execute one model file in this process; the result as plain data.

    The file is parsed here, not in cxdsl: parsing costs as much as running a typical
    model file, and the lines it finds only place this file's own diagnostics.
    """
    try:
        tree = ast.parse(text, filename)
    except SyntaxError as exc:
        return {
            "error": {
                "message": f"Python syntax error: {exc.msg}",
                "line": exc.lineno or 1,
                "column": exc.offset or 1,
            }
        }
    except (RecursionError, MemoryError, ValueError) as exc:
        return {
            "error": {
                "message": f"Python model file cannot be parsed: {type(exc).__name__}",
                "line": None,
            }
        }
    lines = id_lines(tree)
    result = _execute(filename, tree, memory, text)
    result["id_lines"] = [[ident, line, column] for ident, (line, column) in lines.items()]
    return result


def _error(message: str, line: int | None, **extra: Any) -> dict[str, Any]:
    """A result that reports one problem (``line`` None: the file as a whole)."""
    return {"error": {"message": message, "line": line, **extra}}


def _execute(filename: str, tree: ast.Module, memory: int | None, text: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {
        "__name__": f"cxdsl_model_{Path(filename).stem}",
        "__file__": filename,
    }
    failed = _run_code(filename, tree, namespace, memory, text)
    return failed if failed is not None else _entities_result(namespace)


def _run_code(
    filename: str, tree: ast.Module, namespace: dict[str, Any], memory: int | None, text: str
) -> dict[str, Any] | None:
    """Run the file's code in ``namespace``; what went wrong, or None."""
    from pydantic import ValidationError

    from cxdsl.loading.python_keywords import keyword_error, model_named

    try:
        code = compile(tree, filename, "exec")
        exec(code, namespace)
    except SyntaxError as exc:  # found only when compiling ('return' outside a function)
        return _error(f"Python syntax error: {exc.msg}", exc.lineno or 1, column=exc.offset or 1)
    except ValidationError as exc:
        # At the keyword the model refused, with the field a misspelt one resembles; the
        # file ran first and may have broken what that needs: then at the call's line.
        try:
            error = keyword_error(exc, filename, tree, text, model_named(exc.title))
        except Exception:
            error = {"message": f"invalid {exc.title} in Python model file"}
            error["line"] = _raise_line(exc, filename)
        error["message"] = _short(str(error["message"]))
        return {"error": error}
    except MemoryError as exc:
        limit = f" ({memory >> 20} MB)" if memory else ""
        return _error(
            f"Python model file exceeded the memory limit{limit}", _raise_line(exc, filename)
        )
    except BaseException as exc:
        return _error(
            _short(f"Python model file raised {type(exc).__name__}: {exc}"),
            _raise_line(exc, filename),
        )
    return None


def _entities_result(namespace: dict[str, Any]) -> dict[str, Any]:
    """The entities the file left in its namespace, as plain data."""
    entities = []
    for entity in _collect(namespace):
        try:
            entities.append(entity_payload(entity))
        except Exception as exc:
            ident = getattr(entity, "id", "?")
            return _error(
                _short(
                    f"Python model file: {type(entity).__name__} '{ident}' holds a value that "
                    f"is not plain data ({type(exc).__name__}: {exc})"
                ),
                None,
                id=ident if isinstance(ident, str) else None,
            )
    return {"entities": entities}


def _child(request: dict[str, Any], fds: dict[str, int], private: tuple[int, ...]) -> None:
    """In the forked child: isolate, arm the limits, run the file, hand back the result."""
    for fd in private:
        os.close(fd)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(fds["output"], 1)
    os.dup2(fds["output"], 2)
    os.close(devnull)
    os.close(fds["output"])
    os.setpgid(0, 0)  # its own group: a timeout kills whatever the file started, too
    with contextlib.suppress(OSError):
        os.chdir(request["cwd"])
    faulthandler.dump_traceback_later(float(request["timeout"]), exit=True, file=fds["report"])
    memory = None
    if sys.platform.startswith("linux"):
        import resource

        memory = _address_space() + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    result = run_model_file(request["file"], request["text"], MEMORY_HEADROOM if memory else None)
    try:
        payload = json.dumps(result, ensure_ascii=False, allow_nan=True).encode("utf-8", "replace")
    except (TypeError, ValueError) as exc:
        payload = json.dumps(
            {
                "error": {
                    "message": f"Python model file handed back data that is not JSON: {exc}",
                    "line": None,
                }
            }
        ).encode()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):  # the file may have replaced or closed it
            if stream is not None:
                stream.flush()
    view = memoryview(payload)
    while view:
        view = view[os.write(fds["result"], view) :]


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return f"killed by signal {name}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


_LINE = re.compile(rb'File "(?P<file>[^"\n]*)", line (?P<line>\d+)')


def _timeout_line(report: bytes, filename: str) -> int | None:
    """The innermost line of the model file in a faulthandler dump."""
    for match in _LINE.finditer(report):
        if match["file"].decode("utf-8", "replace") == filename:
            return int(match["line"])
    return None


@dataclass
class _Collected:
    """What the worker read from a child's pipes, and why it stopped reading."""

    buffers: dict[str, bytearray]
    output_bytes: int = 0
    hard_timeout: bool = False
    too_large: bool = False
    orphaned: bool = False
    handed_back: bool = False


def _fork_child(request: dict[str, Any], private: tuple[int, ...]) -> tuple[int, dict[int, str]]:
    """Fork the child that runs the file; its pid and the read ends of its pipes."""
    pipes = {name: os.pipe() for name in ("result", "output", "report")}
    pid = os.fork()
    if pid == 0:  # the child never returns into the worker's loop
        code = 0
        try:
            for read_end, _ in pipes.values():
                os.close(read_end)
            _child(request, {n: w for n, (_, w) in pipes.items()}, private)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also here, so the group exists whichever runs first
    for _, write_end in pipes.values():
        os.close(write_end)
    return pid, {r: n for n, (r, _) in pipes.items()}


def _collect_output(names: dict[int, str], timeout: float, cxdsl_fd: int) -> _Collected:
    """Read the child's pipes until it is done, times out, hands back too much, or cxdsl
    goes away; ``names`` keeps the fds still open."""
    got = _Collected({n: bytearray() for n in names.values()})
    deadline = time.monotonic() + timeout + KILL_GRACE
    while names and not (got.orphaned or got.too_large):
        left = deadline - time.monotonic()
        if left <= 0:
            got.hard_timeout = not got.handed_back
            break
        ready, _, _ = select.select([*names, cxdsl_fd], [], [], left)
        for fd in ready:
            if fd == cxdsl_fd:  # cxdsl went away (its end of the protocol closed)
                got.orphaned = True
            elif _read_chunk(fd, names, got) and not got.handed_back:
                # Done; something the file started may hold the other pipes open.
                got.handed_back = True
                deadline = min(deadline, time.monotonic() + 0.5)
    return got


def _read_chunk(fd: int, names: dict[int, str], got: _Collected) -> bool:
    """Read what one pipe holds; True when the result pipe has just closed."""
    chunk = os.read(fd, 1 << 16)
    if not chunk:
        os.close(fd)
        return names.pop(fd) == "result"
    name = names[fd]
    buffer = got.buffers[name]
    if name == "output":
        got.output_bytes += len(chunk)
        if len(buffer) < OUTPUT_KEEP:
            buffer += chunk[: OUTPUT_KEEP - len(buffer)]
    else:
        buffer += chunk
        got.too_large = len(got.buffers["result"]) > MAX_RESULT_BYTES
    return False


def run_forked(request: dict[str, Any], private: tuple[int, ...]) -> tuple[dict[str, Any], bytes]:
    """Run one file in a forked child; the header for cxdsl and the child's raw result."""
    pid, names = _fork_child(request, private)
    got = _collect_output(names, float(request["timeout"]), private[0])
    _kill_group(pid)
    for fd in names:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    if got.orphaned:
        sys.exit(0)
    report = bytes(got.buffers["report"])
    timed_out = got.hard_timeout or b"Timeout (" in report
    too_large = got.too_large
    header: dict[str, Any] = {
        "status": "timeout" if timed_out else "too-large" if too_large else "ended",
        "line": _timeout_line(report, request["file"]) if timed_out else None,
        "exit": _describe_status(status),
        "output": bytes(got.buffers["output"]).decode("utf-8", "replace"),
        "output_bytes": got.output_bytes,
    }
    return header, b"" if too_large or timed_out else bytes(got.buffers["result"])


def run_in_process(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Where there is no fork (Windows): run here, output to a temporary file.

    cxdsl enforces the time limit by ending the whole worker; there is no memory limit.
    """
    import tempfile

    with tempfile.TemporaryFile() as capture:
        saved = os.dup(1), os.dup(2)
        os.dup2(capture.fileno(), 1)
        os.dup2(capture.fileno(), 2)
        cwd = os.getcwd()
        try:
            os.chdir(request["cwd"])
            result = run_model_file(request["file"], request["text"])
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.chdir(cwd)
        size = capture.seek(0, os.SEEK_END)
        capture.seek(0)
        output = capture.read(OUTPUT_KEEP)
    header = {
        "status": "ended",
        "line": None,
        "exit": "exit code 0",
        "output": output.decode("utf-8", "replace"),
        "output_bytes": size,
    }
    return header, json.dumps(result, ensure_ascii=False).encode("utf-8", "replace")


def main() -> None:
    """Serve requests from cxdsl until it closes the protocol."""
    proto_in, proto_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    try:  # load the model once: every forked child starts with it
        import cxdsl.api
        import cxdsl.loading.errors
        import cxdsl.loading.python_keywords  # noqa: F401
    except BaseException as exc:
        write_frame(proto_out, json.dumps({"ready": False, "error": repr(exc)}).encode())
        return
    # Forked children share the worker's memory until they write to it; the collector
    # would write to every object it scans, so the preloaded ones are moved out of its way.
    gc.collect()
    gc.freeze()
    write_frame(proto_out, json.dumps({"ready": True, "pid": os.getpid()}).encode())
    forking = hasattr(os, "fork")
    while (frame := read_frame(proto_in)) is not None:
        request = json.loads(frame)
        if forking:
            header, result = run_forked(request, (proto_in, proto_out))
        else:
            header, result = run_in_process(request)
        write_frame(proto_out, json.dumps(header).encode())
        write_frame(proto_out, result)


if __name__ == "__main__":
    main()
