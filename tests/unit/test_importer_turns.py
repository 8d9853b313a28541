"""Edge cases of turn finding, and the shapes that still fail (strict xfail: fixing one shows)."""

from __future__ import annotations

import pytest

from pipeline.importer import RawTextError, format_report, import_text


def turns(text: str) -> list[tuple[str, list[str]]]:
    result = import_text(text.encode())
    return [(turn["question"], turn["answer"]) for turn in result.data["turns"]]


def test_an_answer_ending_in_a_question_mark_answers_the_question_before_it():
    text = "Title\n\nWhy now?\n\nBecause it is time. Why wait?\n\nIs it costly?\n\nNot at all."
    assert turns(text) == [
        ("Why now?", ["Because it is time. Why wait?"]),
        ("Is it costly?", ["Not at all."]),
    ]


def test_korean_triangles_mark_turns_like_dashes():
    text = "제목\n\n▲ 요즘 어떻습니까?\n\n▲ 좋습니다.\n\n바쁩니다.\n\n▲ 왜요?\n\n▲ 그냥요."
    assert turns(text) == [("요즘 어떻습니까?", ["좋습니다.", "바쁩니다."]), ("왜요?", ["그냥요."])]


def test_a_third_speaker_keeps_the_label_so_the_reader_knows_who_spoke():
    text = (
        "Title\n\nAnna Berg: How is the bridge?\n\nOmar Haddad: Nearly done.\n\n"
        "Lina Ek: I can add that tests start in May.\n\nAnna Berg: And the cost?\n\n"
        "Omar Haddad: On budget.\n\nLina Ek: Slightly under, in fact."
    )
    result = import_text(text.encode())
    assert result.data["interviewee"]["name"] == "Omar Haddad"
    assert result.data["turns"][0]["answer"] == [
        "Nearly done.",
        "Lina Ek: I can add that tests start in May.",
    ]
    assert any("third speaker, 'Lina Ek'" in note.message for note in result.report.warnings)


def test_a_one_off_colon_or_initial_is_not_a_marker():
    text = (
        "Title\n\nQ: Who runs the port?\n\nA: A. Smith does.\n\nNote: she started in May.\n\n"
        "Q: Since when?\n\nA: Since 2020."
    )
    assert turns(text) == [
        ("Who runs the port?", ["A. Smith does.", "Note: she started in May."]),
        ("Since when?", ["Since 2020."]),
    ]


def test_short_labels_need_a_second_one():
    assert turns("Title\n\nA. Smith runs it, they say.\n\nWhy?\n\nNobody else would.") == [
        ("Why?", ["Nobody else would."])
    ]


def test_a_question_over_two_paragraphs_is_joined_and_reported():
    text = "Title\n\nQ: Prices rose.\n\nWhy did they rise?\n\nA: Fuel."
    result = import_text(text.encode())
    assert result.data["turns"][0]["question"] == "Prices rose. Why did they rise?"
    assert any("2 paragraphs joined" in note.message for note in result.report.guesses)


def test_an_unanswered_last_question_is_dropped_and_listed():
    result = import_text(b"Title\n\nQ: First?\n\nA: Yes.\n\nQ: Thank you?")
    assert len(result.data["turns"]) == 1
    assert [note.message for note in result.report.dropped] == [
        "'Thank you?' (a question with no answer after it)"
    ]


def test_an_answer_before_any_question_is_kept_as_intro():
    result = import_text(b"Title\n\nA: Hello all.\n\nQ: First?\n\nA: Yes.")
    assert result.data["intro"] == ["Hello all."]
    assert any("before the first question" in note.message for note in result.report.guesses)


# Shapes that still fail ----------------------------------------------------------------


def test_a_short_statement_kept_in_the_answer_before_a_short_question_makes_it_unsure():
    text = "Title\n\nWhy?\n\n– Because.\n\nPrices rose.\n\nWill they fall?\n\n– No."
    turn = import_text(text.encode()).data["turns"][1]
    assert (turn["question"], turn.get("status")) == ("Will they fall?", "unsure")


