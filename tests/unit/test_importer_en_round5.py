"""English pages, round 5: the rhythm of a text without markers, a first line that asks, labels
repeated alone on their lines."""

from __future__ import annotations

from pathlib import Path

from pipeline.importer import import_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


def _read(text: str) -> dict:
    return import_text(text.encode()).data


def _questions(data: dict) -> list[str]:
    return [turn["question"] for turn in data["turns"]]


def test_a_question_without_its_mark_is_read_from_the_rhythm_and_written_unsure():
    text = (
        "Title\n\nWhy now?\n\nBecause the season starts in a month and we are ready for it.\n\n"
        "You said the opposite.\n\nI said we might be late; we are not, as it turns out now.\n\n"
        "Who pays?\n\nThe city pays for the roads and the farmers pay for their own fences.\n\n"
        "And the schools?\n\nThey open in September, as every year, with two new buildings."
    )
    data = _read(text)
    assert _questions(data) == [
        "Why now?",
        "You said the opposite.",
        "Who pays?",
        "And the schools?",
    ]
    assert [turn.get("status") for turn in data["turns"]] == [None, "unsure", None, None]


def test_answers_of_two_paragraphs_break_the_rhythm_and_nothing_is_taken_from_it():
    text = (
        "Title\n\nWhy now?\n\nBecause the season starts.\n\nWe are ready for it.\n\n"
        "Who pays?\n\nThe city.\n\nAnd the farmers pay for their own fences.\n\n"
        "And the schools?\n\nThey open in September.\n\nAs every year."
    )
    assert _questions(_read(text)) == ["Why now?", "Who pays?", "And the schools?"]


def test_a_short_headline_that_asks_stays_the_headline():
    text = (
        "What next for the harbour?\n\nThe port director spoke to us on Monday about the "
        "new quay and the ferry timetable for the coming summer season.\n\n"
        "When does the quay open?\n\nIn May.\n\nAnd the ferries?\n\nThey run from June."
    )
    data = _read(text)
    assert data["title"] == "What next for the harbour?"
    assert _questions(data) == ["When does the quay open?", "And the ferries?"]


def test_a_long_first_line_that_asks_above_its_answer_is_the_first_question():
    text = (
        "Your ministry promised the bridges two years ago and the valleys still wait. What went "
        "wrong?\n\nNothing went wrong, but the floods moved the work by a year; the first two "
        "bridges open in June, the others in the autumn after them.\n\n"
        "Who pays for the delay?\n\nThe contractor pays a fine for each week."
    )
    data = _read(text)
    assert data["title"] == "Interview (headline to confirm)"
    assert _questions(data)[0].startswith("Your ministry promised")


def test_a_label_line_seen_once_with_quotes_is_not_taken_for_a_label():
    text = (
        "Title\n\nQ: Is it done?\n\nA: Nearly. As the mayor put it:\n\n"
        'Completed by the "spring" deadline:\n\nQ: And next?\n\nA: The bridge.'
    )
    data = _read(text)
    assert 'Completed by the "spring" deadline:' in data["turns"][0]["answer"]


def test_the_hosts_thanks_for_the_time_stay_with_the_question_they_open():
    text = (
        "Title\n\nThe ambassador spoke to us.\n\n— Madam Ambassador, thank you for finding the "
        "time.\n\n— How are relations?\n\n— Good.\n\n— And trade?\n\n— Growing."
    )
    data = _read(text)
    assert data["turns"][0]["question"].startswith("Madam Ambassador, thank you")
    assert "Thank you" not in " ".join(data["intro"])


def test_a_headline_atop_a_list_of_links_is_doubted():
    raw = (FIXTURES / "en-link-list-headline" / "raw.txt").read_bytes()
    result = import_text(raw)
    assert any("a list of links" in doubt for doubt in result.doubts)


def test_a_headline_over_a_section_word_and_a_byline_is_not_doubted():
    text = (
        "Harbour master: the new quay opens in May\n\nSociety\n\nBy Anna Reed\n\n"
        "Q: When?\n\nA: In May.\n\nQ: And the ferries?\n\nA: In June."
    )
    assert not any("a list of links" in doubt for doubt in import_text(text.encode()).doubts)


def test_a_short_answer_paragraph_between_two_long_ones_is_not_read_as_a_question():
    text = (
        "Title\n\nWhy now?\n\nBecause the season starts in a month and we are ready.\n\n"
        "Who pays?\n\nThe city pays for the roads and for the new bridge in the north.\n\n"
        "Small stone.\n\nThe farmers pay for their own fences, as they always have done.\n\n"
        "And the schools?\n\nThey open in September.\n\nAnd the roads?\n\nThey are ready."
    )
    assert _questions(_read(text)) == [
        "Why now?",
        "Who pays?",
        "And the schools?",
        "And the roads?",
    ]
