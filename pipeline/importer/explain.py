"""`briefing import --explain`: each paragraph of the raw text, what it was taken for, and why."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.importer.report import Report

MAX_SHOWN_CHARS = 70


@dataclass(frozen=True)
class Taken:
    """One paragraph (or dropped line) of the raw text and the importer's reading of it."""

    line: int
    what: str  # headline, dropped, intro, question 3, answer 3 ...
    why: str
    text: str = ""
    doubts: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        shown = (
            self.text
            if len(self.text) <= MAX_SHOWN_CHARS
            else self.text[: MAX_SHOWN_CHARS - 1] + "…"
        )
        head = f"line {self.line:>4}  {self.what:<14} {self.why}"
        return [
            head,
            *([f"{'':<24}'{shown}'"] if shown else []),
            *(f"{'':<24}unsure: {d}" for d in self.doubts),
        ]


def dropped(report: Report) -> list[Taken]:
    return [Taken(note.line, "dropped", note.message) for note in report.dropped if note.line]


def explanation(taken: list[Taken]) -> list[str]:
    """The readings in the order of the raw text."""
    ordered = sorted(taken, key=lambda entry: entry.line)
    return [line for entry in ordered for line in entry.lines()]
