"""Two different dash signs taking turns: one marks the questions, the other the answers.

A Korean agency's interview puts `--` (or `-`, `―`) before each question and `▲` before each
answer, each on its own paragraph. Both are dashes to the marker reader, so the text looked
dashed on one side only: the plain lead-in (`다음은 일문일답.`) became the only question and
every question and answer its answer, unflagged. When the dashed paragraphs use exactly two
signs, each more than once, and the signs take turns, the sign the questions wear is the
question marker and the other the answer marker.
"""

from __future__ import annotations

from collections import Counter

from pipeline.importer.items import Item
from pipeline.importer.markers import Marker, MarkerKind

MIN_EACH = 2
MIN_TAKING_TURNS = 0.8  # of neighbouring dashed paragraphs whose signs differ


def read_two_dashes(items: list[Item]) -> None:
    """Give the question and answer markers to dashed paragraphs whose two signs take turns."""
    dashed = [item for item in items if item.family == "dash" and item.marker]
    signs = [_sign(item) for item in dashed]
    counts = Counter(signs)
    if len(counts) != 2 or min(counts.values()) < MIN_EACH:
        return
    turns = sum(a != b for a, b in zip(signs, signs[1:], strict=False))
    if turns < MIN_TAKING_TURNS * (len(signs) - 1):
        return
    first, second = list(dict.fromkeys(signs))
    asking = {
        sign: sum(item.asks for item, s in zip(dashed, signs, strict=True) if s == sign)
        for sign in (first, second)
    }
    question = second if asking[second] > asking[first] else first
    for item, sign in zip(dashed, signs, strict=True):
        if item.marker:
            kind: MarkerKind = "question" if sign == question else "answer"
            item.marker = Marker(kind, item.marker.rest, written=item.marker.written)


def _sign(item: Item) -> str:
    """`--`, `-` and `―` are one sign (a question's dash however typed); `▲` another."""
    written = item.marker.written if item.marker else ""
    return "dash" if written.strip("-–—―─") == "" else written
