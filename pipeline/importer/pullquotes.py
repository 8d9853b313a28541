"""Pull quotes: a sentence of the interview set large in quotation marks, with the speaker's
name alone on the line under it (`"On this road, everyone is on their own."` / `Stanislav
Belkovsky`). Pasted, they land inside an answer, the name as a paragraph of its own; they are
the page's layout, not the text, so both lines go and are listed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.importer.chrome import Kept
from pipeline.importer.report import Report

_OPENING = "\"“„«'‘"
_CLOSING = "\"”“»'’"
MAX_NAME_CHARS = 40
# A name alone: two to four capitalised words (initials and particles allowed), no sentence.
_NAME = re.compile(
    r"(?:[A-ZА-ЯЁ][\w'’-]*\.?|(?:al|bin|de|del|der|di|van|von|la|le)\s)"
    r"(?:\s(?:[A-ZА-ЯЁ][\w'’-]*\.?|al|bin|de|del|der|di|van|von)){1,3}"
)


def drop_pull_quotes(kept: Kept, report: Report) -> Kept:
    lines = kept.lines
    gone: set[int] = set()
    filled = [index for index, (_, line) in enumerate(lines) if line]
    for here, there in zip(filled, filled[1:], strict=False):
        quote, name = lines[here][1], lines[there][1]
        if _quoted(quote) and _name_alone(name):
            gone |= {here, there}
            report.drop(lines[here][0], f"'{quote[:60]}' (a pull quote, credited under it)")
            report.drop(lines[there][0], f"'{name}' (the name under a pull quote)")
    if not gone:
        return kept
    return replace(kept, lines=[pair for index, pair in enumerate(lines) if index not in gone])


def _quoted(line: str) -> bool:
    text = line.strip().rstrip(".,!…")
    return len(text) > 2 and text[0] in _OPENING and text[-1] in _CLOSING


def _name_alone(line: str) -> bool:
    return len(line) <= MAX_NAME_CHARS and _NAME.fullmatch(line.strip()) is not None
