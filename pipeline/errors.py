"""Errors the pipeline reports to its users, each with the exit status it earns."""

from __future__ import annotations

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
