"""A surname set in capitals beside a first name (`Сергей ЛАВРОВ:`, `Замир КАБУЛОВ`).

Papers print the speaker's surname in capitals as typography, not spelling; the note
writes the name as the reader says it. A word in capitals is softened only when the
name also holds a word in ordinary case: a name all in capitals (`АКМАТБЕК КАСЫМКУЛОВИЧ`)
is left for the label reader, which softens it whole, and two letters (`KI`) may be initials.
Capitals that are spelling stay: an outlet's name or acronym (`РИА Новости`, `BBC News`,
`Anna Lee (KBS)`: the interviewer's label often holds one) and a regnal number (`Charles III`);
a known outlet's whole name gets its usual capitals back (`Риа Новости`, from a label in capitals).
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import OUTLET_WORDS, known

MIN_SURNAME_CHARS = 3  # `Ellen VOSS`, `Yun-suk LIM`
MIN_ACRONYM_CHARS, MAX_ACRONYM_CHARS = 2, 4  # `DW`, `CNN`, `NHK`, `JTBC`
MAX_OUTLET_RUN = 3  # words in a known outlet's name (`Радио Азаттык`, `RIA Novosti`)
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")  # `III`, `XIV`, `VIII`: I, V, X only
# Besides the agencies' own words, what follows an acronym in a broadcaster's or paper's name.
_OUTLET_TAIL = OUTLET_WORDS | {"новости", "world", "times", "today", "online", "media"}


def soften_capitals(name: str) -> str:
    if (usual := known(name)) and usual.casefold() == name.casefold():
        return usual  # `КОРРЕСПОНДЕНТ РИА НОВОСТИ:`, read whole in title case: `Риа Новости`
    words = name.split(" ")
    if not any(_ordinary(word) for word in words):
        return name
    kept = _spelt_in_capitals(words)
    return " ".join(word if at in kept else _softened(word) for at, word in enumerate(words))


def _spelt_in_capitals(words: list[str]) -> set[int]:
    """Where the capitals are the name's spelling: inside brackets, in a known outlet's name,
    an acronym next to an outlet's word (`NHK World`), a Roman numeral."""
    kept: set[int] = set()
    depth = 0
    for at, word in enumerate(words):
        depth += word.count("(") + word.count("[")
        if depth > 0 or _ROMAN.fullmatch(word.strip(".,;:")):
            kept.add(at)
        depth = max(0, depth - word.count(")") - word.count("]"))
        neighbours = words[max(0, at - 1) : at] + words[at + 1 : at + 2]
        if any(_bare(other) in _OUTLET_TAIL for other in neighbours):
            kept.add(at)
        for size in range(1, MAX_OUTLET_RUN + 1):
            if at + size <= len(words) and known(" ".join(words[at : at + size]).strip(".,;:")):
                kept.update(range(at, at + size))
    return kept


def _bare(word: str) -> str:
    return word.strip('.,;:()[]«»"').casefold()


def _ordinary(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and letters[0].isupper() and any(c.islower() for c in letters[1:])


def _softened(word: str) -> str:
    letters = [char for char in word if char.isalpha()]
    if len(letters) < MIN_SURNAME_CHARS or not all(char.isupper() for char in letters):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def label_acronyms(name: str, label: str) -> str:
    """An outlet's acronym in a label set all in capitals, which the label reader title-cases
    with the rest (`ЖУРНАЛИСТ CNN:` gave `Cnn`), written as the label has it: a lone word of
    two to four letters, or one beside an outlet's word (`NHK WORLD:`, `NHK World`)."""
    if not label.isupper():
        return name
    written = {word.casefold(): word for word in label.split()}
    words = name.split(" ")
    restored = []
    for at, word in enumerate(words):
        letters = sum(char.isalpha() for char in word)
        neighbours = words[max(0, at - 1) : at] + words[at + 1 : at + 2]
        beside_outlet = any(_bare(other) in _OUTLET_TAIL for other in neighbours)
        acronym = MIN_ACRONYM_CHARS <= letters <= MAX_ACRONYM_CHARS
        restored.append(
            written.get(word.casefold(), word)
            if acronym and (len(words) == 1 or beside_outlet)
            else word
        )
    return " ".join(restored)
