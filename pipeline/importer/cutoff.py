"""A last paragraph that stops mid-sentence: the pasted text was cut there, or it is a link.

Pages pasted only in part (a search excerpt, a copy stopped at a page break) end in the middle
of the last answer: `Бывают периоды, когда некоторые из наших партнеров, закусив удила, решают`.
Short heading-like lines under the last answer are tags or links and go; a long run of words in
ordinary sentence case that ends on a lower-case word, with no stop, reads as the answer going
on, so it stays in the answer and the turn is written unsure for the editor to look.
"""

from __future__ import annotations

import re

MIN_CUT_WORDS = 8  # `Лавров рассказал о положении дел на Украине`: a link's headline is shorter
CUT_OFF_DOUBT = "the last paragraph stops mid-sentence: was the text cut off here, or is it a link?"
_ENDS_ON_LOWER = re.compile(r"[a-zа-яёөүң]$")


def cut_off(text: str) -> bool:
    words = text.split()
    lower = sum(word[:1].islower() for word in words)
    return (
        len(words) >= MIN_CUT_WORDS
        and bool(_ENDS_ON_LOWER.search(text))
        and 2 * lower >= len(words)
        and ":" not in text  # `Читайте также: ...`, `Тэги: ...`
    )