def test_every_unsure_turn_is_listed_with_its_line_and_reason():
    text = "Title\n\nQ: First?\n\nA: Yes.\n\nSecond question?\n\nSecond answer."
    result = import_text(text.encode())
    assert [(turn.question.line, turn.unsure) for turn in result.turns] == [(3, False), (7, True)]
    report = "\n".join(format_report(result))
    assert (
        "Unsure turns (1)" in report and "line 7: turn 2: a plain paragraph ending in '?'" in report
    )


def test_each_turn_says_which_marker_or_rule_made_it():
    text = "Title\n\nQ: First?\n\nA: Yes.\n\n– Second?\n\n– No."
    reasons = [turn.reason for turn in import_text(text.encode()).turns]
    assert reasons[0] == "label 'Q:'" and reasons[1].startswith("dash")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Title\n\nHe said so. How do you see it? It is strong.",
            "1 paragraph(s) have a question mark",
        ),
        ("Title\n\nJust a statement.\n\nAnother one.", "no question found"),
    ],
)
def test_a_refusal_says_what_was_found_and_what_to_do(text: str, found: str):
    with pytest.raises(RawTextError) as caught:
        import_text(text.encode())
    assert found in str(caught.value) and "Q:" in str(caught.value)
    assert caught.value.exit_code == 2


def test_an_unmarked_question_that_addresses_the_interviewee_inside_an_answer_is_unsure():
    text = "Title\n\nWhy now?\n\nBecause.\n\nMr. Ambassador, your plans.\n\nMore of the same."
    assert import_text(text.encode()).data["turns"][0].get("status") == "unsure"


def test_a_line_broken_off_an_answer_is_no_question_even_when_it_ends_in_a_question_mark():
    text = (
        "Title\n\nWhy not stop?\n\nSome ask us\n\nnot to work with them. How can we not?"
        "\n\nWe will go on.\n\nAnd next year?\n\nMore of the same."
    )
    assert [t[0] for t in turns(text)] == ["Why not stop?", "And next year?"]


def test_a_label_with_the_speakers_outlet_and_one_with_an_offices_initials():
    text = (
        "Title\n\nNavbahor Imamova, VOA Uzbek: What do you know?\n\n"
        "DAS Daniel Rosenblum: Only the reports.\n\nNavbahor Imamova, VOA Uzbek: And next?\n\n"
        "DAS Daniel Rosenblum: We wait."
    )
    data = import_text(text.encode()).data
    assert [t["question"] for t in data["turns"]] == ["What do you know?", "And next?"]
    assert data["interviewee"] == {"name": "Daniel Rosenblum", "role": "DAS"}


@pytest.mark.xfail(strict=True, reason="a statement paragraph before its question joins the answer")
def test_known_failure_statement_paragraph_before_the_question():
    text = "Title\n\nWhy?\n\n– Because.\n\nPrices rose.\n\nWill they fall?\n\n– No."
    assert turns(text)[1] == ("Prices rose. Will they fall?", ["No."])


def test_markers_that_stop_midway_still_start_turns_and_the_new_one_is_unsure():
    text = "Title\n\nQ: First?\n\nA: Yes.\n\nSecond question?\n\nSecond answer."
    assert turns(text) == [("First?", ["Yes."]), ("Second question?", ["Second answer."])]
    statuses = [t.get("status") for t in import_text(text.encode()).data["turns"]]
    assert statuses == [None, "unsure"]


def test_question_and_answer_on_one_line_are_split():
    assert turns("Title\n\nQ: How? A: Like this.\n\nQ: Why? A: Because.") == [
        ("How?", ["Like this."]),
        ("Why?", ["Because."]),
    ]


def test_a_name_after_a_dash_is_a_speaker_label():
    text = "Title\n\n— Anna: How are you?\n\n— Omar: Fine.\n\n— Anna: Really?\n\n— Omar: Yes."
    assert turns(text) == [("How are you?", ["Fine."]), ("Really?", ["Yes."])]


