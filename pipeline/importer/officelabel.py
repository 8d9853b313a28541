"""A speaker's label that carries an office: `최광식 장관`, `Ambassador Lee`, `Посол Иванов`.

Where several labelled speakers answer one set of `Q.` questions (students chatting before
the minister speaks), the one named with an office is the interviewee, more than the one who
speaks most.
"""

from __future__ import annotations

import re

_OFFICE = re.compile(
    r"(?:장관|대사|총영사|영사|대통령|총리|차관|청장|의원|위원장|시장|지사|회장|총장|대표)$"
    r"|\b(?:minister|ambassador|president|governor|mayor|consul|посол|министр|элчи|министри)\b",
    re.I,
)


def has_office(label: str) -> bool:
    return bool(_OFFICE.search(label.strip()))
