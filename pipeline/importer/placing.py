"""Roles for the paragraphs no marker placed, from the marked paragraphs around them.

A run of plain paragraphs before a dashed answer ends with its question; a run
after a question whose answers are unmarked starts with its answer; otherwise a
run goes on with whoever spoke before it. A text without any marker is read by
its question marks. Where the markers stop midway, a plain paragraph that asks
inside an answer starts a new turn.
"""

from __future__ import annotations

import re

from pipeline.importer.items import Family, Item, Role
from pipeline.importer.report import Report

MAX_REQUEST_CHARS = 300  # "Tell us about X." is short; a long plain paragraph is an answer
MAX_LEAD_IN_CHARS = 60  # a short statement before a short question may be part of it
MAX_SHORT_QUESTION_CHARS = 30  # 'Will they fall?' leans on what came before it
MAX_STRAY_QUESTION_CHARS = 400  # longer paragraphs ending in '?' inside answers are rhetoric

# Openers of questions put as requests, without a question mark.
_REQUEST = re.compile(
    r"(?:tell (?:us|me)|please (?:tell|explain|describe|share)|could you|would you|describe|"
    r"explain|let'?s (?:talk|turn|move)|what about|расскажите|поясните|опишите|объясните|"
    r"поделитесь|давайте поговорим|а как|как вы|айтып бериңиз|түшүндүрүп бериңиз|"
    r"말씀해|설명해|소개해)\b",
    re.I,
)
_TAIL_REASON = "plain paragraph right before a marked answer: its question"
_HOST_OR_ANSWER = (
    "last paragraph of an answer, before a question guessed without a question mark:"
    " the answer's, or already the interviewer's?"
)
_NO_MARK_DOUBT = (
    "taken as a question though it has no question mark: the next paragraph starts a marked answer"
)
_STATEMENT = re.compile(r"[^\W\d_][\"'”’»)]*[.!…。](?:\s|$)")


def place_unmarked(items: list[Item], marks: dict[Family, set[Role]], report: Report) -> None:
    _place_runs(items, marks, report)
    _forgive_consistent_style(items)


def _forgive_consistent_style(items: list[Item]) -> None:
    """Korean and some Russian papers end every question without '?': that is their style.

    When every question placed before a marked answer lacks a question mark, the
    lack says nothing about any one of them.
    """
    tails = [item for item in items if item.reason == _TAIL_REASON]
    if len(tails) >= 2 and all(_NO_MARK_DOUBT in item.doubts for item in tails):
        for item in tails:
            item.doubts.remove(_NO_MARK_DOUBT)
        for item in items:
            if _HOST_OR_ANSWER in item.doubts:
                item.doubts.remove(_HOST_OR_ANSWER)


def _place_runs(items: list[Item], marks: dict[Family, set[Role]], report: Report) -> None:
    index = 0
    while index < len(items):
        if items[index].role is not None:
            index += 1
            continue
        end = index
        while end < len(items) and items[end].role is None:
            end += 1
        before = items[index - 1] if index > 0 else None
        after = items[end] if end < len(items) else None
        _place_run(items[index:end], before, after, marks, report)
        index = end


def _place_run(
    run: list[Item],
    before: Item | None,
    after: Item | None,
    marks: dict[Family, set[Role]],
    report: Report,
) -> None:
    """Give roles to a run of plain paragraphs from the marked paragraphs on either side."""
    labelled = (
        before is not None
        and after is not None
        and {before.family, after.family} <= {"qa", "label"}
    )
    if (
        labelled
        and _is(before, "question")
        and _is(after, "answer")
        and not any(i.asks for i in run[:-1])
    ):
        for (
            item
        ) in run:  # between a labelled question and its labelled answer: the question goes on
            item.give("question", "plain paragraph between a question and its marked answer")
        return
    # The next answer is marked but its question is not: the run ends with that question.
    question_unmarked = _is(after, "answer") and not _marks(marks, after, "question")
    # The run answers the question before it, unless that answer is marked and comes next.
    answer_marked_next = _is(after, "answer") and (
        _marks(marks, before, "answer") or _marks(marks, after, "answer")
    )
    answers_unmarked = _is(before, "question") and (question_unmarked or not answer_marked_next)
    # Otherwise the run goes on with whoever spoke before it (or is intro, at the start).
    head: Role = (
        "answer" if answers_unmarked else (before.role if before and before.role else "intro")
    )
    why = {
        "answer": "plain paragraph after a question: its answer (answers are not marked here)"
        if answers_unmarked
        else "plain paragraph: goes on with the answer before it",
        "question": "plain paragraph: goes on with the question before it",
        "intro": "plain paragraph before the first question",
    }[head]
    tail = _question_tail(run, keep=1 if answers_unmarked else 0) if question_unmarked else 0
    if answers_unmarked and question_unmarked and len(run) == 1:
        head, tail = ("question", 1) if run[0].asks else ("answer", 0)
        why = "the only plain paragraph between a question and an answer"
        _doubt(
            run[0], report, f"one plain paragraph between a question and an answer; taken as {head}"
        )
    for item in run[: len(run) - tail]:
        item.give(head, why)
    for item in run[len(run) - tail :]:
        item.give("question", _TAIL_REASON)
        if not item.has_question and not is_request(item.text):
            _doubt(item, report, _NO_MARK_DOUBT)
            if tail and len(run) > tail and head == "answer":
                # The host's words may start before the guessed question: the answer's last
                # paragraph (`저희가 영상으로 준비를 했습니다.`) is in doubt too, in its own turn.
                _doubt(run[len(run) - tail - 1], report, _HOST_OR_ANSWER)
    if tail and len(run) > tail and head == "answer":
        _check_lead_in(run[len(run) - tail - 1], run[len(run) - tail], report)


