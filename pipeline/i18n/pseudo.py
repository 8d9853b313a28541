"""The pseudo-locale `en-XA`: accented, about 35% longer, bracketed.

A string that reaches the output without brackets skipped the string table; a
layout that breaks under the longer text will break in German or Russian too.
"""

from __future__ import annotations

import gettext
import re

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Placeholders and markers must survive untouched: %(name)s, {name}, @@page@@.
_PROTECTED = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|@@[a-z]+@@|%%")
GROWTH = 0.35


def pseudo(text: str) -> str:
    if not text:
        return text
    pieces, position = [], 0
    for match in _PROTECTED.finditer(text):
        pieces.append(text[position : match.start()].translate(_ACCENTED))
        pieces.append(match.group())
        position = match.end()
    pieces.append(text[position:].translate(_ACCENTED))
    padding = "~" * max(1, round(len(text) * GROWTH) - 2)
    return f"[{''.join(pieces)} {padding}]"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural)
