"""A surname set in capitals beside a first name (`Сергей ЛАВРОВ:`, `Замир КАБУЛОВ`).

Papers print the speaker's surname in capitals as typography, not spelling; the note
writes the name as the reader says it. A word in capitals is softened only when the
name also holds a word in ordinary case: a name all in capitals (`АКМАТБЕК КАСЫМКУЛОВИЧ`)
is left for the label reader, which softens it whole, and two letters (`KI`) may be initials.
"""

from __future__ import annotations

MIN_SURNAME_CHARS = 3  # `Ellen VOSS`, `Yun-suk LIM`


def soften_capitals(name: str) -> str:
    words = name.split(" ")
    if not any(_ordinary(word) for word in words):
        return name
    return " ".join(_softened(word) for word in words)


def _ordinary(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and letters[0].isupper() and any(c.islower() for c in letters[1:])


def _softened(word: str) -> str:
    letters = [char for char in word if char.isalpha()]
    if len(letters) < MIN_SURNAME_CHARS or not all(char.isupper() for char in letters):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
