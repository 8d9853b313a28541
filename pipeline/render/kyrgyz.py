"""Kyrgyz hyphenation for the printed note: words break only where Kyrgyz syllables part.

WeasyPrint hyphenates with Pyphen, which has no Kyrgyz dictionary, and Pyphen's Russian
patterns break Kyrgyz words where Kyrgyz never does (а-йыл for ай-ыл, жа-ткан for
жат-кан). Kyrgyz syllables are regular: each holds one vowel (a long vowel, ээ or үү, is
one) and begins with at most one consonant, so a word parts before the consonant that
precedes each vowel after the first: жат-кан, тү-зүл-гөн-дү-гү-нүн, жү-гүр-түү. Russian
loans keep a consonant and the р or л after it together (про-грам-ма, Рес-пу-бли-ка),
as Russian does, and -стан stays whole in a country's name (Кыр-гыз-стан). Never before
ь or ъ, nor leaving fewer than two letters on a line or three on the next.

The HTML handed to WeasyPrint gets a soft hyphen (U+00AD) at each such place in the
Cyrillic words of a Kyrgyz note; print.css sets `hyphens: manual` where the note
hyphenates (running text) and `none` elsewhere, so a soft hyphen elsewhere never
breaks. Content, catalogs, the HTML note and the DOCX keep their text as written.
"""

from __future__ import annotations

import re

from pipeline.render.laid_out_text import map_text

SOFT_HYPHEN = "\u00ad"
VOWELS = frozenset("аеёиоөуүыэюяАЕЁИОӨУҮЫЭЮЯ")
_NO_BREAK_BEFORE = frozenset("ьъЬЪ")
_OBSTRUENTS = frozenset("бвгдкпстфхБВГДКПСТФХ")
_LIQUIDS = frozenset("рлРЛ")
_CYRILLIC_WORD = re.compile(r"[а-яёөүңА-ЯЁӨҮҢ]{5,}")
_ROOT_LANG = re.compile(r"<html\b[^>]*\blang=[\"']?ky\b", re.IGNORECASE)
MIN_BEFORE, MIN_AFTER = 2, 3


def break_points(word: str) -> list[int]:
    """Where `word` may break: the index of the first letter after each break."""
    points = []
    for index in range(1, len(word) - 1):
        letter, following = word[index], word[index + 1]
        if letter in VOWELS or letter in _NO_BREAK_BEFORE or following not in VOWELS:
            continue
        loan_cluster = word[index - 1] in _OBSTRUENTS and letter in _LIQUIDS
        country = word[index - 1 : index + 3].lower() == "стан" and word[index - 2] not in VOWELS
        start = index - 1 if loan_cluster or country else index
        if MIN_BEFORE <= start <= len(word) - MIN_AFTER and any(c in VOWELS for c in word[:start]):
            points.append(start)
    return points


def hyphenate_word(word: str) -> str:
    pieces, last = [], 0
    for point in break_points(word):
        pieces.append(word[last:point])
        last = point
    return SOFT_HYPHEN.join([*pieces, word[last:]])


def hyphenate(text: str) -> str:
    """`text` with soft hyphens in its Cyrillic words at Kyrgyz syllable breaks."""
    return _CYRILLIC_WORD.sub(lambda found: hyphenate_word(found.group(0)), text)


def hyphenate_html(html: str) -> str:
    """A Kyrgyz document with `hyphenate` applied to its laid-out text, never inside a tag
    nor inside title, style or script; a document in another language as it is."""
    return map_text(html, hyphenate) if _ROOT_LANG.search(html) else html


def without_soft_hyphens(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")
