"""A page's layout known by its form: a menu of many short lines above the article, the
short lines over a breadcrumb trail, a pull quote with a name under it; short lines inside the
interview stay."""

from __future__ import annotations

from pipeline.importer.chrome import drop_chrome
from pipeline.importer.core import import_text
from pipeline.importer.menus import drop_menus
from pipeline.importer.report import Report

PROSE = (
    "The minister spoke to us on Monday about the harvest, the new canals and what the "
    "farmers of the valley expect from the coming season."
)
# The ministry's own words: no chrome pattern knows them.
MENU = "\n".join(["Ministry", "Structure", "Regional Offices", "Tenders", "Water Council", "Staff"])


def kept_lines(text: str) -> list[str]:
    report = Report()
    return [line for _, line in drop_menus(text, drop_chrome(text, report), report).lines if line]


def test_six_short_lines_in_a_row_above_the_article_are_a_menu():
    assert kept_lines(f"{MENU}\n\nHarvest talks\n\n{PROSE}") == ["Harvest talks", PROSE]


def test_five_short_lines_or_a_line_that_ends_a_sentence_are_no_menu():
    five = "\n".join(MENU.split("\n")[:5])
    assert kept_lines(f"{five}\n\n{PROSE}")[:5] == five.split("\n")
    with_sentence = MENU + "\nWe answer within a day."
    assert "Tenders" in kept_lines(f"{with_sentence}\n\n{PROSE}")


def test_a_list_of_short_items_inside_the_interview_stays():
    items = "\n".join(["Wheat", "Barley", "Cotton", "Sugar beet", "Potatoes", "Apples"])
    text = f"{PROSE}\n\nWhat do the farms grow?\n\n{items}\n\n{PROSE}"
    assert kept_lines(text).count("Barley") == 1


def test_the_lines_over_a_breadcrumb_trail_go_and_the_headline_under_it_stays():
    text = f"@WaterMinistry\nMinistry of Water\nHome > Press > Interviews\nNew canals for the valley\n\n{PROSE}"
    assert kept_lines(text) == ["New canals for the valley", PROSE]


def test_a_headline_above_a_trail_with_prose_under_it_stays():
    text = f"New canals for the valley\nHome > Press > Interviews\n\n{PROSE}"
    assert kept_lines(text) == ["New canals for the valley", PROSE]


def test_the_menu_is_listed_as_dropped_and_never_becomes_the_headline():
    raw = f"{MENU}\n\nNew canals for the valley\n\n{PROSE}\n\nWhen will they open?\n\n– In May.".encode()
    result = import_text(raw, name="menu.txt")
    assert result.data["title"] == "New canals for the valley"
    assert any("a menu of short items" in note.message for note in result.report.dropped)


def test_a_pull_quote_with_the_name_under_it_leaves_the_answer():
    raw = (
        "– Will the road open in May?\n"
        "– Yes, if the spring is dry.\n"
        "\u201cA road takes a generation.\u201d\n"
        "Aigerim Sadykova\n"
        "The bridges are ready."
    ).encode()
    answer = import_text(raw, name="pull.txt").data["turns"][0]["answer"]
    assert answer == ["Yes, if the spring is dry.", "The bridges are ready."]


def test_a_quoted_answer_without_a_name_under_it_stays():
    raw = "– Will the road open in May?\n– \u201cYes, if the spring is dry.\u201d\nThe bridges are ready.".encode()
    answer = import_text(raw, name="quoted.txt").data["turns"][0]["answer"]
    assert answer == ["\u201cYes, if the spring is dry.\u201d", "The bridges are ready."]
