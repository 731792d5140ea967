"""Aborts: the few exceptions cxdsl raises on purpose, and how any failure is worded.

User mistakes in model files are diagnostics, never exceptions. These are for the rest:
a workspace cxdsl cannot work on at all, a file it cannot write, a library that failed,
a bug. Every one of them ends the command with exit code 2 and one line on stderr,
``cxdsl: error: ...`` (the traceback only with ``cxdsl --debug`` or ``CXDSL_DEBUG=1``).

The hierarchy follows mkdocs' (``mkdocs/exceptions.py``): rooted in
``click.ClickException`` so that click itself prints the message and exits with the
code, whether the exception comes from a command body or from deeper in the library.
"""

from __future__ import annotations

import unicodedata
from typing import IO, Any

import click

#: Exit codes: 0 clean, 1 findings at error level, 2 usage error or failure.
EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2
#: What a shell reports for a command ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: A message longer than this is cut: one line must stay readable in a CI log.
MAX_MESSAGE = 1000


class CxdslError(click.ClickException):
    """A failure that ends the command: ``cxdsl: error: MESSAGE`` and exit code 2."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str = "", *args: Any) -> None:
        # ``*args`` keeps ``CxdslError("a", "b")`` (the plain-Exception habit) working.
        super().__init__(" ".join(str(a) for a in (message, *args) if a != ""))

    def format_message(self) -> str:
        return one_line(self.message)

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"cxdsl: error: {self.format_message()}", file=file, err=file is None)


class ConfigurationError(CxdslError):
    """The workspace's configuration (``cxdsl.yaml``, ``mkdocs.yml``) cannot be used at all."""


class BuildError(CxdslError):
    """Rendering or building the site failed (mkdocs, Graphviz, the output folder)."""


class InternalError(CxdslError):
    """A bug in cxdsl (not a user mistake)."""

    def format_message(self) -> str:
        return one_line(
            f"internal error: {self.message} (a bug in cxdsl: please report it "
            "with the traceback that --debug prints)"
        )


def describe_os_error(exc: OSError) -> str:
    """``PATH: reason`` (both paths for a rename or a link), as the shell's tools say it."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return reason
    where = str(exc.filename)
    if getattr(exc, "filename2", None) is not None:
        where = f"{where} -> {exc.filename2}"
    return f"{where}: {reason}"


def error_from(exc: BaseException) -> CxdslError:
    """The ``CxdslError`` that reports ``exc``, an exception nobody caught."""
    if isinstance(exc, CxdslError):
        return exc
    if isinstance(exc, click.ClickException):  # mkdocs' own errors are ClickExceptions
        return BuildError(exc.format_message() or type(exc).__name__)
    if isinstance(exc, OSError):
        return CxdslError(describe_os_error(exc))
    if isinstance(exc, SystemExit):  # sys.exit("message") deep in a library
        return CxdslError(str(exc.code))
    if isinstance(exc, RecursionError):
        return CxdslError("the input is nested too deeply to process (RecursionError)")
    if isinstance(exc, MemoryError):
        return CxdslError("out of memory")
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return InternalError(detail)


def one_line(message: str) -> str:
    """``message`` on one line, control and bidi characters shown as escapes, bounded."""
    joined = " ".join(part.strip() for part in message.splitlines() if part.strip())
    shown = "".join(_visible(ch) for ch in joined)
    if len(shown) > MAX_MESSAGE:
        shown = shown[: MAX_MESSAGE - 1] + "…"
    return shown or "unknown error"


def _visible(ch: str) -> str:
    # A file name or a library's message may hold an escape sequence or an RLO that
    # would rewrite the terminal line around it.
    if ch == " " or ch.isprintable():
        return ch
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return ch.encode("unicode_escape", "backslashreplace").decode("ascii")
    return ch
