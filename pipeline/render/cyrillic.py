"""Russian and Kyrgyz print conventions for the printed note: what a line may not end on.

Russian typesetting (and Kyrgyz, which follows it) keeps a one-letter word on the line
of the word after it (в Бишкеке, с Кыргызстаном, и ноу-хау: a preposition or conjunction
left hanging at a line's end reads as a slip), a spaced dash on the line of the word
before it (a line never starts with "— "), and a number with the abbreviated unit after
it (370 млн). The HTML handed to WeasyPrint gets no-break spaces there; content,
catalogs, the HTML note and the DOCX keep their text as written.
"""

from __future__ import annotations

import re

from pipeline.render.laid_out_text import map_text

NO_BREAK_SPACE = "\u00a0"
_ROOT_LANG = re.compile(r"<html\b[^>]*\blang=[\"']?(ru|ky)\b", re.IGNORECASE)
_ONE_LETTER_WORD = re.compile(r"(?<![\w\-])([а-яёА-ЯЁ]) (?=\S)")
_SPACED_DASH = re.compile(r"(?<=\S) (?=— )")
_NUMBER_AND_UNIT = re.compile(r"(?<=\d) (?=(млн|млрд|тыс\.)(?!\w))")


def bind(text: str) -> str:
    """`text` with no-break spaces where a Russian or Kyrgyz line may not break."""
    text = _ONE_LETTER_WORD.sub(lambda found: found.group(1) + NO_BREAK_SPACE, text)
    text = _SPACED_DASH.sub(NO_BREAK_SPACE, text)
    return _NUMBER_AND_UNIT.sub(NO_BREAK_SPACE, text)


def bind_html(html: str) -> str:
    """A Russian or Kyrgyz document with `bind` applied to its laid-out text."""
    return map_text(html, bind) if _ROOT_LANG.search(html) else html
