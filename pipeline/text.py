"""Plain-text hygiene shared by the loader and the model.

Every output format ends up in XML (XHTML, the PDF's tag tree, WordprocessingML),
and XML 1.0 cannot hold some code points at all. They are removed once, here,
so no renderer ever meets them.
"""

from __future__ import annotations

import re

# XML 1.0 `Char` excludes C0 controls other than tab, LF and CR, the surrogate
# block, and U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph separators that are not LF (NEL, U+2028, U+2029): a content paragraph
# is one paragraph, and WeasyPrint's line breaker fails on them inside one.
_SEPARATORS = "\x85\u2028\u2029"
_LINE_SPACE = re.compile(f"[ \t\r\n{_SEPARATORS}]+")

MAX_WORD_CHARS = 5_000
"""Longest run of characters with nowhere to break a line, in any text field.

WeasyPrint breaks such a run in time that grows with the square of its length
(measured, one PDF on a 2-core machine: 5,000 characters add about 2 s, 10,000
about 7 s, 100,000 about 4 minutes). Runs are cut at spaces and at the characters
of scripts written without spaces (CJK, Thai...), which may break anywhere; a
no-break space does not cut a run.
"""
LONG_RUN_CHARS = 60
"""Runs longer than this may not fit one line of a text column (80 to 100 characters in
the PDF); for every line such a run spans, WeasyPrint lays out the whole rest of the
paragraph again. 300 words of 60 characters in a paragraph cost nothing measurable."""
MAX_LAYOUT_COST = MAX_WORD_CHARS**2
"""Characters in runs longer than LONG_RUN_CHARS, times the length of the text they are in.

A paragraph's layout time grows with both together (measured, one PDF each: ten
2,000-character words in a paragraph add 9 s, 300 words of 150 characters 23 s, one
2,000-character word before 50,000 ordinary characters 5 s). Per unit of this product,
one long word alone cost the most, so a paragraph at the limit adds about 2 s.
"""
_BREAKS = (
    " \t\r\n\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000"  # spaces that allow a break
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"  # CJK
    "\U00020000-\U0003ffff"
)
# One pattern for both limits (a run over MAX_WORD_CHARS is a long run too): compiling a class
# this wide takes 3.5 ms a pattern, at every run.
assert LONG_RUN_CHARS <= MAX_WORD_CHARS
_LONG_RUN = re.compile(f"[^{_BREAKS}]{{{LONG_RUN_CHARS + 1},}}")


def forbidden_characters(text: str) -> list[str]:
    """The characters of `text` that XML 1.0 cannot hold, as U+XXXX labels."""
    return [f"U+{ord(char):04X}" for char in _FORBIDDEN.findall(text)]


def line_separators(text: str) -> list[str]:
    """The separators of `text` that end a line but are not LF, as U+XXXX labels."""
    return [f"U+{ord(char):04X}" for char in text if char in _SEPARATORS]


def remove_forbidden(text: str) -> str:
    return _FORBIDDEN.sub("", text)


def clean_paragraph(text: str) -> str:
    """XML-safe text with line breaks and runs of spaces folded to one space.

    Content paragraphs are single paragraphs: a line break inside one comes
    from YAML line wrapping, never from the writer. No-break spaces are kept.
    """
    return _LINE_SPACE.sub(" ", remove_forbidden(text)).strip()


def overlong_word_length(text: str) -> int:
    """Length of the first run of `text` longer than MAX_WORD_CHARS, or 0 when there is none."""
    overlong = (len(run) for run in _LONG_RUN.findall(text) if len(run) > MAX_WORD_CHARS)
    return next(overlong, 0)


def long_runs(text: str) -> tuple[int, int]:
    """How many runs of `text` are longer than LONG_RUN_CHARS, and their characters in all."""
    lengths = [len(match) for match in _LONG_RUN.findall(text)]
    return len(lengths), sum(lengths)


def layout_cost(text: str) -> int:
    """What MAX_LAYOUT_COST bounds: characters in long runs times the length of the text."""
    return long_runs(text)[1] * len(text)
