"""A journalist's label that says whom they ask for: `Tofig Abbasov, Azerbaijan Television:`,
`Mirshahin Aghayev from REAL Television:`, `Jane Roe (CNN):`; and a guest's that says their
office: `Tim Torlot, UK Ambassador to Uzbekistan:`.

Presidents' and ministers' offices publish their press interviews so: the first time a
journalist speaks, the label names the channel or paper, later it is the name alone. The
description is what tells an asker from the person asked, so such a label is believed even
when it is seen once (a short excerpt), as long as another speaker answers it, and the
journalist is on the asking side even when their turns carry no question mark.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# Words that name a newsroom or a newsroom's job, as English pages describe a journalist.
_MEDIA_WORDS = re.compile(
    r"\b(?:television|tv|radio|channel|broadcast\w*|agency|news\w*|press|daily|times|post|"
    r"gazette|journal|magazine|media|reporter|correspondent|journalist|editor|anchor|host|"
    r"presenter|[A-Z]{2,6}TV|BBC|CNN|CCTV|CGTN|NHK|KBS|TASS|Xinhua|Yonhap|Reuters|Bloomberg)\b",
    re.I,
)
# `Name, Outlet:`, `Name from Outlet:`, `Name of Outlet:`, `Name (Outlet):`.
_DESCRIBED = re.compile(
    r"(?P<name>[^\W\d_][\w.'’ -]{1,38}?)(?:\s*,\s*|\s+(?:from|with)\s+|\s*\(\s*)"
    r"(?P<desc>[^:()\n]{2,50}?)\s*\)?\s*:\s*(?P<rest>\S.*)",
    re.S,
)
# An office before the comma is the person asked, not a journalist: `Minister, Press Service:`.
_OFFICES = re.compile(
    r"\b(?:minister|ambassador|president|chairman|chair|head|director|secretary|spokes\w*|"
    r"governor|mayor|deputy|envoy|consul|rector|ceo|chief)\b",
    re.I,
)


def described_speaker(text: str, is_name: Callable[[str], bool]) -> tuple[str, str, bool] | None:
    """The name, what they said, and whether they are a journalist, when `text` starts with a
    label whose name a newsroom (`Name, Azerbaijan Television:`) or an office (`Tim Torlot, UK
    Ambassador to Uzbekistan:`) follows; the label is the name, as the later ones write it."""
    match = _DESCRIBED.fullmatch(text)
    if not match or not is_name(match["name"]) or _OFFICES.search(match["name"]):
        return None
    if _MEDIA_WORDS.search(match["desc"]):
        return match["name"], match["rest"], True
    if _OFFICES.search(match["desc"]) and "," in text[: match.start("desc")]:
        return match["name"], match["rest"], False
    return None
