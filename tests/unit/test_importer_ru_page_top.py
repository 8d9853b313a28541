"""The top of a Russian page: skip links, the site's clock, a masthead asking in quotes, and a
known paper named in the genitive."""

from __future__ import annotations

from pipeline.importer.chrome import Kept
from pipeline.importer.headerlines import is_date_line
from pipeline.importer.nominative import guest_in_oblique
from pipeline.importer.openingoffice import office_opening
from pipeline.importer.outletclues import known_in_nominative, outlet_in_intro
from pipeline.importer.outletlabel import outlet_asking
from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.report import Report
from pipeline.importer.skiplinks import drop_skip_links


def test_skip_links_above_the_text_go() -> None:
    lines = [(1, "Ссылки для упрощенного доступа"), (2, "Skip to main content"), (3, "Заголовок")]
    kept = drop_skip_links(Kept(lines=lines, url=None), Report())
    assert kept.lines == [(3, "Заголовок")]


def test_a_skip_link_phrase_below_the_first_prose_stays() -> None:
    prose = "Министр рассказал о переговорах и о новых соглашениях, подписанных в столице. " * 2
    lines = [(1, prose), (2, "Вернуться к основному содержанию")]
    assert drop_skip_links(Kept(lines=lines, url=None), Report()).lines == lines


def test_the_site_clock_with_its_time_zone_is_a_date_line() -> None:
    assert is_date_line("23 ноября 2024, Бишкекское время 03:58")


def test_a_masthead_in_quotes_asks_under_its_name() -> None:
    assert outlet_asking("«Вечерняя волна»: Когда подпишут?") == (
        "Вечерняя волна",
        "Когда подпишут?",
    )
    assert outlet_asking("Вечерняя волна: Когда подпишут?") is None


def test_a_known_paper_in_the_genitive_is_written_as_usual() -> None:
    assert known_in_nominative("Вечернего Бишкека") == "Вечерний Бишкек"
    assert known_in_nominative("Неизвестной газеты") == "Неизвестной газеты"


def test_a_guest_introduced_as_such_is_read_office_then_name() -> None:
    text = (
        "Серия интервью. Наш гость — Посол Республики Лесото в Казахстане господин Тебого Молапо."
    )
    assert office_opening([Paragraph(text, 2)]) == (
        "Тебого Молапо",
        "Посол Республики Лесото в Казахстане",
        2,
    )


def test_an_agency_named_after_its_kind_as_the_subject_is_the_outlet() -> None:
    found = outlet_in_intro([Paragraph("Агентство «Степной курьер» продолжает серию.", 1)])
    assert found == ("Степной курьер", 1)


def test_the_guest_of_a_headline_opening_on_interview_is_read_from_its_genitive() -> None:
    title = "Интервью министра энергетики Нурлана Асанова главному редактору газеты"
    assert guest_in_oblique(title, []) == ("Нурлан Асанов", "министр энергетики", None)
    assert guest_in_oblique("Посол о визите министра Нурлана Асанова", []) is None


def test_a_channel_call_to_subscribe_goes_wherever_it_stands() -> None:
    prose = (
        "Ведущая рассказывает о программе и о гостях, которые придут в студию на этой неделе. " * 2
    )
    lines = [(1, prose), (2, "Поддержать канал «Вечерний эфир»"), (3, "Подписаться на «Эфир»")]
    assert drop_skip_links(Kept(lines=lines, url=None), Report()).lines == [(1, prose)]
