"""Errors the pipeline reports to its users, each with the exit status it earns.

Every status a `briefing` command ends with is named here, once; the commands' help
(`exit_status_help`), the run reports and the README's tables say the same.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

OK = 0
"""Done: everything asked for was built, checked or delivered (or already was)."""
FAILED = 1
"""Something failed for good (a render, a recipient, a check); the rest was still done."""
INVALID = 2
"""Invalid content, settings or usage: nothing was built or sent."""
ALREADY_RUNNING = 3
"""Skipped: another run holds the lock on the packs folder."""
TEMPORARY_FAILURE = 75
"""A delivery could not be made now (a 4xx reply, no server); a later run makes it
(EX_TEMPFAIL of sysexits.h, which systemd and cron wrappers retry)."""

EXIT_MEANINGS = {
    OK: "done",
    FAILED: "some outputs or deliveries failed",
    INVALID: "invalid content, settings or usage",
    ALREADY_RUNNING: "skipped: another run holds the lock",
    TEMPORARY_FAILURE: "a delivery failed for now (retry later)",
}


def exit_status_help(*statuses: int, saying: Mapping[int, str] | None = None) -> str:
    """A command's epilog, `Exit status: 0 done; 1 ...`; `saying` words a status for the
    command (Click wraps the text)."""
    meanings = {**EXIT_MEANINGS, **(saying or {})}
    return "Exit status: " + "; ".join(f"{s} {meanings[s]}" for s in statuses) + "."


class BriefingError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback."""

    exit_code = FAILED


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

    exit_code = INVALID

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in content; nothing was written:"
        super().__init__("\n".join([header, *(f"  {p}" for p in problems)]))


class UsageError(BriefingError):
    exit_code = INVALID


class UnsafeResourceError(BriefingError):
    """A document asked for a resource outside what it may read."""


class RenderError(BriefingError):
    """A renderer failed on valid content."""


OS_FAILURE = FAILED
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
    hint = _OS_HINTS.get(error.errno) if error.errno is not None else None
    text = f"{' -> '.join(files)}: {reason}" if files else reason
    return f"{text} ({hint})" if hint else text


def os_error_behind(error: Exception) -> OSError | None:
    """The OS error an exception stands for: pathlib's `resolve()` (Python < 3.13) turns a
    symbolic link loop into a RuntimeError, with the OS error as its context."""
    if isinstance(error, OSError):
        return error
    context = error.__context__
    if not isinstance(context, OSError) or context.errno != errno.ELOOP:
        return None
    return (
        context
        if isinstance(error, RuntimeError) and str(error).startswith("Symlink loop")
        else None
    )


def describe_unexpected(error: BaseException) -> str:
    """One line for an exception no code anticipated: a bug, so say how to see more."""
    message = " ".join(str(error).split())
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return f"internal error: {what} (a bug: rerun with -v for the traceback, and report it)"
