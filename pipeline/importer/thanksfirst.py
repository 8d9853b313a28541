"""The interviewee's thanks printed before the first question, without the host's words
before them (`— Thank you for the invitation.`, then `— How do you assess ...?`).

Dashes open both sides, so the thanks read as a question, joined to the real first question. A
thanks for being invited is the guest's, never the host's: it is an answer without its question
and goes to the intro, and the first turn is written unsure so an editor checks it. A pleasure to
speak, glad to talk: hosts say so too, and a paragraph opening on `Madam Ambassador,` is the host
speaking; neither moves.
"""

from __future__ import annotations

import re

from pipeline.importer.exchanges import ADDRESS
from pipeline.importer.items import Item
from pipeline.importer.report import Report

MAX_THANKS_CHARS = 240  # a guest's thanks is a line or two; a longer paragraph says more
# What only the invited side says; the host thanks for the time given, not for an invitation.
_GUESTS_THANKS = re.compile(
    r"\b(?:thank(?:s| you) for (?:the |your )?(?:invitation|inviting|having me)|"
    r"спасибо за приглашение|благодарю за приглашение)",
    re.I,
)


def thanks_before_the_first_question(items: list[Item], report: Report) -> None:
    """Give the intro a guest's thanks that stands as the first question's first paragraph."""
    first = next((i for i, item in enumerate(items) if item.role == "question"), None)
    if first is None or first + 1 >= len(items):
        return
    thanks, question = items[first], items[first + 1]
    if (
        question.role != "question"
        or not question.has_question
        or thanks.has_question
        or len(thanks.text) > MAX_THANKS_CHARS
        or not _GUESTS_THANKS.search(thanks.text)
        or ADDRESS.match(thanks.text.strip())
    ):
        return
    thanks.give("intro", "the guest's thanks before the first question: an answer without one")
    stale = set(thanks.doubts)  # what was doubted of it as a question no longer applies
    report.guesses = [
        g for g in report.guesses if not (g.line == thanks.line and g.message in stale)
    ]
    thanks.doubts = []
    message = f"the guest's thanks at line {thanks.line} (no question before them) put in the intro"
    question.doubts.append(message)
    report.guess(thanks.line, message)
