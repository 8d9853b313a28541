"""A last paragraph cut off mid-sentence is the answer going on; a short link line is not."""

from __future__ import annotations

import pytest

from pipeline.importer.cutoff import cut_off


@pytest.mark.parametrize(
    "text",
    [
        "Бывают периоды, когда некоторые из наших партнеров, закусив удила, решают",
        "И по итогам своего разговора с Сергеем Лавровым считаю эту цель до",
        "There are times when some of our partners, having taken the bit, decide to",
    ],
)
def test_a_long_sentence_stopping_on_a_lower_case_word_is_cut_off(text: str) -> None:
    assert cut_off(text)


@pytest.mark.parametrize(
    "text",
    [
        "Он обрати",
        "Лавров рассказал о положении дел на Украине",
        "Читайте также: посол рассказал о планах на следующий год и о новых",
        "Тэги: Киргизия, Россия, Казахстан, Узбекистан, Таджикистан, Турция, США",
        "Мы считаем, что это решение было верным и своевременным для всех.",
    ],
)
def test_tags_links_and_whole_sentences_are_not_cut_off(text: str) -> None:
    assert not cut_off(text)
