"""Russian official pages: a site's name above the `Интервью ...` title, the guest named in an
oblique case, a country-and-city dateline with a site address (sample text is ours)."""

from __future__ import annotations

from pipeline.importer.askless import none_asks
from pipeline.importer.cases import after_preposition
from pipeline.importer.datelines import find_dateline
from pipeline.importer.lines import Paragraph
from pipeline.importer.nominative import guest_in_oblique
from pipeline.importer.outletclues import outlet_in_intro
from pipeline.importer.report import Report
from pipeline.importer.sitename import drop_site_name
from pipeline.importer.standfirst import read_standfirst
from pipeline.importer.tagsline import drop_tags


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


def test_a_guest_named_in_the_instrumental_is_read_back_with_the_headline_surname():
    intro = _lines("Мы побеседовали с послом Турции в Кыргызстане Мехметом Арсланом.")
    assert guest_in_oblique("Арслан: визы отменят", intro) == (
        "Мехмет Арслан",
        "посол Турции в Кыргызстане",
        1,
    )


def test_an_office_and_a_surname_in_the_genitive_give_the_nominative():
    intro = _lines("Интервью министра транспорта Ирины Петровой агентству, вопросы Игоря Смирнова.")
    assert guest_in_oblique(None, intro) is None  # Ирины: a first name not read back, no guess
    intro = _lines("Интервью председателя Нацбанка Сергея Лаврова агентству «Кабар».")
    assert guest_in_oblique(None, intro) == ("Сергей Лавров", "председатель Нацбанка", 1)


def test_a_name_in_the_nominative_or_after_an_adjective_is_left_to_other_rules():
    assert guest_in_oblique(None, _lines("Министр Сергей Лавров рассказал о визите.")) is None
    assert guest_in_oblique(None, _lines("Беседа с Чрезвычайным послом Игорем Петровым.")) is None


def test_a_country_city_and_site_address_open_the_text_as_a_dateline():
    found = find_dateline("Узбекистан, Самарканд - АН Novosti.uz. Накануне праздника мы", _nobody)
    assert found and found["place"] == "Узбекистан, Самарканд"
    assert found["agency"] == "Novosti.uz" and found["rest"].startswith("Накануне")


def _nobody(label: str) -> bool:
    return False


def test_labelled_turns_none_of_which_asks_are_each_doubted():
    greetings = [("Добрый вечер.", "label 'A:'"), ("Рад быть у вас.", "label 'B:'")]
    assert none_asks(greetings)
    assert none_asks([*greetings, ("Как дела?", "label 'A:'")]) == []
    assert none_asks([("Расскажите о планах.", "dash"), ("Что дальше.", "dash")]) == []


def test_menu_items_run_together_above_the_headline_go_with_a_doubt():
    rest = _lines(
        "ГлавнаяНовостиПолитика",
        "ЛентаЭкономикаОбновлено в 10:15",
        "Посол Турции: визы отменят",
        "Мы поговорили с послом.",
    )
    doubts = drop_site_name(rest, Report())
    assert rest[0].text == "Посол Турции: визы отменят" and len(rest) == 2
    assert doubts and "run together" in doubts[0]


def test_a_headline_with_one_capital_inside_a_name_stays():
    rest = _lines("Глава МакДоналдс в Казахстане: цены не вырастут", "Текст.")
    assert drop_site_name(rest, Report()) == [] and len(rest) == 2


def test_a_state_named_after_its_generic_word_is_part_of_the_place():
    assert after_preposition(["Посол", "России", "в", "Республике", "Таджикистан"])
    assert after_preposition(["посол", "в", "Соединенных", "Штатах", "Америки"])
    assert not after_preposition(["посол", "России", "в", "Бишкеке", "Айбек"])


def test_a_patronymic_between_name_and_surname_is_left_out():
    intro = _lines("Интервью директора департамента МИД Замира Набиевича Каримова каналу.")
    assert guest_in_oblique(None, intro) == ("Замир Каримов", "директор департамента МИД", 1)


def test_a_known_outlet_after_the_word_for_its_kind_is_the_outlet():
    assert outlet_in_intro(_lines("В первом интервью для ТАСС посол рассказал о планах.")) == (
        "ТАСС",
        1,
    )
    assert outlet_in_intro(_lines("Интервью министра каналу «Ала-Тоо 24» вышло вчера.")) == (
        "Ала-Тоо 24",
        1,
    )
    assert outlet_in_intro(_lines("Учебник для Министерства образования вышел вчера.")) is None


def test_an_agency_written_after_its_initials_is_named_without_them():
    found = read_standfirst("Посол Игорь Петров ответил на вопросы корреспондента ИА REGNUM.", 1)
    assert found is not None and found.outlet == "REGNUM"


def test_a_breadcrumbs_mark_before_the_headline_goes():
    rest = _lines("» «Визы отменят к лету»", "Текст.")
    drop_site_name(rest, Report())
    assert rest[0].text == "«Визы отменят к лету»"
    rest = _lines("> ответ", "Текст.")
    drop_site_name(rest, Report())
    assert rest[0].text == "> ответ"  # one word after the mark: a quoted reply, not a crumb


def test_the_tags_line_and_a_repeat_of_its_tag_go():
    rest = _lines(
        "Посол: визы отменят", "Тэги: Казахстан, визы", "Казахстан", "- Когда?", "- Летом."
    )
    drop_tags(rest, Report())
    assert [p.text for p in rest] == ["Посол: визы отменят", "- Когда?", "- Летом."]


def test_a_line_not_repeating_a_tag_stays_after_the_tags_line():
    rest = _lines("Теги: Казахстан", "Экономика", "- Когда?", "- Летом.")
    drop_tags(rest, Report())
    assert [p.text for p in rest] == ["Экономика", "- Когда?", "- Летом."]
