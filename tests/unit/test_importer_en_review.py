"""Defects a reviewer found in round 5's English importer rules: a writer's repeated line taken for
a label, sentences above a date dropped as page fields, a host's greeting moved to the intro, an
apostrophe read as a closing quotation mark; and one rule for where the page's top ends."""

from __future__ import annotations

from pipeline.importer import import_text
from pipeline.importer.items import without_apostrophes
from pipeline.importer.lines import is_prose


def _read(text: str):
    return import_text(text.encode())


def _answers(data: dict) -> list[list[str]]:
    return [turn["answer"] for turn in data["turns"]]


def test_a_line_repeated_in_two_answers_is_no_label_unless_it_names_someone_or_asks():
    text = (
        "Water and roads: an interview\n\nQ: What are your plans for the roads?\n\n"
        "A: We will build three new roads this year.\n\nFor example:\n\n"
        "The road to the airport opens in May.\n\nQ: And the water?\n\n"
        "A: We have many projects on water.\n\nFor example:\n\n"
        "The canal in the north is nearly done.\n\nQ: Who pays?\n\nA: The state pays."
    )
    data = _read(text).data
    assert _answers(data)[:2] == [
        [
            "We will build three new roads this year.",
            "For example:",
            "The road to the airport opens in May.",
        ],
        [
            "We have many projects on water.",
            "For example:",
            "The canal in the north is nearly done.",
        ],
    ]
    assert data["interviewee"]["name"] != "For example"


def test_a_repeated_line_above_each_question_stays_a_label():
    text = (
        "Title\n\nOur reporter:\n\nWhy now?\n\nThe guest:\n\nBecause the season starts.\n\n"
        "Our reporter:\n\nWho pays?\n\nThe guest:\n\nThe city pays for the roads."
    )
    data = _read(text).data
    assert [turn["question"] for turn in data["turns"]] == ["Why now?", "Who pays?"]
    assert _answers(data) == [["Because the season starts."], ["The city pays for the roads."]]


def test_a_sentence_above_an_unlabelled_date_is_kept_and_the_headline_stays():
    text = (
        "Water talks\n\nAida Bekova spoke to Kabar about the new canal.\n\n18.06.2024\n\n"
        "The canal\n\nThe minister of water resources explained why the canal in the south of "
        "the country was delayed for two years and what the farmers along it can expect.\n\n"
        "Q: When will the canal open?\n\nA: In August, if the pumps arrive on time.\n\n"
        "Q: Who pays for the pumps?\n\nA: The state budget pays for all of them."
    )
    data = _read(text).data
    assert data["title"] == "Water talks"
    assert data["outlet"] == "Kabar"
    assert "Aida Bekova spoke to Kabar about the new canal." in data["intro"]


def test_a_sentence_among_a_ministry_pages_fields_is_kept_in_the_intro():
    text = (
        "Countries Information\n\n  1. HOME\n  2. Press\n  3. Ministry News\nMinistry News\n\n"
        "  • Date : 2025-03-14 10:12:40\n  • Hit : 311\n\n"
        "The minister spoke to Harbour Radio on Friday about the talks.\n\n"
        "Click the photo to see the interview\n\n"
        "Foreign Minister's interview with Harbour Radio\n\n"
        "[ANNA REED] Minister, the harbour talks ended last night. What did your side get?\n\n"
        "[Foreign Minister Vale] A customs deal that starts in October.\n\n"
        "[ANNA REED] Will the fishermen lose their summer season?\n\n"
        "[Foreign Minister Vale] No. The new rules start after the season."
    )
    imported = _read(text)
    data = imported.data
    assert data["title"] == "Foreign Minister's interview with Harbour Radio"
    assert str(data["published"]) == "2025-03-14"
    assert data["intro"] == ["The minister spoke to Harbour Radio on Friday about the talks."]
    dropped = " ".join(note.message for note in imported.report.dropped)
    assert "Click the photo" in dropped and "spoke to Harbour Radio" not in dropped


def test_a_host_greeting_the_guest_before_the_first_question_stays_with_the_host():
    text = (
        "Relations at a turning point\n\n"
        "— Madam Ambassador, it is a pleasure to speak with you again.\n\n"
        "— How are relations?\n\n"
        "— They are good. We signed three agreements this spring and more will follow.\n\n"
        "— And trade?\n\n— Trade grew by a fifth last year."
    )
    data = _read(text).data
    assert data["intro"] == []
    assert data["turns"][0]["question"].startswith("Madam Ambassador, it is a pleasure")


