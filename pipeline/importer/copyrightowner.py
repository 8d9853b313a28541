"""The outlet a page's copyright line names: `<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>`,
`Copyright Ⓒ 채널A. All rights reserved.`, `© 2024 KBS.`

The line is chrome and dropped, but it is the page's own word for who published it, as
a masthead is. The owner is believed when it is a known outlet (or starts with one:
`뉴스1코리아`) or is written as outlets are (capitals, `뉴스`, `방송`, `일보`).
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import KNOWN, known

_OWNER = re.compile(
    r"(?:copyright|저작권자|©|ⓒ|Ⓒ|\(c\))\s*(?:[:(]?\s*(?:©|ⓒ|Ⓒ|c)\s*\)?)?\s*(?:\d{4}\s*)?"
    r"(?P<owner>[^\W\d_][\w.&-]*(?:\s(?!All\b|무단|rights\b)[^\W\d_][\w.&-]*){0,2})",
    re.I,
)
_OUTLET_FORM = re.compile(r"^[A-Z]{2,}|뉴스|일보|신문|방송|통신|TV$")
MIN_PREFIX = 3
_HANGUL = re.compile("[가-힣]")


def copyright_owner(line: str) -> str | None:
    """The outlet `line` (a copyright line) names as its owner, or None."""
    match = _OWNER.search(line)
    if not match:
        return None
    owner = match["owner"].rstrip(".,")
    if name := known(owner) or _known_prefix(owner):
        return name
    return owner if _OUTLET_FORM.search(owner) else None


def _known_prefix(owner: str) -> str | None:
    """`뉴스1코리아` (the company) for `뉴스1` (the outlet): the longest known name it opens with;
    only a Korean name, run together as Korean companies are, is read so (`Акимат` is not `АКИ`)."""
    key = owner.casefold()
    if not _HANGUL.match(key):
        return None
    names = [name for name in KNOWN if len(name) >= MIN_PREFIX and key.startswith(name)]
    return KNOWN[max(names, key=len)] if names else None