def _check_lead_in(last_answer: Item, question: Item, report: Report) -> None:
    """`Prices rose.` then `Will they fall?`: the statement may open the question."""
    if (
        len(last_answer.text) <= MAX_LEAD_IN_CHARS
        and len(question.text) <= MAX_SHORT_QUESTION_CHARS
        and not last_answer.asks
    ):
        _doubt(
            question,
            report,
            f"the short paragraph at line {last_answer.line} before this"
            " question was kept in the answer; it may open the question",
        )


def _is(item: Item | None, role: Role) -> bool:
    return item is not None and item.role == role


def _marks(marks: dict[Family, set[Role]], item: Item | None, role: Role) -> bool:
    return item is not None and item.family is not None and role in marks.get(item.family, set())


def _question_tail(run: list[Item], keep: int) -> int:
    """How many paragraphs end `run` as its question: the last, and asking ones before it."""
    tail = 1
    while tail < len(run) - keep and run[-tail - 1].asks:
        tail += 1
    return tail


def place_by_question_marks(items: list[Item], report: Report) -> None:
    """No markers at all: questions are the paragraphs that end in '?', and short requests."""
    previous: Role = "intro"
    for index, item in enumerate(items):
        if item.role:  # split from a paragraph that held both
            previous = item.role
            continue
        if item.asks and previous == "question" and _states(item.text):
            # "Because it is time. Why wait?" right after a question answers it.
            item.give("answer", "ends in '?' but states first, right after a question")
            _doubt(
                item, report, "ends in '?' but answers the question before it: taken as an answer"
            )
        elif item.asks and previous == "answer" and item.text[:1].islower():
            # `not to cooperate with Russia. ... How can we not?`: a line broken off the answer.
            item.give("answer", "starts in lower case: the answer goes on")
        elif item.asks:
            item.give("question", "ends in '?' (the text has no other markers)")
            if previous == "answer" and _states(item.text) and len(item.text) > MAX_REQUEST_CHARS:
                _doubt(
                    item,
                    report,
                    "a long paragraph that states before its '?' taken as a"
                    " question: it may be the answer going on",
                )
        elif previous != "intro" and _is_request(items, index):
            item.give("question", "a request ('Tell us...') after an answer")
            report.guess(
                item.line,
                "taken as a question without a question mark:"
                " it reads as a request and follows an answer",
            )
        elif previous != "intro":
            item.give("answer", "no question mark, after a question or an answer")
        else:
            item.give("intro", "before the first paragraph ending in '?'")
        previous = item.role or previous


def split_stretches(items: list[Item], report: Report) -> None:
    """Markers that stop midway: a plain asking paragraph inside an answer starts a turn."""
    found = [
        index
        for index in range(1, len(items) - 1)
        if _stray_question(items[index - 1], items[index], items[index + 1])
    ]
    for index in found:
        item = items[index]
        item.give(
            "question", "plain paragraph ending in '?' inside an answer: the markers stop here"
        )
        if len(found) == 1 or _states(item.text):
            _doubt(
                item,
                report,
                "a plain paragraph ending in '?' inside an answer taken as a"
                " new question (the text marks its other questions differently)",
            )
        else:
            report.guess(
                item.line,
                "a plain paragraph ending in '?' inside an answer taken as a new question",
            )


def _stray_question(before: Item, item: Item, after: Item) -> bool:
    plain = item.marker is None and not item.forced and after.marker is None and not after.forced
    plain = plain and not item.text[:1].islower()  # a line broken off the answer
    return (
        plain
        and before.role == "answer"
        and item.role == "answer"
        and after.role == "answer"
        and item.asks
        and not after.asks
        and len(item.text) <= MAX_STRAY_QUESTION_CHARS
    )


def _states(text: str) -> bool:
    """Whether `text` holds a statement: a sentence ending in '.', '!' or '…'."""
    return bool(_STATEMENT.search(text))


def is_request(text: str) -> bool:
    """`Tell us about...`, `Расскажите...`: a question put without a question mark."""
    return len(text) <= MAX_REQUEST_CHARS and bool(_REQUEST.match(text))


def _is_request(items: list[Item], index: int) -> bool:
    item = items[index]
    return (
        is_request(item.text)
        and items[index - 1].role == "answer"
        and index + 1 < len(items)
        and not items[index + 1].asks
    )


def _doubt(item: Item, report: Report, message: str) -> None:
    item.doubts.append(message)
    report.guess(item.line, message)
