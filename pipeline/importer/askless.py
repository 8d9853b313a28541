"""A labelled exchange where no question asks anything: `АНАСТАСИЯ ЖИГУЛИНА: Всем добрый день.
...` / `КИРИЛЛ НАБУТОВ: Добрый день, Настя.`, the greetings a broadcast transcript opens with,
pasted without the interview that follows, or labels the other way round.

One such turn is `lone_turn`'s; two or more, none with a question mark, are doubted each, so
the report shows the editor that the page may hold no question at all.
"""

from __future__ import annotations

MIN_TURNS = 2
_ASKS = ("?", "？")


def none_asks(questions: list[tuple[str, str]]) -> list[str]:
    """The doubt for each turn when no question of `questions` (every turn's text and reason)
    asks. Only speaker labels are doubted so: dashed or bulleted questions without a mark are a
    written style (Korean `-죠`, a Russian `Расскажите, ...`), a host's label over a greeting is not."""
    labelled = [reason for _, reason in questions if "label" in reason]
    if len(questions) < MIN_TURNS or 2 * len(labelled) < len(questions):
        return []
    if any(mark in text for text, _ in questions for mark in _ASKS):
        return []
    return ["no question on the page asks anything: greetings only, or the labels swapped?"]
