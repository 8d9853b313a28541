"""The text of a document that print lays out, for the per-language typesetting steps.

Korean word joining (`hangul`), Kyrgyz syllable breaks (`kyrgyz`) and the Russian and
Kyrgyz no-break rules (`cyrillic`) change only the HTML handed to WeasyPrint, and only
its text: never inside a tag (attributes such as `alt` keep their text), nor inside
title, style or script, which are not laid out in the flow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TAG = re.compile(r"(<[^>]*>)")
_RAW_ELEMENTS = ("title", "style", "script")


def map_text(html: str, change: Callable[[str], str]) -> str:
    """`html` with `change` applied to each run of its laid-out text."""
    out = []
    raw_until: str | None = None
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            if raw_until is None and tag in _RAW_ELEMENTS and not piece.startswith("</"):
                raw_until = tag
            elif raw_until == tag and piece.startswith("</"):
                raw_until = None
            out.append(piece)
        else:
            out.append(piece if raw_until else change(piece))
    return "".join(out)
