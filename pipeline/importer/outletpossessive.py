"""Outlets written as a journalist's owner or as the kind of outlet an interview went to.

`an exclusive interview with Voice of America's Navbahor Imamova`: the outlet is the owner of
the journalist, `of` and all (the name patterns stop at the first lower-case word and took
`Voice`). `gave his first interview as an Ambassador to Kyrgyzstan to 24.kg news agency`: the
name before the kind of outlet, in a sentence about an interview. `sat down with the JoongAng
Ilbo`: a name with an article after the verb of talking is no person's.
"""

from __future__ import annotations

import re

_CAPITALISED = r"[A-Z0-9][\w.-]*"
_OUTLET = rf"{_CAPITALISED}(?:\s+(?:of\s+|the\s+|and\s+)?{_CAPITALISED}){{0,4}}"
_PERSON = r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){1,2}"
_OWNER_OF_JOURNALIST = re.compile(
    rf"\b[Ii]nterview (?:with|to|for) (?:the\s+)?(?P<outlet>{_OUTLET})['’]s\s+"
    rf"(?:[a-z]+\s+){{0,2}}(?P<person>{_PERSON})"
)
_TO_KIND = re.compile(
    rf"\b[Ii]nterview\b[^.!?]{{0,80}}?\b(?:to|for|with) (?:the\s+)?(?P<outlet>{_OUTLET})\s+"
    r"(?:news\s+|information\s+)?(?:agency|newspaper|magazine|portal|channel|radio)\b"
)

# `Minister Yun sat down with the JoongAng Ilbo on Friday`: a person takes no article.
_WITH_THE = re.compile(rf"\bsat down with the (?P<outlet>{_OUTLET})")


def outlet_owning_journalist(text: str) -> str | None:
    """`interview with Voice of America's Navbahor Imamova` -> `Voice of America`."""
    for pattern in (_OWNER_OF_JOURNALIST, _TO_KIND, _WITH_THE):
        if match := pattern.search(text):
            return match["outlet"]
    return None
