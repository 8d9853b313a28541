"""Dates and numbers in the reader's locale (Babel, imported only when used)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def _babel_locale(language: str) -> str:
    return language.replace("-", "_")


def long_date(value: dt.date, language: str = "en") -> str:
    from babel.dates import format_date

    return format_date(value, format="long", locale=_babel_locale(language))


def format_number(value: Decimal, language: str = "en") -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale(language))
