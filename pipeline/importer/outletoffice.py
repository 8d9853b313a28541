"""Outlets named behind an office or a verb the outlet patterns do not read.

`interviewed by First Deputy Director General of the Russian news agency TASS Mikhail Gusman`:
the words after "by" are the journalist's office, not the outlet; the outlet is the agency
named after it (`TASS`), and when none is, there is no outlet rather than an office taken
for one. `Secretary Blinken had an exclusive interview with Kun.uz`: the object of "had an
interview with" is the outlet only when it reads as one (`Kun.uz`, `Steppe TV`), since
"Kabar had an interview with the Ambassador" names the guest there.
"""

from __future__ import annotations

import re
from itertools import takewhile
from typing import TYPE_CHECKING

from pipeline.importer.agencies import known

if TYPE_CHECKING:
    from collections.abc import Callable

_NAME = r"[A-Z0-9][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*){0,3}"
# `the Russian news agency TASS`, `the news agency Kazinform`, `Xinhua News Agency`.
_AGENCY = re.compile(
    rf"\b(?i:(?:news|information|press|state)\s+)?(?i:agency)\s+(?P<after>{_NAME})|"
    rf"(?P<before>{_NAME})\s+(?:News|Information|Press)\s+Agency\b"
)
# A journalist and their outlet: `an interview with Navbahor Imamova of Voice of America in ...`.
_PERSON_OF = re.compile(
    r"(?P<person>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+(?:of|from)\s+(?:the\s+)?"
    r"(?P<outlet>[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,4})"
)
# What a journalist's name is followed by: `, the FT's correspondent in Seoul`, `, a reporter`.
_JOURNALIST = (
    r"(?:the\s+|an?\s+)?[^,.;]{0,40}?\b(?:correspondent|reporter|journalist|editor|host|anchor)\b"
)
# The outlet as the subject: `QALAMPIR.UZ organized a special interview with ...`.
_OUTLET_HELD = re.compile(
    rf"(?:the\s+)?(?P<name>{_NAME})\s+(?:organized|organised|conducted|held|recorded|had)\s+an?\s+"
    r"(?:[a-z]+\s+)?interview\b"
)
_HAD_INTERVIEW = re.compile(
    rf"\b(?:had|gave|granted|held|recorded) an? (?:exclusive |special |recent |extensive )?"
    rf"interview (?:with|to) (?:the\s+)?(?P<name>{_NAME})"
)


def office_free(written: str, text: str, is_role: Callable[[str], bool]) -> tuple[bool, str | None]:
    """Whether `written` (an outlet read from `text`) is an office, and then the agency named
    after it in `text`, if any."""
    if not any(is_role(word) for word in written.split()):
        return False, None
    match = _AGENCY.search(text[text.find(written) :])
    if match is None:
        return True, None
    return True, _agency_name(match["after"] or match["before"])


# A first name and a surname in the dative (`Такеру Карлсону`, `Тине Канделаки`); an outlet's
# adjective ends otherwise (`Вечернему Бишкеку`).
_PERSON_DATIVE = re.compile(r"[А-ЯЁ][а-яё]+[уюеи](?<!ому)(?<!ему)\s+[А-ЯЁ][а-яё]+[уюеи]")


def checked_outlet(
    written: str,
    text: str,
    is_role: Callable[[str], bool],
    usual: Callable[[str], str],
    reads_as_outlet: Callable[[str], bool],
) -> str | None:
    """The outlet `written` names in `text` (in its usual form), the agency after it when it is
    an office, the outlet after a journalist's name (`Anna Kim of Valley Radio`), or None: an
    office with no agency after it, or nothing written."""
    office, agency = office_free(written, text, is_role)
    if office:
        return agency
    if written and re.search(rf"{re.escape(written)},\s+{_JOURNALIST}", text):
        return None  # `spoke to Andrew Ward, the FT's correspondent`: a person, not the outlet
    if _PERSON_DATIVE.fullmatch(written) and not known(written):
        return None  # `дал интервью журналисту Такеру Карлсону`: a person, not the outlet
    if written and len(written.split()) >= 2 and not reads_as_outlet(written):
        outlets = [of["outlet"] for of in _PERSON_OF.finditer(text) if of["person"] == written]
        if outlets:
            return outlets[0]
    return usual(written) if written else None


def _agency_name(name: str) -> str:
    """`TASS Mikhail Gusman` -> `TASS`: an agency in capitals ends where the capitals end."""
    capitals = list(takewhile(str.isupper, name.split()))
    return " ".join(capitals) if capitals else name


def had_interview_with(text: str, reads_as_outlet: Callable[[str], bool]) -> str | None:
    """`X had an exclusive interview with Kun.uz`, `QALAMPIR.UZ organized a special interview
    with X`: the outlet, when the name reads as one."""
    if (subject := _OUTLET_HELD.match(text)) and reads_as_outlet(subject["name"]):
        return subject["name"]
    match = _HAD_INTERVIEW.search(text)
    if match is None:
        return None
    name = re.split(r"\.\s|,", match["name"])[0].rstrip(".,;:")
    return name if reads_as_outlet(name) else None
