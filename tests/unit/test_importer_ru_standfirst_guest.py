"""Russian standfirsts: the office first with the verb in a later sentence, a party leader,
a journalist in the dative who is no outlet, and a topic after the verb that names nobody."""

from __future__ import annotations

from pipeline.importer.openingoffice import office_opening
from pipeline.importer.outletclues import outlet_in_intro
from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.standfirst import read_standfirst


def test_the_office_and_name_the_standfirst_opens_on_when_the_verb_comes_later() -> None:
    text = (
        "Министр транспорта Республики Тимур Асанов, прибыл в Алматы на форум."
        " В интервью агентству он рассказал о дорогах."
    )
    assert office_opening([Paragraph(text, 3)]) == (
        "Тимур Асанов",
        "Министр транспорта Республики",
        3,
    )


def test_an_opening_office_without_any_interview_is_a_report() -> None:
    text = "Министр транспорта Республики Тимур Асанов прибыл в Алматы на форум."
    assert office_opening([Paragraph(text, 1)]) is None


def test_a_party_leader_is_an_office_before_the_name() -> None:
    found = read_standfirst(
        'Лидер фракции "Новый путь" Марат Исаев в интервью нам рассказал о бюджете.', 1
    )
    assert found is not None
    assert (found.name, found.role) == ("Марат Исаев", 'Лидер фракции "Новый путь"')


def test_a_person_in_the_dative_after_interview_is_no_outlet() -> None:
    found = read_standfirst("Сергей Лавров дал интервью Такеру Карлсону", 1)
    assert found is not None
    assert found.outlet is None


def test_who_is_named_in_the_topic_after_the_verb_is_not_the_guest() -> None:
    found = read_standfirst("Депутат рассказал о работе мэра Канатбека Осмонова.", 1)
    assert found is None or found.name != "Канатбека Осмонова"


def test_a_quoted_word_in_lower_case_is_no_outlet() -> None:
    text = "Министр ответил на обвинения, что страна стала пунктом для «серого» импорта."
    assert outlet_in_intro([Paragraph(text, 1)]) is None


def test_the_first_capitalised_run_after_the_office_must_end_the_opening() -> None:
    text = (
        "Президент России Владимир Путин 16 августа назначил Семена Григорьева послом. В интервью"
    )
    assert office_opening([Paragraph(text, 1)]) is None


def test_a_lone_capitalised_word_inside_the_office_is_no_name() -> None:
    text = "Министр иностранных дел Российской Федерации Сергей Лавров дал большое интервью газете."
    assert office_opening([Paragraph(text, 1)]) == (
        "Сергей Лавров",
        "Министр иностранных дел Российской Федерации",
        1,
    )