@pytest.mark.xfail(strict=True, reason="no marker, no '?', no request word: reads as an answer")
def test_known_failure_plain_statement_question_without_markers():
    text = "Title\n\nWhy?\n\nBecause.\n\nYour plans for next year.\n\nMore of the same."
    assert turns(text)[1] == ("Your plans for next year.", ["More of the same."])


def test_a_label_seen_once_is_believed_where_it_answers_the_question_just_asked():
    text = "Title\n\nOn Monday the minister spoke to us.\n\nCourier desk: Is it done?\n\nAida Bekova: Nearly."
    result = import_text(text.encode())
    assert turns(text) == [("Is it done?", ["Nearly."])]
    assert result.data["interviewee"]["name"] == "Aida Bekova"


def test_a_stray_label_after_an_answer_stays_in_the_text():
    text = "Title\n\nWhy now?\n\nBecause it is time.\n\nNote: figures are from May.\n\nIs it costly?\n\nNo."
    assert turns(text) == [
        ("Why now?", ["Because it is time.", "Note: figures are from May."]),
        ("Is it costly?", ["No."]),
    ]


def test_initials_stand_for_the_names_used_before_them():
    text = (
        "NorthStar: Why the north?\n\nAnna Berg-Lind: The light.\n\n"
        "NS: And the cold?\n\nABL: One gets used to it.\n\nNS: Next year?\n\nABL: A new station."
    )
    result = import_text(text.encode())
    assert [turn["answer"] for turn in result.data["turns"]] == [
        ["The light."],
        ["One gets used to it."],
        ["A new station."],
    ]
    assert result.data["interviewee"]["name"] == "Anna Berg-Lind"


def test_dashed_bullets_after_an_unlabelled_answer_to_a_q_label_keep_their_dash():
    text = "Title\n\nQ: What is planned?\n\no Two fairs.\n\n- One in May.\n\nQ: And after?\n\no A festival.\n\n- In October."
    assert turns(text) == [
        ("What is planned?", ["o Two fairs.", "- One in May."]),
        ("And after?", ["o A festival.", "- In October."]),
    ]


def test_a_headline_of_two_sentences_is_flagged_as_a_possible_slogan():
    text = "Steppe Voices - The plains are talking. Are you listening?\n\nQ: Why?\n\nA: Because."
    result = import_text(text.encode())
    assert any("two sentences" in doubt for doubt in result.doubts)


def test_the_role_stops_where_the_interviewees_name_starts():
    text = (
        "Interview with the Minister\n\nOn Monday, Deputy Minister Anna Berg had an exclusive "
        "interview with the Daily Courier.\n\nCourier: Is the bridge done?\n\nAnna Berg: Nearly."
    )
    people = import_text(text.encode()).data["interviewee"]
    assert people == {"name": "Anna Berg", "role": "Deputy Minister"}


def test_a_label_line_at_the_top_is_no_headline():
    text = "[Reporter]\nQ1. How was the first month?\n[Answer]\nBusy, but good."
    result = import_text(text.encode())
    assert result.data["title"] == "Interview (headline to confirm)"
    assert turns(text) == [("How was the first month?", ["Busy, but good."])]


def test_a_photo_caption_with_its_credit_is_no_headline():
    caption = (
        "Governor Anna Berg, right, shakes hands with the mayor of Naryn at the new bridge on "
        "Monday, after the opening ceremony. Photo courtesy of the Governor's Office"
    )
    text = f"{caption}\n\nNaryn gets its bridge at last\n\nQ: When did work start?\n\nA: In 2021."
    assert import_text(text.encode()).data["title"] == "Naryn gets its bridge at last"


def test_the_guest_named_after_interview_with_and_then_the_office():
    text = (
        "Ferries for the lake\n\nNaryn: Interview with Aida Bekova, Director of the Issyk-Kul "
        "Ferry Company\n\n– When do the ferries start?\n\n– In May, once the ice has gone."
    )
    people = import_text(text.encode()).data["interviewee"]
    assert people == {"name": "Aida Bekova", "role": "Director of the Issyk-Kul Ferry Company"}
