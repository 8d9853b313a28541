"""A host's lead-in standing where the question should be.

`[Judy Woodruff] ... Minister Kang and I spoke earlier today, and I began by asking her about
...`: the broadcast's transcript tells of the asking instead of asking, and the guest's first
answer follows. The pairing may be right, but the "question" is the host's narration: the turn
is written unsure so an editor words or checks it.
"""

from __future__ import annotations

import re

from pipeline.importer.items import Item

_TELLS_OF_ASKING = re.compile(
    r"\b(?:I|we)\s+(?:began|started|opened)\s+by\s+asking\b|"
    r"\b(?:I|we)\s+asked\s+(?:her|him|them)\b|"
    r"\band\s+(?:I|we)\s+(?:spoke|talked)\b",
    re.I,
)


def narrated(question: list[Item]) -> list[str]:
    text = " ".join(item.text for item in question)
    if "?" in text or not question or not (match := _TELLS_OF_ASKING.search(text)):
        return []
    return [
        f"the question at line {question[0].line} tells of the asking ('{match.group()}')"
        " rather than asking: the host's lead-in?"
    ]
