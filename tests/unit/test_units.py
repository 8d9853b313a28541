"""Small modules: text hygiene, atomic writes, CSS quoting, the format registry, the clock."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from pipeline import atomic, clock, render
from pipeline.errors import UsageError
from pipeline.render import templating
from pipeline.text import clean_paragraph, forbidden_characters


def test_clean_paragraph_folds_breaks_and_drops_what_xml_cannot_hold():
    assert clean_paragraph("  one\nline\r\n\ttwo\x00 \ud800three\ufffe ") == "one line two three"
    assert clean_paragraph("USD\u00a063.5") == "USD\u00a063.5"  # no-break space is meaning
    assert forbidden_characters("a\x0bb\x1f") == ["U+000B", "U+001F"]


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "deep" / "note.pdf"
    atomic.write_bytes(target, b"first")
    atomic.write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["note.pdf"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_failed_atomic_write_keeps_the_previous_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "note.pdf"
    atomic.write_bytes(target, b"good")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_bytes(target, b"half")
    assert target.read_bytes() == b"good"
    assert os.listdir(tmp_path) == ["note.pdf"]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@pytest.mark.parametrize(
    "hostile", ['"; } body { display: none', "</style><script>x</script>", "\\a\n"]
)
def test_css_string_cannot_be_escaped_from(hostile: str):
    quoted = str(templating.css_string(hostile))
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not re.search(r'["<>\n;{}]', inner)
    # Each escape is hex digits and one space, which CSS consumes: decoding gives the text back.
    decoded = re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == hostile


def test_page_counters_keep_translated_words_around_live_counters():
    assert str(templating.page_counters("Page @@page@@ of @@pages@@")) == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert (
        str(templating.page_counters("@@page@@ / @@pages@@"))
        == 'counter(page) " \\2f  " counter(pages)'
    )


def test_registry_lists_formats_and_refuses_duplicates():
    assert render.names() == ["pdf", "docx", "html"]
    assert render.get("pdf").suffix == ".pdf"
    with pytest.raises(
        ValueError, match="format 'html' is already registered by pipeline.render.html"
    ):
        render.register(render.get("html"))
    with pytest.raises(UsageError, match="unknown format 'odt'; choose from pdf, docx, html"):
        render.get("odt")


def test_build_time_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert clock.build_time() == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(
        UsageError,
        match="SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC.*got 'yesterday'",
    ):
        clock.build_time()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs(clock.build_time() - dt.datetime.now(tz=dt.UTC)) < dt.timedelta(seconds=5)


def test_figures_keep_every_digit_in_the_reader_locale():
    from decimal import Decimal

    from pipeline.i18n.formatting import format_number

    assert format_number(Decimal("0.0004"), "en") == "0.0004"
    assert format_number(Decimal("63.5"), "ru") == "63,5"
    assert format_number(Decimal("1234567.125"), "en") == "1,234,567.125"
