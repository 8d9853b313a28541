"""Dates and numbers in the reader's locale (Babel, imported only when used).

Babel's answers are remembered between runs (`pipeline.i18n.babel_memo`): a note built
again formats its dates and figures without importing Babel.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from pipeline.i18n.babel_memo import remembered

# What "Page %(page)s of %(pages)s" is formatted with, so each format can put its own
# page counters where the translation puts the numbers.
PAGE, PAGES = "@@page@@", "@@pages@@"
_PAGE_MARKERS = re.compile(f"({re.escape(PAGE)}|{re.escape(PAGES)})")


def _babel_locale(language: str) -> str:
    from pipeline.i18n import babel_locale

    return babel_locale(language)


def long_date(value: dt.date, language: str = "en") -> str:
    def ask_babel() -> str:
        from babel.dates import format_date

        return format_date(value, format="long", locale=_babel_locale(language))

    return remembered(f"long_date|{type(value).__name__}|{value.isoformat()}|{language}", ask_babel)


def format_number(value: Decimal, language: str = "en") -> str:
    def ask_babel() -> str:
        from babel.numbers import format_decimal

        # Every digit the speaker gave: CLDR patterns would round 0.0004 to 0.
        return format_decimal(value, locale=_babel_locale(language), decimal_quantization=False)

    return remembered(f"number|{type(value).__name__}|{value}|{language}", ask_babel)


def language_name(language: str, in_locale: str) -> str:
    """`en` as a reader of `in_locale` names it: English, английский, 영어."""

    def ask_babel() -> str:
        from babel import Locale

        return Locale.parse(_babel_locale(in_locale)).languages.get(language, language)

    return remembered(f"language_name|{language}|{in_locale}", ask_babel)


def page_pattern(label: str) -> list[str]:
    """A formatted "Page X of Y" as text pieces and PAGE/PAGES markers, in the label's order."""
    return [piece for piece in _PAGE_MARKERS.split(label) if piece]