def test_a_pleasure_to_speak_is_no_guests_thanks_but_thanks_for_the_invitation_is():
    turns = (
        "— How are relations?\n\n— They are good. We signed three agreements this spring.\n\n"
        "— And trade?\n\n— Trade grew by a fifth last year."
    )
    pleasure = _read(f"Title\n\n— It is a pleasure to speak with you again.\n\n{turns}").data
    assert pleasure["intro"] == []
    invited = _read(f"Title\n\n— Thank you for the invitation.\n\n{turns}").data
    assert invited["intro"] == ["Thank you for the invitation."]
    assert invited["turns"][0].get("status") == "unsure"


def test_an_apostrophe_in_a_quotations_first_line_does_not_close_it():
    text = (
        "Talks on the river\n\nQ: Will the dam be built?\n\n"
        'A: "Not this year. The studies are not finished and the neighbours want them."\n\n'
        "Q: When will the studies end?\n\n"
        "A: \"We don't know yet, the engineers need another season on the river.\n\n"
        'We will publish them when they are done."\n\nQ: And the farmers?\n\n'
        'A: "They keep their water. Nothing changes for them this summer."'
    )
    data = _read(text).data
    assert [turn.get("status") for turn in data["turns"]] == [None, None, None]


def test_a_paragraph_outside_the_quotations_is_still_doubted():
    text = (
        'Talks on the river\n\nQ: Will the dam be built?\n\nA: "Not this year."\n\n'
        "This minister has said so for ten years now, and nobody believes him any more.\n\n"
        'Q: When will the studies end?\n\nA: "We do not know yet."\n\n'
        'Q: And the farmers?\n\nA: "They keep their water."'
    )
    data = _read(text).data
    assert data["turns"][0].get("status") == "unsure"


def test_apostrophes_inside_words_are_no_quotation_marks():
    assert without_apostrophes("\"We don't know, Xi'an's ’dam’") == '"We dont know, Xians ’dam’'


def test_one_rule_says_where_the_page_top_ends_for_every_chrome_reader():
    long = "The minister of transport explained on Monday why the new ferry line to the islands "
    assert is_prose(long + "opens a month later than it was promised.")
    assert is_prose("«" + long + "opens a month later than it was promised»")
    assert not is_prose(
        long + "opens a month later than it was promised and what it costs the towns"
    )
    assert not is_prose("The minister spoke on Monday.")


def test_a_skip_link_under_a_long_line_that_ends_no_sentence_is_still_dropped():
    text = (
        "Новости Кыргызстана и Центральной Азии: политика, экономика, общество, культура, спорт "
        "и погода каждый день\n\nСсылки для упрощенного доступа\n\nПосол о торговле\n\n"
        "Посол Кыргызстана в Казахстане рассказал нашему агентству о торговле между двумя "
        "странами и о новых пунктах пропуска.\n\n— Как растет торговля?\n\n"
        "— Она выросла на пятую часть за прошлый год.\n\n— А пункты пропуска?\n\n"
        "— Два новых откроются летом."
    )
    imported = _read(text)
    assert "Ссылки для упрощенного доступа" not in imported.data["intro"]
    assert any("Ссылки для" in note.message for note in imported.report.dropped)


def test_a_line_under_the_fields_that_is_no_tool_stays():
    text = (
        "Countries Information\n\n  1. HOME\n  2. Press\n  3. Ministry News\nMinistry News\n\n"
        "  • Date : 2025-03-14 10:12:40\n  • Hit : 311\n\nHarbour talks, the third round\n\n"
        "Click the photo to see the interview\n\n"
        "Foreign Minister's interview with Harbour Radio\n\n"
        "[ANNA REED] Minister, the harbour talks ended last night. What did your side get?\n\n"
        "[Foreign Minister Vale] A customs deal that starts in October.\n\n"
        "[ANNA REED] Will the fishermen lose their summer season?\n\n"
        "[Foreign Minister Vale] No. The new rules start after the season."
    )
    imported = _read(text)
    assert imported.data["title"] == "Foreign Minister's interview with Harbour Radio"
    assert imported.data["intro"] == ["Harbour talks, the third round"]
    dropped = " ".join(note.message for note in imported.report.dropped)
    assert "Click the photo" in dropped and "'3. Ministry News'" in dropped
