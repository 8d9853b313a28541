"""Unmarked texts: an answer that asks back, and a lone turn found by its question mark alone."""

from __future__ import annotations

from pipeline.importer import import_text

_ASKS_BACK = """Министр дал большое интервью журналу.

Когда откроют экспорт? Когда фермеры смогут продавать урожай?

А когда ваш журнал начнёт выходить каждую неделю?

Надеемся, что после этого интервью.

Вы хотите всё и сразу?

Хотелось бы, и это ответ на ваш вопрос.
"""

_TWO_TURNS = """Министр дал большое интервью журналу.

Когда откроют экспорт?

Когда склады будут полны.

А цены на хлеб?

Перестанут расти к осени.
"""


def _statuses(text: str) -> list[str | None]:
    return [turn.get("status") for turn in import_text(text.encode()).data["turns"]]


def test_a_question_asked_back_makes_its_turn_and_the_turns_after_it_unsure() -> None:
    result = import_text(_ASKS_BACK.encode())
    assert [turn.get("status") for turn in result.data["turns"]] == ["unsure", "unsure"]
    assert "asking back" in str(result.report)


def test_unmarked_turns_that_each_ask_once_stay_sure() -> None:
    assert _statuses(_TWO_TURNS) == [None, None]


def test_the_only_turn_found_by_its_question_mark_is_unsure() -> None:
    text = "Заголовок страницы\n\nПредисловие автора.\n\nСколько ещё ждать?\n\nЯ старался.\n"
    assert _statuses(text) == ["unsure"]
