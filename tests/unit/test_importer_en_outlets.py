"""Outlets behind an office or a verb: the agency after the journalist's office, never the
office; `had an exclusive interview with` names the outlet only when the name reads as one."""

from __future__ import annotations

from pipeline.importer.datelines import find_dateline
from pipeline.importer.standfirst import read_standfirst


def outlet(text: str) -> str | None:
    found = read_standfirst(text, 1)
    return found.outlet if found else None


def test_the_agency_after_the_office_is_the_outlet():
    text = (
        "Minister Bolot Usenov has been interviewed by First Deputy Director General "
        "of the state news agency NORTA Elena Park."
    )
    assert outlet(text) == "NORTA"


def test_an_office_with_no_agency_after_it_is_no_outlet():
    text = "Minister Bolot Usenov was interviewed by the Deputy Director of the Institute."
    assert outlet(text) is None


def test_had_an_interview_with_names_an_outlet_only_when_it_reads_as_one():
    assert outlet("Secretary Holm had an exclusive interview with Steppe.kz, in which") == (
        "Steppe.kz"
    )
    assert outlet("The paper had an interview with Ambassador Erik Holm about trade.") is None


def test_has_been_interviewed_names_the_subject():
    found = read_standfirst(
        "Minister of Energy Bolot Usenov has been interviewed by the agency NORTA.", 1
    )
    assert found is not None and found.name == "Bolot Usenov"


def test_an_outlets_interview_after_a_date_is_the_outlets():
    assert outlet("BAKU, August 28. Trend's interview with Ambassador Erik Holm.") == "Trend"


def test_a_dateline_with_the_country_after_the_city_and_the_reporter_after_the_date():
    found = find_dateline(
        "BAKU, Azerbaijan, Aug. 28. By Anna Lee – Trend: The ambassador spoke.", lambda _: False
    )
    assert found is not None
    assert (found["place"], found["date"], found["byline"], found["agency"]) == (
        "BAKU",
        "Aug. 28",
        "Anna Lee",
        "Trend",
    )
    assert found["rest"] == "The ambassador spoke."


def test_a_sentence_opening_on_a_place_in_mixed_case_is_no_dateline():
    assert find_dateline("Baku, in turn, said nothing.", lambda _: False) is None


def test_the_outlet_after_a_journalists_name_is_the_outlet():
    text = "In an extensive interview with Anna Kim of Voice of America in Osh, Erik Holm spoke."
    assert outlet(text) == "Voice of America"
    assert outlet("In an interview with Kabar Agency of Kyrgyzstan, Erik Holm spoke.") == (
        "Kabar Agency"
    )
