"""Dates and numbers in the reader's locale (Babel, imported only when used)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


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
