"""The guest a standfirst opens on, office then name, when its speaking verb is further on.

`Министр иностранных дел Кыргызстана Руслан Казакбаев, прибыл в Германию ... В интервью DW он
рассказал ...`: the interview phrase is in the next sentence, about `он`, so nothing ends the
name for the standfirst reader. The name here is the run of capitalised words right before the
first comma or lower-case word of the paragraph's first sentence, when that sentence opens on an
office; the paragraph must speak of an interview, or the sentence is a report's.
"""

from __future__ import annotations

import re

from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.standfirst import _name_word, _role_first, is_role

MAX_INTRO_PARAGRAPHS = 2
MAX_OPENING_WORDS = 16
_INTERVIEW = re.compile(r"интервью|маек|interview", re.I)
_FIRST_SENTENCE = re.compile(r"(?<=[a-zа-яё»\")])[.!?]\s+")


def office_opening(intro: list[Paragraph]) -> tuple[str, str, int] | None:
    """(name, office, line) from the first intro paragraph that opens so."""
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        if not _INTERVIEW.search(paragraph.text):
            continue
        sentence = _FIRST_SENTENCE.split(paragraph.text, maxsplit=1)[0]
        tokens = sentence.split()[:MAX_OPENING_WORDS]
        if not tokens or not is_role(tokens[0]):
            continue
        end = _name_end(tokens)
        if end is None:
            continue
        found = _role_first(" ".join(tokens[:end]).rstrip(","))
        if found and found[1]:
            return found[0], found[1], paragraph.line
    return None


def _name_end(tokens: list[str]) -> int | None:
    """Where the opening's name ends: at a comma after it, or before the lower-case word
    that goes on with the sentence."""
    for at, token in enumerate(tokens[1:], start=1):
        if token.endswith(",") and _name_word(token.rstrip(",")) and _name_word(tokens[at - 1]):
            return at + 1
        if (
            token[:1].islower()
            and at >= 3
            and _name_word(tokens[at - 1])
            and _name_word(tokens[at - 2])
        ):
            return at
        if token.endswith((",", ";", ":")):
            return None  # the office's own clause, with no name before it
    return None
