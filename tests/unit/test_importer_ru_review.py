"""Regressions from the review of this round's Russian importer work (sample text is ours)."""

from __future__ import annotations

import pytest

from pipeline.importer.capsnames import soften_capitals
from pipeline.importer.cases import GOVERNED_ENDINGS, nominatives
from pipeline.importer.core import import_text
from pipeline.importer.nominative import _complement
from pipeline.importer.outletclues import known_in_nominative, outlet_in_intro
from pipeline.importer.paragraphs import Paragraph

_LABELLED_BY_AGENCY = """Посол: у нас много общих планов

Посол Республики Эстакада в Кыргызстане Иван Петров ответил на вопросы РИА Новости.

Корреспондент РИА Новости: Господин посол, как идут переговоры о новом соглашении?

Иван Петров: Переговоры идут хорошо, мы надеемся подписать соглашение до конца года.

Корреспондент РИА Новости: А что будет с визами?

Иван Петров: Визовый режим мы упростим уже весной, об этом договорились министры.
"""


def test_an_outlet_in_the_interviewers_label_keeps_its_capitals() -> None:
    data = import_text(_LABELLED_BY_AGENCY.encode("utf-8"), name="labelled.txt").data
    assert data["interviewer"] == "РИА Новости"


def test_an_outlet_in_a_label_in_capitals_gets_its_usual_capitals_back() -> None:
    text = _LABELLED_BY_AGENCY.replace("Корреспондент РИА Новости:", "КОРРЕСПОНДЕНТ РИА НОВОСТИ:")
    data = import_text(text.encode("utf-8"), name="capitals.txt").data
    assert data["interviewer"] == "РИА Новости"
    assert soften_capitals("Риа Новости") == "РИА Новости"


@pytest.mark.parametrize(
    "name",
    ["BBC News", "Anna Lee (KBS)", "Charles III", "РИА Новости", "NHK World", "Louis XIV"],
)
def test_capitals_that_are_spelling_stay(name: str) -> None:
    assert soften_capitals(name) == name


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Anna LEE (KBS)", "Anna Lee (KBS)"),
        ("Корреспондент ТАСС Иван ПЕТРОВ", "Корреспондент ТАСС Иван Петров"),
        ("Otto DIX", "Otto Dix"),  # D is no regnal number's letter
    ],
)
def test_the_persons_surname_beside_an_outlet_is_still_softened(written: str, said: str) -> None:
    assert soften_capitals(written) == said


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Посол Иван Петров дал интервью изданию «kaktus.media».", "kaktus.media"),
        ("Министр финансов дал интервью изданию «tazabek».", "tazabek"),
        ("Министр финансов дал интервью изданию «kloop.kg».", "kloop.kg"),  # a site's address
        ("Таможня стала пунктом для «серого» импорта, сказал он изданию «Вестник».", "Вестник"),
    ],
)
def test_a_known_outlet_spelt_in_lower_case_in_quotes_is_the_outlet(text: str, outlet: str) -> None:
    assert outlet_in_intro([Paragraph(text, 1)]) == (outlet, 1)


def test_an_unknown_word_in_lower_case_in_quotes_is_still_no_outlet() -> None:
    assert outlet_in_intro([Paragraph("Таможня стала пунктом для «серого» импорта.", 1)]) is None


_GUEST_IN_THE_HEADLINE = """Главная
Новости
Интервью

12 марта 2026

Интервью Министра энергетики Республики Нурлана Асанова главному редактору газеты «Горный вестник»

Вопрос: Уважаемый Нурлан Бекович, когда заработает новая станция?

Ответ: Первый агрегат запустим осенью, второй через год.

Вопрос: Вырастут ли тарифы?

Ответ: Не больше чем на пять процентов, и только с июля.
"""


def test_a_guest_and_outlet_read_from_the_headline_are_reported_without_a_line() -> None:
    result = import_text(_GUEST_IN_THE_HEADLINE.encode("utf-8"), name="headline.txt")
    assert result.data["interviewee"]["name"] == "Нурлан Асанов"
    notes = {note.message: note.line for note in result.report.guesses}
    assert notes["interviewee 'Нурлан Асанов' read back from the headline's oblique case"] is None
    assert notes["outlet 'Горный вестник' from the headline"] is None
    assert not any(line == 1 for line in notes.values())  # the headline stands on line 7


@pytest.mark.parametrize("ending", GOVERNED_ENDINGS)
def test_the_office_reader_and_the_outlet_reader_share_the_governed_endings(ending: str) -> None:
    # They kept two tables of the same name with different endings (`иностранных дел` was
    # governed for the one, `-ых` unknown to the other).
    word = "Слов" + ending
    assert _complement(word)
    assert len(nominatives(word)) > 1


def test_a_known_outlet_in_the_genitive_is_written_as_usual() -> None:
    assert known_in_nominative("Вечернего Бишкека") == "Вечерний Бишкек"
    assert known_in_nominative("Радио Азаттыка") == "Азаттык"


@pytest.mark.parametrize(
    ("label", "interviewer"),
    [
        ("ЖУРНАЛИСТ CNN:", "CNN"),
        ("NHK WORLD:", "NHK World"),
        ("КОРРЕСПОНДЕНТ ИВАН ЛИ:", "Иван Ли"),  # a short surname beside a first name is a name
    ],
)
def test_an_acronym_in_a_label_in_capitals_stays_an_acronym(label: str, interviewer: str) -> None:
    text = _LABELLED_BY_AGENCY.replace("Корреспондент РИА Новости:", label)
    assert import_text(text.encode("utf-8"), name="acronym.txt").data["interviewer"] == interviewer
