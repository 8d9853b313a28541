"""Brief suggestions (figures, organisations) and the YAML they are written in."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.importer.brief import Passage, suggest_figures, suggest_organisations
from pipeline.importer.emit import to_yaml


def figures(text: str, language: str = "en") -> list[tuple]:
    found, _ = suggest_figures([Passage(2, 1, text, "The minister")], language)
    return [(f["label"], f["value"], f["unit"], f["approximate"], f["period"]) for f in found]


def organisations(text: str, language: str = "en") -> list[str]:
    return [o["name"] for o in suggest_organisations([Passage(2, 1, text, "X")], set(), language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Trade reached about USD 63.5 million in the first half of 2022.",
            "en",
            ("USD 63.5 million", Decimal("63.5"), "million USD", True, "the first half of 2022"),
        ),
        ("It cost $5bn last year.", "en", ("$5bn", Decimal(5), "billion USD", False, "last year")),
        (
            "Оборот составил около 12 млн рублей в прошлом году.",
            "ru",
            ("12 млн рублей", Decimal(12), "млн RUB", True, "в прошлом году"),
        ),
        (
            "수출은 1억 달러를 넘었다.",
            "ko",
            ("1억 달러", Decimal(1), "억 USD", False, "명시되지 않음"),
        ),
        ("Рост составил 3,5% за год.", "ru", ("3,5%", Decimal("3.5"), "%", False, "не указан")),
        (
            "We marked the 30th anniversary.",
            "en",
            ("30th anniversary", Decimal(30), "years", False, "not stated"),
        ),
        (
            "Отметили 30-летие отношений.",
            "ru",
            ("30-летие", Decimal(30), "лет", False, "не указан"),
        ),
        (
            "We keep 300 thousand tonnes of wheat.",
            "en",
            ("300 thousand tonnes", Decimal(300), "thousand tonnes", False, "not stated"),
        ),
        (
            "Её площадь 40 квадратных метров.",
            "ru",
            ("40 квадратных метров", Decimal(40), "квадратных метров", False, "не указан"),
        ),
        ("관광객 30명이 왔다.", "ko", ("30명", Decimal(30), "명", False, "명시되지 않음")),
        (
            "Around 2,400 tonnes went in.",
            "en",
            ("2,400 tonnes", Decimal(2400), "tonnes", True, "not stated"),
        ),
    ],
)
def test_figures_are_numbers_the_text_states(text: str, language: str, expected: tuple):
    assert figures(text, language) == [expected]


def test_each_figure_quotes_its_sentence_and_says_who_stated_it():
    text = "Prices rose. Trade reached USD 370 million. It fell later."
    found, _ = suggest_figures([Passage(2, 3, text, "Lee Wonjae")], "en")
    assert found[0]["source_sentence"] == "Trade reached USD 370 million."
    assert found[0]["stated_by"] == "Lee Wonjae"
    assert found[0]["status"] == "suggested"
    assert "answer 3" in found[0]["note"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 the plan began.",
        "We met on 5 May.",
        "COVID-19 and G20 came up.",
        "It was XVIII century.",
    ],
)
def test_years_dates_and_names_with_digits_are_not_figures(text: str):
    assert figures(text) == []


def test_money_and_percent_come_first_and_the_rest_is_counted():
    text = (
        " ".join(f"There were {n} visitors in hall {n}." for n in range(1, 14))
        + " It cost USD 5 million."
    )
    found, left_out = suggest_figures([Passage(2, 1, text, "X")], "en")
    assert found[0]["label"] == "USD 5 million"
    assert len(found) == 10 and left_out == 4


def test_organisations_from_quotes_acronyms_and_capitalised_names():
    text = (
        "The Korean IT-company “KT Corporation” opened an office. Kyrgyzstan joined the Official "
        "Development Assistance (ODA) program with the KOPIA Center and the National Gugak Center’s "
        "ensemble. The EU and the XVIII century were mentioned, as was «Кабар»."
    )
    assert organisations(text) == [
        "KT Corporation",
        "Official Development Assistance (ODA)",
        "KOPIA Center",
        "National Gugak Center",
        "EU",
        "Кабар",
    ]


def test_russian_and_korean_organisations():
    assert organisations("Глава Министерство иностранных дел Кыргызстана и ЕАЭС.", "ru") == [
        "Министерство иностранных дел Кыргызстана",
        "ЕАЭС",
    ]
    assert organisations("한국국제협력단은 무역협회와 협력한다.", "ko") == [
        "한국국제협력단",
        "무역협회",
    ]


def test_known_names_and_repeats_are_suggested_once():
    passages = [
        Passage(0, 0, "Kabar Agency met the EDCF.", "Kabar"),
        Passage(2, 1, "The EDCF agreed.", "X"),
    ]
    found = suggest_organisations(passages, {"Kabar Agency"}, "en")
    assert [(o["name"], o["description"]) for o in found] == [
        ("EDCF", "Mentioned in the intro; say what it is and why it came up.")
    ]


def test_yaml_is_folded_and_reads_back_the_same():
    data = {
        "slug": "x",
        "published": None,
        "keywords": [],
        "brief": {"key_figures": [{"value": Decimal("63.5"), "approximate": True}]},
        "intro": ["word " * 40 + "end.", "  leading", "yes", "#hash", "a: b", "x\x85y"],
    }
    text = to_yaml(data, ["top"], {"brief": ["about the brief"]})
    assert text.startswith("# top\n")
    assert "\n# about the brief\nbrief:\n" in text
    assert "- >-\n  word word" in text
    loaded = yaml.safe_load(text)
    assert loaded["intro"] == data["intro"]
    assert loaded["brief"]["key_figures"][0] == {"value": 63.5, "approximate": True}


@settings(max_examples=200, deadline=2000, database=None)
@given(st.lists(st.text(max_size=300), max_size=5))
def test_any_text_survives_the_yaml_writer(paragraphs: list[str]):
    printable = [p for p in paragraphs if not any(0xD800 <= ord(c) <= 0xDFFF for c in p)]
    assert yaml.safe_load(to_yaml({"intro": printable}, [], {}))["intro"] == printable
