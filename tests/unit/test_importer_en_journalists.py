"""Press rounds published by presidents' and ministers' offices: each journalist's first label
names their newsroom (`Name, Azerbaijan Television:`, `Name from REAL TV:`), and the journalist
is on the asking side though their turns often carry no question mark."""

from __future__ import annotations

from pipeline.importer.core import import_text
from pipeline.importer.markers import looks_like_name, parse_marker
from pipeline.importer.mediadesk import described_speaker
from pipeline.importer.standfirst import read_standfirst


def test_a_label_naming_a_newsroom_gives_the_journalist_and_what_they_said():
    for text in (
        "Asel Nurova, Capital Television: Thank you for your time.",
        "Asel Nurova from Capital TV: Thank you for your time.",
        "Asel Nurova (Morning Post): Thank you for your time.",
    ):
        assert described_speaker(text, looks_like_name) == (
            "Asel Nurova",
            "Thank you for your time.",
            True,
        ), text


def test_an_office_or_a_description_without_a_newsroom_is_no_journalist():
    assert described_speaker("Minister, Press Service: We agree.", looks_like_name) is None
    assert described_speaker("Omar Said, Trade Office: We agree.", looks_like_name) is None
    marker = parse_marker("Omar Said, Trade Office: We agree.")
    assert marker is not None and not marker.asker


def test_an_excerpt_with_one_label_each_and_no_question_mark_is_one_exchange():
    raw = (
        b"Regional channels interviewed the governor.\n\n"
        b"Asel Nurova, Capital Television: Governor, the year was hard for farmers. "
        b"We would like to hear your view of the harvest.\n\n"
        b"Governor Bolot Usenov: The harvest was smaller, but prices held."
    )
    result = import_text(raw, name="press-round.txt")
    turns = result.data["turns"]
    assert [turn["question"] for turn in turns] == [
        "Governor, the year was hard for farmers. We would like to hear your view of the harvest."
    ]
    assert turns[0]["answer"] == ["The harvest was smaller, but prices held."]
    assert result.data["interviewer"] == "Asel Nurova"


def test_a_dash_after_a_label_is_the_labels():
    marker = parse_marker("Sh.N.: - Thank you for your time.")
    assert marker is not None and marker.rest == "Thank you for your time."
    assert marker.written == "Sh.N.: -"


def test_a_guests_label_with_their_office_is_their_name():
    marker = parse_marker("Tim Holm, UK Ambassador to Norland: Good morning.")
    assert marker is not None and (marker.label, marker.asker) == ("Tim Holm", False)


def test_initials_of_two_letters_stand_for_the_name_used_before():
    raw = (
        b"Shirin Nazarova, reporter: Good afternoon, Minister. When will the bridge open?\n\n"
        b"Omar Said, Minister of Transport: In spring.\n\n"
        b"Sh.N.: And the airport?\n\n"
        b"O.S.: Next year."
    )
    result = import_text(raw, name="initials.txt")
    assert [turn["question"] for turn in result.data["turns"]][-1] == "And the airport?"
    assert result.data["interviewer"] == "Shirin Nazarova"


def test_an_outlet_that_held_the_interview_is_the_outlet():

    found = read_standfirst("STEPPE.KZ organized a special interview with Omar Said.", 1)
    assert found is not None and found.outlet == "STEPPE.KZ"


def test_a_label_opening_on_a_countrys_initials_gives_the_office_and_the_name():
    raw = (
        b"Anna Kim, Valley Radio: What does the agreement change?\n\n"
        b"U.S. Ambassador Erik Holm: A great deal.\n\n"
        b"Anna Kim: And trade?\n\n"
        b"U.S. Ambassador Erik Holm: It grew."
    )
    interviewee = import_text(raw, name="office.txt").data["interviewee"]
    assert (interviewee["name"], interviewee["role"]) == ("Erik Holm", "U.S. Ambassador")


def test_a_greeting_that_goes_on_to_a_real_question_is_the_first_question():
    raw = (
        b"Anna Kim, Valley Radio: Ambassador, thank you for coming in. What does it change?\n\n"
        b"Erik Holm: A great deal.\n\n"
        b"Anna Kim: And trade?\n\n"
        b"Erik Holm: It grew."
    )
    turns = import_text(raw, name="greeting.txt").data["turns"]
    assert turns[0]["question"] == "Ambassador, thank you for coming in. What does it change?"


def test_a_question_whose_last_paragraph_ends_no_sentence_is_unsure():
    raw = (
        b"Anna Kim, Valley Radio: What does the agreement change?\n\n"
        b"Erik Holm: A great deal.\n\n"
        b"Anna Kim: And trade?\n\n"
        b"Watch also Amb Holm: water, trade, roads\n\n"
        b"Erik Holm: It grew."
    )
    turns = import_text(raw, name="link.txt").data["turns"]
    assert [turn.get("status") for turn in turns] == [None, "unsure"]
