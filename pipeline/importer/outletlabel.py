"""An outlet asking under its own name, written as no person's name is: `24.kg: ...?`,
`«Вечерний Бишкек»: ...?`. The speaker-label reader wants a name that starts with a
letter and no quotation marks, so these stayed in the question as text; a label that
is a known outlet's name is a label whatever it starts with.
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import known

_LABEL = re.compile(
    r"(?P<label>[«\"“]?\w[\w.-]{1,30}(?:\s[\w.-]{2,20}){0,2}[»\"”]?)\s*:\s*(?P<rest>\S.*)", re.S
)


def outlet_asking(text: str) -> tuple[str, str] | None:
    """(label, rest) when `text` opens with a known outlet's name and a colon."""
    match = _LABEL.fullmatch(text)
    if not match or not known(match["label"]):
        return None
    return match["label"].strip('«»"“”'), match["rest"]
