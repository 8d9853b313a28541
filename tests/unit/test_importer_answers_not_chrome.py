"""Answers that read like a site's chrome stay answers: the chrome rules match what a site
says to its readers, not what an official may say (found in review of round 4's rules)."""

from __future__ import annotations

from pipeline.importer.core import import_text


def turns(text: str) -> list[tuple[str, list[str]]]:
    data = import_text(text.encode("utf-8"), name="answers.txt").data
    return [(turn["question"], turn["answer"]) for turn in data["turns"]]


def test_a_bare_no_comment_is_an_answer():
    text = (
        "Harbour talks\n\nQuestion: Is it true you spoke to the president about the fares?"
        "\n\nNo comment\n\nQuestion: Will the fares go up?\n\nAnswer: Not this year, we have"
        " agreed a freeze with the operators.\n"
    )
    assert turns(text)[0][1] == ["No comment"]


def test_an_answer_that_begins_like_a_notice_to_readers_is_an_answer():
    text = (
        "Интервью министра\n\nВопрос: Что с прошлогодним отчётом?\n\nНашли ошибку в расчётах"
        " и исправили её, отчёт уже опубликован.\n\nВопрос: Когда следующий?\n\nСледите за"
        " новостями, мы объявим дату в марте.\n"
    )
    answers = [answer for _, answer in turns(text)]
    assert answers[0][0].startswith("Нашли ошибку в расчётах")
    assert answers[1][0].startswith("Следите за новостями")


def test_a_notice_addressed_to_the_reader_is_still_chrome():
    text = (
        "Интервью министра\n\nВопрос: Что с прошлогодним отчётом?\n\nОтчёт уже опубликован."
        "\n\nЕсли вы нашли ошибку, пожалуйста, выделите фрагмент текста и нажмите Ctrl+Enter.\n"
    )
    assert turns(text) == [("Что с прошлогодним отчётом?", ["Отчёт уже опубликован."])]


def test_a_lone_numbered_first_question_is_not_a_menu():
    text = (
        "1. Tell us about the harbour project.\n\nThe harbour will open in May, and the first"
        " ships are already booked for the summer season.\n\n2. Will the fares go up?\n\nNo,"
        " the fares stay where they are for this year and the next.\n"
    )
    data = import_text(text.encode("utf-8"), name="numbered.txt").data
    kept = " ".join(data["intro"]) + " ".join(turn["question"] for turn in data["turns"])
    assert "Tell us about the harbour project" in kept
