"""Korean line breaking for the printed note: words break at spaces, never between syllables.

Korean is written with spaces between words (eojeol), and Korean print breaks lines
only there (CSS `word-break: keep-all`). WeasyPrint 70 knows `normal` and `break-all`
only, and Pango follows UAX #14, which allows a break between any two Hangul
syllables, so a word such as 섬유산업 could end a line as 섬유산 and start the next
as 업. The printed HTML therefore joins the characters of every space-separated word
that holds Hangul with U+2060 WORD JOINER: zero width, no glyph, not extracted as
text, and Pango keeps the word whole. Particles, closing brackets, quotation marks and
full stops are written against their word in Korean, so they are joined to it and can
never start a line. A word too long for the line still breaks (`overflow-wrap`).

Only the HTML handed to WeasyPrint is changed: content, catalogs, the HTML note (browsers
do `keep-all` themselves) and the DOCX keep their text as written.
"""

from __future__ import annotations

import re

from pipeline.render.laid_out_text import map_text

WORD_JOINER = "\u2060"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
# A dash or a bracket set off by spaces stays on the line of the word before it.
_SPACED_CLOSER = re.compile(r" (?=[—–~)\]」』》〉]\s)")


def keep_words(text: str) -> str:
    """`text` with the characters of every word holding Hangul joined by word joiners."""
    if not HANGUL.search(text):
        return text
    return _SPACED_CLOSER.sub("\u00a0", _join_words(text))


def _join_words(text: str) -> str:
    pieces = re.split(r"(\s+)", text)
    return "".join(
        _join_word(piece) if piece and not piece.isspace() and HANGUL.search(piece) else piece
        for piece in pieces
    )


def _join_word(word: str) -> str:
    # Character references (&amp;) stay whole: a joiner inside one would break the markup.
    units = re.findall(r"&[#\w]+;|.", word, flags=re.S)
    return WORD_JOINER.join(units)


def keep_words_in_html(html: str) -> str:
    """The document with `keep_words` applied to its laid-out text."""
    return map_text(html, keep_words) if HANGUL.search(html) else html


def without_joiners(text: str) -> str:
    return text.replace(WORD_JOINER, "")
