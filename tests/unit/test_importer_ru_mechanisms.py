"""The rules learnt from Russian and Kyrgyz agency pages, one at a time (sample text is ours)."""

from __future__ import annotations

from pipeline.importer.cases import after_preposition, oblique
from pipeline.importer.chrome import Kept
from pipeline.importer.contacts import is_contact_masthead, masthead_site
from pipeline.importer.datelines import find_dateline
from pipeline.importer.headlinename import role_before, speaker_in_headline
from pipeline.importer.inline import split_inline
from pipeline.importer.lines import Paragraph
from pipeline.importer.numberedmenu import drop_numbered_menu
from pipeline.importer.officename import office_then_name, talked_with
from pipeline.importer.outletclues import outlet_in_intro, outlet_label
from pipeline.importer.outletlabel import outlet_asking
from pipeline.importer.paragraphs import paragraphs
from pipeline.importer.report import Report
from pipeline.importer.standfirst import read_standfirst
from pipeline.importer.unreadlabel import unread_label


def _intro(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, number) for number, text in enumerate(texts, start=3)]


def test_a_headline_is_not_glued_to_the_one_line_standfirst_under_it():
    headline = "Айдана Маматова: у северного коридора будет своя таможня и свой график"
    standfirst = "В беседе с министром транспорта Айданой Маматовой мы говорили " * 4
    found = paragraphs([(1, headline), (2, standfirst.strip())])
    assert [p.text for p in found] == [headline, standfirst.strip()]


def test_wrapped_wire_copy_still_joins():
    found = paragraphs(
        [
            (1, "Министр транспорта Кыргызстана рассказал о новом пункте пропуска на"),
            (2, "Северном коридоре и ценах на грузоперевозки в этом году."),
        ]
    )
    assert len(found) == 1


def test_the_speaker_before_a_headline_colon_is_the_interviewee_the_intro_names():
    intro = _intro("Министр иностранных дел Украины Дмитрий Кулеба ответил на вопросы.")
    assert speaker_in_headline("Кулеба: танки - еще табу", intro) == "Дмитрий Кулеба"
    inflected = _intro("В интервью с премьер-министром Эстонии Каей Каллас были темы.")
    assert speaker_in_headline("Кая Каллас: у нас общее будущее", inflected) == "Кая Каллас"


def test_a_headline_colon_after_an_office_or_a_place_names_nobody():
    intro = _intro("Посол Кореи Пак Чон Хун рассказал о торговле.")
    assert speaker_in_headline("Посол: торговля вырастет вдвое", intro) is None
    assert speaker_in_headline("Бишкек: новые тарифы с мая", intro) is None  # not in the intro
    assert speaker_in_headline("Торговля вырастет вдвое", intro) is None


def test_the_role_is_what_stands_before_the_surname_in_either_order_of_words():
    russian = _intro("Глава МИД Кыргызстана Кулубаев объяснил DW позицию Бишкека.")
    assert role_before("Жээнбек Кулубаев", russian) == ("Глава МИД Кыргызстана", 3)
    kyrgyz = _intro("Кыргыз Республикасынын Түркиядагы элчиси Талант Орозбаев маалымат берди:")
    assert role_before("Т.Орозбаев", kyrgyz) == ("Кыргыз Республикасынын Түркиядагы элчиси", 3)


def test_an_office_in_another_case_than_the_name_gives_no_role():
    intro = _intro("В беседе с министром транспорта Айданой Маматовой мы говорили о дорогах.")
    assert role_before("Айдана Маматова", intro) is None


def test_a_masthead_of_addresses_and_contacts_is_chrome_and_names_the_site():
    line = (
        "www.TooNews.kg TooNews - кабар! www.TooNews.kg Байланыш: +996 555 123 456 "
        "www.TooNews.kg Email: info@toonews.kg"
    )
    assert is_contact_masthead(line)
    assert masthead_site(line) == "TooNews.kg"
    assert not is_contact_masthead("Подробнее на сайте www.toonews.kg и в нашем телеграм-канале.")


def test_outlets_the_standfirst_names_in_other_words():
    assert outlet_in_intro(_intro("Sputnik Кыргызстан публикует интервью с послом.")) == (
        "Sputnik Кыргызстан",
        3,
    )
    assert outlet_in_intro(_intro("Токаев дал интервью катарскому телеканалу Al Jazeera.")) == (
        "Al Jazeera",
        3,
    )
    assert outlet_in_intro(_intro("Интервью для программы «Итоги» на телеканале «Азия ТВ».")) == (
        "Азия ТВ",
        3,
    )
    assert outlet_in_intro(_intro("Посол рассказал о торговле.")) is None


def test_a_broadcaster_asking_under_its_short_name_is_the_outlet_but_initials_are_not():
    intro = _intro("Элчи Бакыт Асанов ЭлТРге кыскача маалымат берди:")
    assert outlet_label("ЭлТР", intro) == "ЭлТР"
    assert outlet_label("ADL", _intro("Anna D. Lee spoke to the ambassador.")) is None
    assert outlet_label("Иванов", intro) is None


def test_a_person_in_the_genitive_after_interview_is_no_outlet():
    found = read_standfirst("Очень интересное интервью Сергея Лаврова о Сирии.", 1)
    assert found is None or found.outlet is None
    told = read_standfirst("Замминистра рассказал в интервью Интерфаксу о ценах.", 1)
    assert told is not None and told.outlet == "Интерфакс"


