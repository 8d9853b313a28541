"""The guest a Kyrgyz standfirst names after the office, when no interview phrase ends the name.

Kyrgyz puts the office before the name and the topic after it: `Түркиянын Кыргызстандагы
элчиси Мехмет Кая соода ... тууралуу Sputnik Кыргызстанга маек берди`. The name is the
run of two or three capitalised words right after a word for an office that ends its
phrase (`элчиси`, `министри`), with a lower-case word after it; the office is the words
before, back to a comma or the start of the sentence.
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import OUTLET_WORDS, known
from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.standfirst import _HEAD_FINAL, name_word

MAX_INTRO_PARAGRAPHS = 4
MAX_OFFICE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?]$")


def office_then_name(intro: list[Paragraph]) -> tuple[str, str, int] | None:
    """(name, office, line) from the first intro paragraph written in that order."""
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        tokens = paragraph.text.split()
        for at, token in enumerate(tokens):
            if token.casefold() not in _HEAD_FINAL:
                continue
            name = _name_after(tokens, at + 1)
            if name:
                return " ".join(name), " ".join(_office_before(tokens, at)), paragraph.line
    return None


def _name_after(tokens: list[str], start: int) -> list[str] | None:
    run: list[str] = []
    for token in tokens[start : start + 3]:
        if not name_word(token):
            break
        run.append(token)
    end = start + len(run)
    follows = tokens[end] if end < len(tokens) else ""
    if len(run) < 2 or not follows[:1].islower():
        return None  # `... элчиси Мехмет Кая соода ...`: a name, then the sentence goes on
    return run


def _office_before(tokens: list[str], at: int) -> list[str]:
    start = at
    while start > 0 and at - start < MAX_OFFICE_WORDS - 1:
        previous = tokens[start - 1]
        if previous.endswith(",") or _SENTENCE_END.search(previous):
            break
        if previous.casefold() in OUTLET_WORDS or known(previous):
            break  # `Кабар агенттиги Түркиянын элчиси ...`: the outlet, not the office
        start -= 1
    return tokens[start : at + 1]


# `... Алиясбек Алымкулов менен ... баарлаштык`: the guest the desk talked with, in the
# nominative before `менен`; the office, if any, is left to the editor.
_TALKED_WITH = re.compile(
    r"(?P<name>[A-ZА-ЯЁ][\w-]+\s+[A-ZА-ЯЁ][\w-]+)\s+менен\s+(?:\S+\s+){0,5}?"
    r"(?:баарлаш|маектеш|маек\s+кур|сүйлөш|аңгемелеш)\w*"
)


def talked_with(intro: list[Paragraph]) -> tuple[str, None, int] | None:
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        for match in _TALKED_WITH.finditer(paragraph.text):
            if all(name_word(token) for token in match["name"].split()):
                return match["name"], None, paragraph.line
    return None
