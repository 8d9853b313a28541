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
_LINE_SPACE = re.compile(r"[ \t\r\n]+")


def forbidden_characters(text: str) -> list[str]:
    """The characters of `text` that XML 1.0 cannot hold, as U+XXXX labels."""
    return [f"U+{ord(char):04X}" for char in _FORBIDDEN.findall(text)]


def remove_forbidden(text: str) -> str:
    return _FORBIDDEN.sub("", text)


def clean_paragraph(text: str) -> str:
    """XML-safe text with line breaks and runs of spaces folded to one space.

    Content paragraphs are single paragraphs: a line break inside one comes
    from YAML line wrapping, never from the writer. No-break spaces are kept.
    """
    return _LINE_SPACE.sub(" ", remove_forbidden(text)).strip()
