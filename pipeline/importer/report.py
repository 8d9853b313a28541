"""What an import tells its user: guesses, warnings, dropped lines, and the error for bad input."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.errors import INVALID, BriefingError


class RawTextError(BriefingError):
    """Input that cannot become an interview: empty, binary, undecodable, or without questions."""

    exit_code = INVALID


@dataclass(frozen=True)
class Note:
    """One remark about the raw text, at a line of it when known."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Report:
    """Everything the importer was unsure of or changed, for the editor to check.

    `guesses` are decisions that could have gone the other way; `warnings` are
    spots in the text that look wrong but were kept as written; `dropped` are
    lines left out of the content (site chrome, an unanswered last question);
    `placeholders` are required fields the text did not give.
    """

    guesses: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    dropped: list[Note] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)

    def guess(self, line: int | None, message: str) -> None:
        self.guesses.append(Note(line, message))

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Note(line, message))

    def drop(self, line: int | None, message: str) -> None:
        self.dropped.append(Note(line, message))
