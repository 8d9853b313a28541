"""The guest a standfirst opens on, office then name, when its speaking verb is further on.

`Министр иностранных дел Кыргызстана Руслан Казакбаев, прибыл в Германию ... В интервью DW он
рассказал ...`: the interview phrase is in the next sentence, about `он`, so nothing ends the
name for the standfirst reader. The name here is the run of capitalised words right before the
first comma or lower-case word of the paragraph's first sentence, when that sentence opens on an
office; the paragraph must speak of an interview, or the sentence is a report's. A guest
introduced as such (`Наш гость — Посол ... господин Name.`) is read the same way.
"""

from __future__ import annotations

import re

from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.standfirst import is_role, name_word, role_first

MAX_INTRO_PARAGRAPHS = 2
MAX_OPENING_WORDS = 16
_INTERVIEW = re.compile(r"интервью|маек|interview", re.I)
# `Наш гость — Чрезвычайный и Полномочный Посол ... господин Мустафа Капуджу.`
_GUEST = re.compile(
    r"(?:[Нн]аш(?:им)? гост(?:ь|ем)|[Гг]ость (?:программы|студии|эфира|редакции))"
    r"\s*(?:[—–-]|стал[аи]?)\s*(?P<who>[^.;:!?]{5,160}?)(?:\.(?:\s|$)|$)"
)
_FIRST_SENTENCE = re.compile(r"(?<=[a-zа-яё»\")])[.!?]\s+")


def office_opening(intro: list[Paragraph]) -> tuple[str, str, int] | None:
    """(name, office, line) from the first intro paragraph that opens so."""
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        if not _INTERVIEW.search(paragraph.text):
            continue
        guest = _GUEST.search(paragraph.text)
        if guest and (found := role_first(guest["who"])) and found[1]:
            return found[0], found[1], paragraph.line  # `Наш гость — Посол ... Name.`
        sentence = _FIRST_SENTENCE.split(paragraph.text, maxsplit=1)[0]
        tokens = sentence.split()[:MAX_OPENING_WORDS]
        if not tokens or not is_role(tokens[0]):
            continue
        end = _name_end(tokens)
        if end is None:
            continue
        found = role_first(" ".join(tokens[:end]).rstrip(","))
        if found and found[1]:
            return found[0], found[1], paragraph.line
    return None


def _name_end(tokens: list[str]) -> int | None:
    """Where the opening's name ends: the first run of two or more capitalised words after the
    office (one alone, `Российской` before `Федерации`, is the office's), then a comma or the
    lower-case word that goes on with the sentence (`Президент России Владимир Путин 16 августа
    назначил Name послом`: the first run is no guest's, the sentence goes on)."""
    at = 1
    while at < len(tokens):
        if not name_word(tokens[at].rstrip(",")):
            if tokens[at].endswith((",", ";", ":")):
                return None  # the office's own clause, with no name before it
            at += 1
            continue
        run = at
        while at < len(tokens) and name_word(tokens[at].rstrip(",")):
            at += 1
            if tokens[at - 1].endswith(","):
                break
        if at - run >= 2:
            ends = tokens[at - 1].endswith(",") or (at < len(tokens) and tokens[at][:1].islower())
            return at if ends else None
    return None