def test_kyrgyz_office_then_name_then_the_topic_names_the_guest():
    intro = _intro(
        "Түркиянын Кыргызстандагы элчиси Мехмет Кая соода тууралуу Sputnik Кыргызстанга маек берди."
    )
    assert office_then_name(intro) == ("Мехмет Кая", "Түркиянын Кыргызстандагы элчиси", 3)
    assert office_then_name(_intro("Элчилик жарандарга кайрылды.")) is None


def test_a_known_outlet_before_the_interview_phrase_is_not_the_guest():
    found = read_standfirst("Элчи соода тууралуу Sputnik Кыргызстанга маек берди.", 1)
    assert found is None or found.name != "Sputnik Кыргызстанга"


def test_agency_datelines_of_russian_and_kyrgyz_copy():
    never = lambda label: False  # noqa: E731
    assert find_dateline("МОСКВА, 5 мар - РИА Новости. Посол рассказал.", never)["agency"] == (
        "РИА Новости"
    )
    kyrgyz = find_dateline("БИШКЕК, 24-май — Sputnik. Элчи айтты.", never)
    assert (kyrgyz["place"], kyrgyz["date"], kyrgyz["agency"]) == ("БИШКЕК", "24-май", "Sputnik")
    dated = find_dateline("Бишкек, 5 марта, 2025 (24.kg) — Посол рассказал.", never)
    assert (dated["date"], dated["agency"]) == ("5 марта, 2025", "24.kg")


def test_an_outlet_asking_under_its_own_name_is_a_label():
    assert outlet_asking("24.kg: Когда откроется центр?") == ("24.kg", "Когда откроется центр?")
    assert outlet_asking("«Вечерний Бишкек»: Сколько?") == ("Вечерний Бишкек", "Сколько?")
    assert outlet_asking("Азаттык: Кырдаал кандай?") == ("Азаттык", "Кырдаал кандай?")
    assert outlet_asking("В 2024: рост на 5%.") is None


def test_an_address_after_correspondent_is_read_whole():
    found = read_standfirst("Корреспондент Kaktus.media побеседовал с послом.", 1)
    assert found is not None and found.outlet == "Kaktus.media"


def test_the_agency_that_asked_or_talked_is_the_outlet_not_the_office():
    assert outlet_in_intro(_intro("Министр ответил на вопросы АКИpress.")) == ("АКИpress", 3)
    kyrgyz = _intro("Кабар агенттиги Казакстандын элчиси Ерлан Абенов менен маек курду.")
    assert outlet_in_intro(kyrgyz) == ("Кабар", 3)
    assert office_then_name(kyrgyz) == ("Ерлан Абенов", "Казакстандын элчиси", 3)


def test_the_guest_a_kyrgyz_desk_talked_with():
    intro = _intro(
        "Министр болуп иштеген Нурбек Асанов менен кызматтан кеткенден кийин баарлаштык."
    )
    assert talked_with(intro) == ("Нурбек Асанов", None, 3)
    assert talked_with(_intro("Нарын облусунун акими менен жол тууралуу баарлаштык.")) is None


def test_a_place_after_a_preposition_and_a_name_in_the_dative_are_not_the_guest():
    assert oblique(["Кириллу", "Альтману"])
    assert not oblique(["Николаем", "Удовиченко"])  # an indeclinable surname: not decided
    assert not oblique(["Сергей", "Лавров"]) and not oblique(["Ким", "Ю"])
    assert after_preposition(["Посол", "в", "Узбекистане"])
    found = read_standfirst("Посол России в Узбекистане Владимир Тюрденев рассказал о визите.", 1)
    assert found is not None and (found.name, found.role) == (
        "Владимир Тюрденев",
        "Посол России в Узбекистане",
    )


def test_a_person_after_interview_is_no_outlet():
    found = read_standfirst("Минниханов в интервью Канделаки обсудил Давос.", 1)
    assert found is None or found.outlet is None


def test_outlets_named_with_their_kind_in_quotation_marks_or_as_who_talked():
    assert outlet_in_intro(_intro("Министр отвечает на вопросы газеты “Мегаполис”.")) == (
        "Мегаполис",
        3,
    )
    assert outlet_in_intro(_intro("Informburo.kz поговорил с Иваном о блокировках.")) == (
        "Informburo.kz",
        3,
    )


def test_a_label_left_in_a_turns_text_is_reported():
    said = [Paragraph("А.Н.Бородавкин: После переизбрания ...", 8)]
    assert "А.Н.Бородавкин:" in (unread_label(said) or "")
    assert unread_label([Paragraph("США: санкции не помогут.", 8)]) is None


def test_the_authors_words_after_a_dash_stay_with_the_speech():
    pieces = split_inline([Paragraph("- Когда откроется парк? – спрашивает журналист.", 5)])
    assert len(pieces) == 1


def test_a_numbered_menu_above_the_text_is_chrome_but_numbered_questions_stay():
    menu = Kept([(1, "2. Перейти к главному меню"), (2, "3. Другие проекты радио"), (3, "")], None)
    menu.lines.append((4, "Посол: «Мы ждем туристов»"))
    assert [text for _, text in drop_numbered_menu(menu, Report()).lines] == [
        "",
        "Посол: «Мы ждем туристов»",
    ]
    asking = Kept([(1, "1. Когда откроется рейс?"), (2, "В июне.")], None)
    assert drop_numbered_menu(asking, Report()).lines == asking.lines
