"""Raw bytes to clean text: encoding, binary input, line endings, Unicode and white space.

The text itself is kept as written; only what cannot be seen on a page (line
ending style, invisible characters, composed vs. decomposed letters) changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.importer.report import RawTextError, Report
from pipeline.text import forbidden_characters, remove_forbidden

MAX_BYTES = 5 * 1024 * 1024  # an interview is tens of kilobytes; more is a wrong file
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive, not a Word .docx (an ODT document? save it as .docx)",
    b"\xd0\xcf\x11\xe0": "an old Word or Office document (save it as .docx)",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
MAX_STRAY_CONTROLS = 8
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes that plain text does not contain (tab, line feed, form feed and CR excluded).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Invisible characters pasted from web pages; they break word-for-word quoting.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_FIX = "save the text as UTF-8 plain text and try again"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, report: Report) -> Decoded:
    """Decode and normalise `data`, or raise RawTextError saying what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise RawTextError(f"the file is larger than {MAX_BYTES // 2**20} MiB; is it an interview?")
    _refuse_binary(data)
    text, encoding = _decode(data)
    if encoding != "UTF-8":
        report.warn(None, f"the file is not UTF-8; read it as {encoding}")
    text = normalise(text, report)
    if not text.strip():
        raise RawTextError("the file is empty (or holds only white space)")
    return Decoded(text, encoding)


def normalise(text: str, report: Report) -> str:
    """LF line endings, NFC, no invisible or XML-forbidden characters, no trailing spaces."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))
    if invisible := _INVISIBLE.findall(text):
        report.warn(
            None,
            f"removed {len(invisible)} invisible character(s) (soft hyphens, zero-width spaces)",
        )
        text = _INVISIBLE.sub("", text)
    if forbidden := forbidden_characters(text):
        report.warn(
            None,
            f"removed {len(forbidden)} control character(s) ({', '.join(sorted(set(forbidden)))})",
        )
        text = remove_forbidden(text)
    return "\n".join(line.replace("\t", " ").rstrip() for line in text.split("\n"))


def _refuse_binary(data: bytes) -> None:
    if not data.strip():
        raise RawTextError("the file is empty (or holds only white space)")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise RawTextError(f"this is {kind}, not plain text; {_FIX}")
    if data.startswith(_UTF16_BOMS):
        raise RawTextError(f"the file is UTF-16 text; {_FIX}")
    controls = len(_CONTROL_BYTES.findall(data))
    # Binary formats are full of NUL and control bytes; a few stray ones in pasted text
    # are removed later, with a warning.
    if b"\x00" in data or controls > max(MAX_STRAY_CONTROLS, len(data) // 20):
        raise RawTextError(f"the file looks binary ({controls} control bytes); {_FIX}")


def _decode(data: bytes) -> tuple[str, str]:
    # The order the desk asked for: UTF-8, UTF-8 with a byte-order mark, then the
    # Windows Cyrillic code page that older Russian-language sites still serve.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    else:
        if text.startswith("\ufeff"):
            return text[1:], "UTF-8 with BOM"
        return text, "UTF-8"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise _not_text(data, utf8_error) from None
    if not _plausible_cyrillic(text):
        raise _not_text(data, utf8_error)
    return text, "cp1251"


def _plausible_cyrillic(text: str) -> bool:
    """cp1251 decodes almost any bytes; Latin-1 text comes out as Latin words with Cyrillic letters.

    Text with only Windows quotes and dashes outside ASCII passes: cp1251 and
    cp1252 agree on those bytes.
    """
    words = [w for w in re.findall(r"\w+", text) if not w.isascii()]
    mixed = [w for w in words if _LATIN.search(w) and _CYRILLIC.search(w)]
    return len(mixed) <= len(words) // 5


def _not_text(data: bytes, error: UnicodeDecodeError) -> RawTextError:
    line = data[: error.start].count(b"\n") + 1
    return RawTextError(
        f"line {line}: byte 0x{data[error.start]:02x} is not UTF-8, and the text is not"
        f" cp1251 Cyrillic either (tried UTF-8, UTF-8 with BOM, cp1251); {_FIX}"
    )
