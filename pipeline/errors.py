"""Errors the pipeline reports to its users, each with the exit status it earns."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


class BriefingError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one content file, located as precisely as known."""

    file: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentError(BriefingError):
    """Content that cannot be built; lists every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in content; nothing was written:"
        super().__init__("\n".join([header, *(f"  {p}" for p in problems)]))


class UsageError(BriefingError):
    exit_code = 2


class UnsafeResourceError(BriefingError):
    """A document asked for a resource outside what it may read."""


class RenderError(BriefingError):
    """A renderer failed on valid content."""


OS_FAILURE = 1
"""Exit status when the system refused a read or a write (disk full, read-only, no permission)."""

_OS_HINTS = {
    errno.ENOSPC: "free some space and run again",
    errno.EDQUOT: "free some space and run again",
    errno.EROFS: "the file system is read-only; write somewhere else",
    errno.EACCES: "check the permissions of the file and of its folder",
    errno.EPERM: "check the permissions of the file and of its folder",
    errno.ELOOP: "a symbolic link leads back to itself",
    errno.EISDIR: "a folder stands where a file should be",
    errno.ENOTDIR: "a file stands where a folder should be",
}


def describe_os_error(error: OSError) -> str:
    """`<file>: <reason> (<what to do>)`, on one line, for an OS error nothing else handled."""
    files = [str(name) for name in (error.filename, error.filename2) if name is not None]
    reason = error.strerror or str(error) or type(error).__name__
    hint = _OS_HINTS.get(error.errno)
    text = f"{' -> '.join(files)}: {reason}" if files else reason
    return f"{text} ({hint})" if hint else text


def os_error_behind(error: Exception) -> OSError | None:
    """The OS error an exception stands for: pathlib's `resolve()` (Python < 3.13) turns a
    symbolic link loop into a RuntimeError, with the OS error as its context."""
    if isinstance(error, OSError):
        return error
    context = error.__context__
    loop = isinstance(context, OSError) and context.errno == errno.ELOOP
    if isinstance(error, RuntimeError) and loop and str(error).startswith("Symlink loop"):
        return context
    return None


def describe_unexpected(error: BaseException) -> str:
    """One line for an exception no code anticipated: a bug, so say how to see more."""
    message = " ".join(str(error).split())
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return f"internal error: {what} (a bug: rerun with -v for the traceback, and report it)"
