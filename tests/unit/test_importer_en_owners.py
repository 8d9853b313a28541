"""English pages (round 4, second engineer): an outlet written as a journalist's owner or as
the kind of outlet an interview went to, and an office's initials that name nobody."""

from __future__ import annotations

from pipeline.importer.headerlines import place_date
from pipeline.importer.headlinename import role_before
from pipeline.importer.items import Item
from pipeline.importer.leadin import narrated
from pipeline.importer.lines import Paragraph
from pipeline.importer.officeline import office_label
from pipeline.importer.outletpossessive import outlet_owning_journalist
from pipeline.importer.people import _split_label
from pipeline.importer.standfirst import is_role, read_standfirst
from pipeline.importer.surname import whole_name
from pipeline.importer.unreadlabel import unread_label


def test_the_owner_of_the_journalist_is_the_outlet_of_and_all() -> None:
    text = "Envoy Petra Lindqvist in an interview with Voice of Valdoria's Mara Ostin, Port Elm"
    assert outlet_owning_journalist(text) == "Voice of Valdoria"


def test_the_name_before_news_agency_after_an_interview() -> None:
    text = "Petra Lindqvist gave her first interview as an envoy to Harbour.vl news agency."
    assert outlet_owning_journalist(text) == "Harbour.vl"


def test_no_interview_no_outlet() -> None:
    assert outlet_owning_journalist("She wrote to Harbour.vl news agency last year.") is None


def test_an_office_as_owner_is_not_the_outlet() -> None:
    found = read_standfirst("In an interview with the Minister's adviser Jon Hale, we asked.", 1)
    assert found is None or found.outlet != "Minister"


def test_an_office_alone_is_a_speakers_label() -> None:
    assert office_label("Minister of Foreign Affairs")
    assert office_label("Deputy Minister")


def test_words_that_are_not_an_office_are_no_label() -> None:
    assert not office_label("Our Goals for the Year")
    assert not office_label("See also")


def test_an_office_label_names_nobody() -> None:
    assert _split_label("Minister of Trade") == (None, "Minister of Trade")
    assert _split_label("Ambassador Lee") == ("Lee", "Ambassador")


def test_a_bracketed_aside_still_holding_its_label_is_doubted() -> None:
    aside = Paragraph("([Jon Hale] And the ferry fares?)", 9)
    assert "Jon Hale" in (unread_label([aside]) or "")
    assert unread_label([Paragraph("(The fares stay as they are.)", 9)]) is None


def test_sat_down_with_the_paper() -> None:
    assert (
        outlet_owning_journalist("Yun sat down with the Harbour Ilbo on Friday.") == "Harbour Ilbo"
    )
    assert outlet_owning_journalist("Yun sat down with Mira Olsen on Friday.") is None


def test_office_words_before_the_role_belong_to_the_office() -> None:
    assert _split_label("Foreign Minister Kang") == ("Kang", "Foreign Minister")
    assert _split_label("Deputy Foreign Minister Lee") == ("Lee", "Deputy Foreign Minister")
    assert _split_label("President Ilham Aliyev") == ("Ilham Aliyev", "President")


def test_a_surname_is_completed_from_the_intro() -> None:
    text = "Foreign Minister Mara Ostin-vale talked about the treaty with Harbour Radio."
    assert whole_name("Mara", [text], is_role) == "Mara Ostin-vale"
    assert whole_name("Ostin", ["Minister Ostin and I spoke."], is_role) is None


def test_a_journalist_after_spoke_to_is_no_outlet() -> None:
    found = read_standfirst("Petra Lindqvist spoke to Jon Hale, the paper's correspondent.", 1)
    assert found is None or found.outlet != "Jon Hale"


def test_a_weekday_before_the_date_is_no_place() -> None:
    assert place_date("Monday, March 13, 2017") is None
    assert place_date("Bishkek, 3 April 2025") == "Bishkek"


def test_the_initial_before_a_surname_is_no_part_of_the_office() -> None:
    intro = [Paragraph("Trade Minister P. Lindqvist's statements after the talks", 3)]
    assert role_before("P. Lindqvist", intro) == ("Trade Minister", 3)


def test_a_hosts_lead_in_as_the_question_is_doubted() -> None:
    told = "The minister and I spoke today, and I began by asking her about fares."
    assert narrated([Item(Paragraph(told, 4), None, told)])
    asked = "I asked him twice: will the fares go up?"
    assert narrated([Item(Paragraph(asked, 4), None, asked)]) == []
