"""A surname alone in the labels (`Mr Yoon:`, `Minister Kang:`), the whole name in the intro.

`Yoon Young-kwan, South Korea's foreign minister, spoke to ...`, `Foreign Minister Kang
Kyung-wha talked about ...`: the run of capitalised words after the office's last role word,
with the surname first or last, is the guest's whole name. The standfirst reader takes only the
forms it knows (office then name), so such a name stayed a surname.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

MAX_NAME_WORDS = 3
_RUN = re.compile(r"[A-Z][a-z'’]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Za-z][a-z]+)?)*")


def whole_name(surname: str, texts: Iterable[str], is_role: Callable[[str], bool]) -> str | None:
    """`Yoon` -> `Yoon Young-kwan` when the intro writes it so; None when it does not."""
    for text in texts:
        for run in _RUN.finditer(text):
            words = run.group().split()
            roles = [index for index, word in enumerate(words) if is_role(word)]
            name = words[roles[-1] + 1 :] if roles else words
            owner = any(word.endswith(("'s", "’s")) for word in name)
            if 2 <= len(name) <= MAX_NAME_WORDS and surname in (name[0], name[-1]) and not owner:
                return " ".join(name)
    return None
