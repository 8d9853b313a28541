"""Content data to YAML that editors read: block lists, long text as folded `>-` paragraphs.

PyYAML's own dumper cannot be asked for folded scalars reliably, so the layout
is written here and each scalar is checked: a folded block that would not read
back as the same string (odd characters, leading spaces) is written quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import yaml

WIDTH = 96  # as the hand-made content files: under the 100 columns editors see
INDENT = 2
FLOAT_DIGITS = 15  # a YAML float (an IEEE double) keeps this many significant digits
_SINGLE_SPACE = re.compile(r"(?<! ) (?! )")


def to_yaml(data: dict, comments: list[str], notes: dict[str, list[str]]) -> str:
    """The file: `comments` on top, `notes` as comment lines above top-level keys."""
    lines = [f"# {line}".rstrip() for line in comments]
    for key, value in data.items():
        if key in notes:
            lines += ["", *(f"# {line}".rstrip() for line in notes[key])]
        lines += _entry(key, value, 0)
    return "\n".join(lines) + "\n"


def _entry(key: str, value: object, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict) and value:
        return [f"{pad}{key}:", *_mapping(value, indent + INDENT)]
    if isinstance(value, list) and value:
        return [f"{pad}{key}:", *_sequence(value, indent)]
    return _scalar_lines(f"{pad}{key}: ", value, indent + INDENT)


def _mapping(value: dict, indent: int) -> list[str]:
    return [line for key, item in value.items() for line in _entry(str(key), item, indent)]


def _sequence(items: list, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            body = _mapping(item, indent + INDENT)
            lines += [f"{pad}- {body[0].lstrip()}", *body[1:]]
        elif isinstance(item, list) and item:
            body = _sequence(item, indent + INDENT)
            lines += [f"{pad}- {body[0].lstrip()}", *body[1:]]
        else:
            lines += _scalar_lines(f"{pad}- ", item, indent + INDENT)
    return lines


def _scalar_lines(prefix: str, value: object, indent: int) -> list[str]:
    inline = _inline(value)
    if not isinstance(value, str) or len(prefix) + len(inline) <= WIDTH:
        return [prefix + inline]
    folded = _folded(value, indent)
    return [prefix + folded[0], *folded[1:]] if folded else [prefix + inline]


def _inline(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, int | float | dt.date):
        return str(value)
    if value == [] or value == {}:
        return "[]" if value == [] else "{}"
    for allow_unicode in (True, False):
        # PyYAML writes NEL and line separators raw, then reads them as line breaks;
        # such rare strings are written with escapes instead.
        dumped = yaml.safe_dump({"k": value}, allow_unicode=allow_unicode, width=10**9)
        if yaml.safe_load(dumped) == {"k": value}:
            break
    return dumped.removeprefix("k: ").removesuffix("\n")


def _decimal(value: Decimal) -> str:
    """`370`, `63.5`; quoted when YAML would read it as a float that loses digits."""
    text = format(value.normalize() if value == value.to_integral() else value, "f")
    return text if len(text.lstrip("-0").replace(".", "")) <= FLOAT_DIGITS else f"'{text}'"


def _folded(text: str, indent: int) -> list[str] | None:
    """`>-` and the text wrapped at single spaces; None when that would not read back the same."""
    lines: list[str] = []
    current = ""
    for word in _SINGLE_SPACE.split(text):
        if current and indent + len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    block = [">-", *(" " * indent + line for line in lines)]
    try:
        same = yaml.safe_load("k: " + "\n".join(block)) == {"k": text}
    except yaml.YAMLError:
        same = False
    return block if same else None
