"""A turn whose text still opens with what reads as a speaker's label, not read as one.

`А.Н.Бородавкин: После переизбрания ...` inside an answer, `К.Вышинский: ...` inside a
question: initials and a surname, or a name in capitals, then a colon, open no sentence
of prose. When such a label was seen too seldom to be believed, the turn keeps it as
text, and the editor must be told (the labels may also have been read the wrong way).
"""

from __future__ import annotations

import re

from pipeline.importer.lines import Paragraph

_LABEL_LIKE = re.compile(
    r"(?P<label>(?:[A-ZА-ЯЁ]\.\s?){1,2}[A-ZА-ЯЁ][\w'’-]+|[A-ZА-ЯЁ]{2,}\s[A-ZА-ЯЁ]{2,})\s?:\s"
)
# `([Greg Palkot] What role ...?)`: a transcript's aside, the label in brackets inside.
_BRACKETED_ASIDE = re.compile(r"\(\[(?P<label>[^\]\n]{2,40})\]\s")


def unread_label(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in paragraphs:
        if match := _LABEL_LIKE.match(paragraph.text) or _BRACKETED_ASIDE.match(paragraph.text):
            return (
                f"paragraph at line {paragraph.line} starts like a speaker's label"
                f" ('{match['label']}:') that was not read as one"
            )
    return None
