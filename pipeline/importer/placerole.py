"""An office read with the place before it: `the opening of the Kuwait Embassy in Astana
Ambassador Tarek Al-Faraj` gave the role `Astana Ambassador`. A role whose first word follows
`in` or `at` in the intro begins with the place where something happened, not with the office."""

from __future__ import annotations

import re

from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.report import Report

MAX_PARAGRAPHS = 4


def without_the_place(role: str | None, intro: list[Paragraph], report: Report) -> str | None:
    """The role without a place name that only the words before it in the intro attach to it."""
    words = (role or "").split()
    if len(words) < 2 or not words[0][:1].isupper():
        return role
    after_place = re.compile(rf"\b(?:in|at)\s+{re.escape(role or '')}\b")
    for paragraph in intro[:MAX_PARAGRAPHS]:
        if after_place.search(paragraph.text):
            office = " ".join(words[1:])
            report.guess(
                paragraph.line, f"role '{office}': '{words[0]}' before it is the place ('in ...')"
            )
            return office
    return role
