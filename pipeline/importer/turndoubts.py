"""Doubts about a turn that only the shape of the whole conversation shows.

Pages of questions only (the answers are on video or audio: `Q1> ... Q2> ...`, `문) ...`) and
reports that quote their guest between the reporter's words are read into turns all the same;
these doubts make such turns `status: unsure`, so an editor looks before anyone publishes.
"""

from __future__ import annotations

from pipeline.importer.items import Item, ends_asking

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
    if ends_asking(questions[0]):
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


_BY_ITS_MARK = "the text has no other markers"


def lone_by_its_mark(questions: list[tuple[str, str]]) -> list[str]:
    """The only turn found (of `questions`, every turn's text and reason), where nothing marks
    the turns: one paragraph ending in '?' is all that made it, and a writer's preface
    (`... или мы должны принять как данность?`) asks as well as a question does."""
    if len(questions) != 1 or _BY_ITS_MARK not in questions[0][1]:
        return []
    return ["the only turn found, by its question mark alone: is the text an interview?"]


def asked_back(question: list[Item]) -> list[str]:
    """Where nothing marks the turns, two paragraphs in a row ending in '?' were joined into one
    question; but the second may be the answer asking back (`Когда увеличат тираж?`), which
    shifts every turn after it."""
    if _BY_ITS_MARK not in question[0].reason:
        return []
    asking = [item for item in question if item.asks]
    if len(asking) < 2:
        return []
    return [
        f"the paragraphs at lines {asking[0].line} and {asking[1].line} both ask, with no answer"
        f" between: {_ASKED_BACK}?"
    ]


_ASKED_BACK = "is the second the answer, asking back"


def after_asked_back(earlier: list[tuple[str, ...]]) -> list[str]:
    """A turn after one whose question may hold the answer asking back (of `earlier`, the
    doubts of every turn before this one): if it does, this turn is shifted too."""
    if not any(_ASKED_BACK in doubt for turn in earlier for doubt in turn):
        return []
    return ["an earlier question may hold the answer asking back: is this turn shifted?"]
