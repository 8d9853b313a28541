"""Dates and numbers in the reader's locale (Babel, imported only when used)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

# What "Page %(page)s of %(pages)s" is formatted with, so each format can put its own
# page counters where the translation puts the numbers.
PAGE, PAGES = "@@page@@", "@@pages@@"
_PAGE_MARKERS = re.compile(f"({re.escape(PAGE)}|{re.escape(PAGES)})")


def _babel_locale(language: str) -> str:
    from pipeline.i18n import babel_locale

    return babel_locale(language)


def long_date(value: dt.date, language: str = "en") -> str:
    from babel.dates import format_date

    return format_date(value, format="long", locale=_babel_locale(language))


def format_number(value: Decimal, language: str = "en") -> str:
    from babel.numbers import format_decimal

    # Every digit the speaker gave: CLDR patterns would round 0.0004 to 0.
    return format_decimal(value, locale=_babel_locale(language), decimal_quantization=False)


def language_name(language: str, in_locale: str) -> str:
    """`en` as a reader of `in_locale` names it: English, английский, 영어."""
    from babel import Locale

    return Locale.parse(_babel_locale(in_locale)).languages.get(language, language)


def page_pattern(label: str) -> list[str]:
    """A formatted "Page X of Y" as text pieces and PAGE/PAGES markers, in the label's order."""
    return [piece for piece in _PAGE_MARKERS.split(label) if piece]
