"""Babel's answers are remembered in the user's cache, and give what Babel gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import babel.dates
import babel.numbers
import pytest

from pipeline.i18n import babel_memo, formatting

CALLS = [
    (formatting.long_date, dt.date(2026, 12, 1), "en"),
    (formatting.long_date, dt.date(2026, 12, 1), "ru"),
    (formatting.long_date, dt.date(2026, 2, 9), "ky"),
    (formatting.long_date, dt.date(2026, 2, 9), "ko"),
    (formatting.long_date, dt.date(2026, 2, 9), "en-XA"),
    (formatting.format_number, Decimal("1234567.0004"), "ru"),
    (formatting.format_number, Decimal("1E+16"), "en"),
    (formatting.format_number, Decimal("63.50"), "ko"),
    (formatting.language_name, "en", "ky"),
]


def fresh(cache) -> None:
    """A new run: nothing remembered in memory, the cache folder at `cache`."""
    babel_memo._file.cache_clear()
    babel_memo._answers.cache_clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fresh(tmp_path)
    yield tmp_path / "cache"
    fresh(tmp_path)


def babel_says(function, value, language) -> str:
    locale = formatting._babel_locale(language)
    if function is formatting.long_date:
        return babel.dates.format_date(value, format="long", locale=locale)
    if function is formatting.format_number:
        return babel.numbers.format_decimal(value, locale=locale, decimal_quantization=False)
    return babel.Locale.parse(locale).languages[value]


def test_the_next_run_formats_from_the_cache_as_babel_did(cache, monkeypatch):
    first = [function(value, language) for function, value, language in CALLS]
    assert first == [babel_says(*call) for call in CALLS]
    assert len(list((cache / "briefing" / "babel").glob("*.json"))) == 1

    def no_babel(*arguments, **keywords):
        raise AssertionError("Babel asked again although the cache holds the answer")

    fresh(cache)
    monkeypatch.setattr(babel.dates, "format_date", no_babel)
    monkeypatch.setattr(babel.numbers, "format_decimal", no_babel)
    assert [function(value, language) for function, value, language in CALLS] == first


def test_a_new_question_is_asked_and_added(cache):
    formatting.long_date(dt.date(2026, 1, 1), "en")
    fresh(cache)
    assert formatting.long_date(dt.date(2026, 1, 2), "en") == "January 2, 2026"
    fresh(cache)
    assert set(babel_memo._answers()) == {
        "long_date|date|2026-01-01|en",
        "long_date|date|2026-01-02|en",
    }


def test_an_unusable_cache_only_costs_babel(cache):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("not a folder")  # the cache folder cannot be made
    assert formatting.format_number(Decimal("63.5"), "ru") == "63,5"
    fresh(cache)
    cache.unlink()
    path = babel_memo._file()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text('{"number|Decimal|63.5|ru": 7}')  # not an answer: the file is ignored
    assert formatting.format_number(Decimal("63.5"), "ru") == "63,5"
