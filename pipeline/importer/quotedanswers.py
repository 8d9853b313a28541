"""Answers printed as quotations (`"That is a tough question. ..."`), with the writer's own
remarks between them (`Note that this guy wants to be U.N. General Secretary.`).

Where the answers are quoted, a paragraph in an answer that is not is someone else's words: a
blogger's comment, a caption. Its turn is written unsure, so an editor cuts or keeps it.
"""

from __future__ import annotations

from pipeline.importer.items import CLOSING_QUOTES, OPENING_QUOTES, Item, without_apostrophes
from pipeline.importer.report import Report

MIN_QUOTED = 2  # fewer quoted answers prove no habit


def doubt_unquoted_asides(items: list[Item], report: Report) -> None:
    answers = [item for item in items if item.role == "answer"]
    quoted = [item for item in answers if item.quoted]
    if len(quoted) < MIN_QUOTED or 2 * len(quoted) < len(answers):
        return
    for item in answers:
        if not item.quoted and not _part_of_a_quotation(item.text):
            message = (
                "a paragraph not in quotation marks among quoted answers: the writer's"
                " comment rather than the interviewee's words?"
            )
            item.doubts.append(message)
            report.guess(item.line, message)


def _part_of_a_quotation(text: str) -> bool:
    """The first or last line of a quotation over several lines (`"Line one.`, `line three."`),
    not a paragraph that only quotes a word (`"Emotions" such as ...`)."""
    stripped = without_apostrophes(text.strip().rstrip(".,!…"))
    opens = stripped[:1] in OPENING_QUOTES and not any(
        mark in stripped[1:] for mark in CLOSING_QUOTES
    )
    closes = stripped[-1:] in CLOSING_QUOTES and not any(
        mark in stripped[:-1] for mark in OPENING_QUOTES
    )
    return opens or closes
