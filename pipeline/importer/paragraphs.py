"""Numbered lines to paragraphs.

Pasted web text has one paragraph per line; agency wire copy is wrapped at a
fixed width. Blank lines always end a paragraph; inside a block, a line joins
the one before only when that one stops mid-sentence, so both kinds come out
right. A line that starts with a marker (dash, Q:, a name) always starts anew.
"""

from __future__ import annotations

import re

from pipeline.importer.headerlines import is_header_line
from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import parse_marker
from pipeline.text import clean_paragraph

# A line that ends like this ends its paragraph (closing quotes and brackets included).
_SENTENCE_END = re.compile(r"[.!?…:;？！。»”\"')\]]$")
MIN_WRAPPED_CHARS = 40
MAX_WRAP_GROWTH = 1.5
_HANGUL = re.compile("[가-힣]")
_WRAPPED_WORD = re.compile(r"(?:[,\-–]|\b[a-zа-яё]+|[가-힣]+)$")
# A line wholly in brackets (`[앵커]`, `[리포트]`, `<질문>`) is a label or a tag, never the tail of
# the line above: joined, it ran onto the headline (`... 10시부터 방송 [앵커]`).
_BRACKETED_LINE = re.compile(r"[\[【<〈][^\[\]【】<>〈〉]{1,30}[\]】>〉]")


def paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    result: list[Paragraph] = []
    open_lines: list[str] = []
    start = 0
    for number, text in lines:
        if open_lines and (not text or not _continues(open_lines[-1], text)):
            result.append(Paragraph(clean_paragraph(" ".join(open_lines)), start))
            open_lines = []
        if text:
            start = start if open_lines else number
            open_lines.append(text)
    if open_lines:
        result.append(Paragraph(clean_paragraph(" ".join(open_lines)), start))
    return [p for p in result if p.text]


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is the wrapped rest of the sentence `previous` stopped in."""
    if _SENTENCE_END.search(previous) or parse_marker(line) or is_header_line(line):
        return False
    if _BRACKETED_LINE.fullmatch(line):
        return False
    # Wrapped copy fills its lines; a short line (a headline, a menu item) ends where it stops.
    wide = len(_HANGUL.findall(previous)) > len(previous) / 3
    if len(previous) < (MIN_WRAPPED_CHARS // 2 if wide else MIN_WRAPPED_CHARS):
        return False
    if len(line) < MIN_WRAPPED_CHARS // 2 and not _SENTENCE_END.search(line):
        return False  # `З.Кабулов` under a line: a label or a heading, not a sentence's tail
    if line[0].islower():
        return True
    # Wrapped copy fills lines of one width: a capitalised line far longer than the one above
    # is a paragraph of its own (a headline over a one-line standfirst), not its wrapped rest.
    if len(line) > MAX_WRAP_GROWTH * len(previous):
        return False
    return bool(_WRAPPED_WORD.search(previous))
