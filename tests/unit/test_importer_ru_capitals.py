"""Surnames in capitals (`Сергей ЛАВРОВ:`) in labels and names; date stamps above a standfirst."""

from __future__ import annotations

import pytest

from pipeline.importer.capsnames import soften_capitals
from pipeline.importer.headerlines import find_date, is_header_line
from pipeline.importer.markers import parse_marker


@pytest.mark.parametrize("label", ["Сергей ЛАВРОВ", "Вячеслав НИКОНОВ", "ТИМУР АБДЫКЕРИМОВ"])
def test_a_surname_ending_in_v_is_no_question_label(label: str) -> None:
    marker = parse_marker(f"{label}: В последнее время всё чаще звучит это слово?")
    assert marker is not None
    assert (marker.kind, marker.label) == ("label", label)


@pytest.mark.parametrize("text", ["Кабар – В: Как идут дела?", "AKIpress= Q. What next?"])
def test_an_agency_before_its_question_label_still_asks(text: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert marker.kind == "question"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Сергей ЛАВРОВ", "Сергей Лавров"),
        ("Замир КАБУЛОВ", "Замир Кабулов"),
        ("Yun-suk LIM", "Yun-suk Lim"),
        ("Jean-Pierre RAFFARIN-DUPONT", "Jean-Pierre Raffarin-Dupont"),
    ],
)
def test_a_surname_in_capitals_beside_a_first_name_is_softened(written: str, said: str) -> None:
    assert soften_capitals(written) == said


@pytest.mark.parametrize("name", ["АКМАТБЕК КАСЫМКУЛОВИЧ", "Ban KI-moon", "С.В.Лавров", ""])
def test_names_without_a_capitals_surname_stay_as_written(name: str) -> None:
    assert soften_capitals(name) == name


def test_a_day_month_year_date_with_hyphens_is_a_date_line() -> None:
    assert is_header_line("17-09-2024, 11:47")
    assert str(find_date("17-09-2024, 11:47")) == "2024-09-17"
