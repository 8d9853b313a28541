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
_QUOTED = re.compile(r"«[^»]+»|\"[^\"]+\"|“[^”]+”")


def outlet_asking(text: str) -> tuple[str, str] | None:
    """(label, rest) when `text` opens with a known outlet's name and a colon."""
    match = _LABEL.fullmatch(text)
    # A name in quotation marks before the colon is a masthead's, known or not: no person's
    # name is quoted (`«Вечерняя волна»: ...?`).
    quoted = bool(_QUOTED.fullmatch(match["label"])) if match else False
    if not match or not (quoted or known(match["label"])):
        return None
    return match["label"].strip('«»"“”'), match["rest"]
