"""A text without markers that goes one question, one answer, all the way through.

Read by question marks alone, a question that ends in a statement (`Will it help? It is a grave
matter.`) or asks without a mark (`But the other day you said so.`) joins the answer before it.
When every paragraph that ends in '?' stands at the same place in the rhythm (the 1st, 3rd,
5th...), no answer ends in '?', and the odd slots without a '?' are short, the rhythm is the
text's marker: each of those slots is a question too, written unsure so an editor checks it.
"""

from __future__ import annotations

import re

from pipeline.importer.items import Item
from pipeline.importer.report import Report

_ADDRESSED = re.compile(r"\b(?:you|your|yours|вы|вас|вам|вами|ваш\w*)\b", re.I)
MIN_QUESTIONS = 3  # fewer '?' paragraphs prove no rhythm


def read_one_by_one(items: list[Item], report: Report) -> None:
    """Give every other paragraph from the first question the question's role, if the text
    keeps that rhythm (see the module's doc)."""
    first = next((i for i, item in enumerate(items) if item.role == "question"), None)
    if first is None or any(item.forced or item.marker for item in items):
        return
    body = items[first:]
    slots, others = body[0::2], body[1::2]
    asking = [item for item in slots if item.asks]
    if len(asking) < MIN_QUESTIONS or 2 * len(asking) < len(slots):  # half the slots at least
        return
    if any(item.asks for item in others) or len(others) < len(slots) - 1:
        return
    if any(item.asks and item.role != "question" for item in slots):
        return  # the placing read a '?' slot as the answer going on: the rhythm is broken
    for index, item in enumerate(slots):
        if item.role == "question":
            continue
        if not _question_like(item, others[index - 1] if index else None, _after(others, index)):
            return
    for item in slots:
        if item.role != "question":
            item.give("question", "one question, one answer all through: this slot asks")
            message = "taken as a question: the text alternates one question, one answer"
            item.doubts.append(message)
            report.guess(item.line, message)
    for item in others:
        if item.role != "answer":
            item.give("answer", "one question, one answer all through: this slot answers")


def _after(others: list[Item], index: int) -> Item | None:
    return others[index] if index < len(others) else None


def _question_like(item: Item, before: Item | None, after: Item | None) -> bool:
    """A slot without a final '?' may ask: it holds a '?', or it is shorter than both answers
    around it."""
    if item.has_question:
        return True
    lengths = [len(other.text) for other in (before, after) if other is not None]
    shorter = bool(lengths) and all(len(item.text) < length for length in lengths)
    # `But the other day you said so.`: it speaks to the interviewee; an answer's own short
    # paragraph between two long ones does not, or the rhythm is a coincidence.
    return shorter and bool(_ADDRESSED.search(item.text))
