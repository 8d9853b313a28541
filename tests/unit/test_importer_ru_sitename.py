"""A site's name above an official page's `Интервью ...` title (sample text is ours)."""

from __future__ import annotations

from pipeline.importer.lines import Paragraph
from pipeline.importer.report import Report
from pipeline.importer.sitename import drop_site_name


def _lines(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, number) for number, text in enumerate(texts, start=1)]


def test_a_name_only_line_above_an_interview_title_goes_with_a_doubt():
    rest = _lines(
        "Министерство Экономики Республики Таджикистан",
        "Интервью Министра экономики Р.С.Каримова агентству «Ховар»",
        "– Рустам Саидович, какие товары подешевеют?",
    )
    doubts = drop_site_name(rest, Report())
    assert [p.text for p in rest][0].startswith("Интервью Министра")
    assert doubts and "Министерство Экономики" in doubts[0] and "line 2" in doubts[0]


def test_a_quoted_headline_above_an_interview_title_stays():
    rest = _lines(
        "Посол: «Визы упростят»",
        "Интервью Посла агентству «Кабар»",
    )
    assert drop_site_name(rest, Report()) == []
    assert len(rest) == 2


def test_a_name_line_above_ordinary_prose_stays():
    rest = _lines(
        "Совет Безопасности Республики",
        "Секретарь Совета рассказал о планах на год.",
    )
    assert drop_site_name(rest, Report()) == []
    assert len(rest) == 2
