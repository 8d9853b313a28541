"""Doubts about a turn that only the shape of the whole conversation shows.

Pages of questions only (the answers are on video or audio: `Q1> ... Q2> ...`, `문) ...`) and
reports that quote their guest between the reporter's words are read into turns all the same;
these doubts make such turns `status: unsure`, so an editor looks before anyone publishes.
"""

from __future__ import annotations

from pipeline.importer.items import Item

_QUESTION_MARKS = ("question", "number")
_UNANSWERED = "is marked as a question of its own"


def marked_twice(question: list[Item]) -> list[str]:
    """`Q1> ...` then `Q2> ...`: two paragraphs each marked as a question were joined into one
    question, so the first went unanswered: a page of questions only?"""
    again = [
        item
        for item in question[1:]
        if item.marker is not None and item.marker.kind in _QUESTION_MARKS
    ]
    if not again or question[0].marker is None:
        return []
    return [
        f"the question at line {again[0].line} {_UNANSWERED}: the one"
        f" before it (line {question[0].line}) has no answer, are the answers missing?"
    ]


def lone_turn(questions: list[str]) -> list[str]:
    """The only turn found (of `questions`, every turn's), and its question asks nothing: a
    report quoting its guest, or a summary, read as one question and one long answer."""
    if len(questions) != 1:
        return []
    question = questions[0].rstrip("\"'”’»)]」』 ")
    if question.endswith(("?", "？")):
        return []
    return ["the only turn found, and its question asks nothing: is the text an interview?"]


def among_unanswered(doubts: list[tuple[str, ...]], own: tuple[str, ...]) -> list[str]:
    """Where one turn of the page (of `doubts`, every turn's) holds a question left unanswered,
    the page may be questions only: a turn without that doubt (`own`) is doubted too."""
    if any(_UNANSWERED in doubt for doubt in own):
        return []
    if not any(_UNANSWERED in doubt for turn in doubts for doubt in turn):
        return []
    return ["another turn's question has no answer: are this turn's answers the page's own?"]
