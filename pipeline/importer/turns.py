"""Body paragraphs to intro and question/answer turns.

Texts mark turns in many ways, and often only one side: the seed dashes its
answers and leaves questions plain. So each paragraph is first read for a marker
it carries (a dash, `Q:`, a speaker's name), each family of markers is worked
out over the whole text (which side do dashes stand for, which speaker asks),
and only then are the unmarked paragraphs placed, from the marked ones around
them: a run of plain paragraphs before a dashed answer ends with its question;
a run after a question whose answers are unmarked starts with its answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.importer.items import Family, Item, Role
from pipeline.importer.markers import parse_marker
from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.report import RawTextError, Report
from pipeline.importer.speakers import Speakers, find_speakers

MAX_REQUEST_CHARS = 300  # "Tell us about X." is short; a long plain paragraph is an answer

# Openers of questions put as requests, without a question mark.
_REQUEST = re.compile(
    r"(?:tell (?:us|me)|please (?:tell|explain|describe)|could you|would you|describe|explain|"
    r"let'?s (?:talk|turn|move)|what about|расскажите|поясните|опишите|объясните|давайте поговорим|"
    r"а как|как вы|말씀해|설명해|소개해)\b",
    re.I,
)
_STATEMENT = re.compile(r"[^\W\d_][\"'”’»)]*[.!…。](?:\s|$)")
NO_QUESTION_MESSAGE = (
    "no question found: looked for Q:/A: labels (Q:, Q., Question:, Вопрос:, 기자:, 질문:, 답:),"
    " speaker labels (Name:, 【기자】), dashes (–, —, -, ▲) and paragraphs ending in '?'"
)


@dataclass(frozen=True)
class Exchange:
    question: Paragraph
    answer: list[Paragraph]


@dataclass
class Conversation:
    intro: list[Paragraph] = field(default_factory=list)
    turns: list[Exchange] = field(default_factory=list)
    shapes: list[str] = field(default_factory=list)
    speakers: Speakers = field(default_factory=Speakers)


def find_turns(body: list[Paragraph], report: Report) -> Conversation:
    items = [_item(paragraph) for paragraph in body]
    _drop_lone_short_labels(items)
    speakers = find_speakers(items, report)
    marks = _marked_roles(items, speakers, report)
    if marks:
        _place_unmarked(items, marks, report)
    else:
        _place_by_question_marks(items, report)
    conversation = _build(items, report)
    conversation.shapes = _shapes(items, marks)
    conversation.speakers = speakers
    return conversation


def _item(paragraph: Paragraph) -> Item:
    marker = parse_marker(paragraph.text)
    return Item(paragraph, marker, marker.rest if marker else paragraph.text)


def _unmark(item: Item) -> None:
    item.marker, item.text = None, item.paragraph.text


def _drop_lone_short_labels(items: list[Item]) -> None:
    """`A. Smith said` starts one paragraph; `Q.`/`A.` labels count only when used twice."""
    short = [item for item in items if item.marker and item.marker.short]
    if len(short) < 2:
        for item in short:
            _unmark(item)


# Which roles each family of markers stands for -------------------------------------------


def _marked_roles(items: list[Item], speakers: Speakers, report: Report) -> dict[Family, set[Role]]:
    for item in items:
        if item.marker is None:
            continue
        if item.marker.kind == "label":
            role = speakers.role_of(item.marker.label or "")
            if role is None:
                _unmark(item)
                continue
            item.role = role
            if speakers.keeps_label(item.marker.label or ""):
                item.text = item.paragraph.text
        else:
            item.role = {"question": "question", "answer": "answer"}.get(item.marker.kind)
    marks: dict[Family, set[Role]] = {}
    for item in items:
        if item.role and item.family:
            marks.setdefault(item.family, set()).add(item.role)
    if dash_marks := _place_dashes(items, report):
        marks["dash"] = dash_marks
    return marks


def _place_dashes(items: list[Item], report: Report) -> set[Role]:
    dashed = [i for i, item in enumerate(items) if item.family == "dash"]
    if not dashed:
        return set()
    scheme = _dash_scheme(items, dashed)
    last: Role | None = None
    for index, item in enumerate(items):
        if item.family == "dash":
            item.role = _dash_role(items, index, scheme, last, report)
        last = item.role or last
    roles: dict[str, set[Role]] = {
        "answers": {"answer"},
        "questions": {"question"},
        "both": {"question", "answer"},
    }
    return roles[scheme]


def _dash_scheme(items: list[Item], dashed: list[int]) -> str:
    """Which side the dashes mark: 'answers' (the seed), 'questions', or 'both'."""
    asking = [i for i in dashed if items[i].asks]
    plain = [i for i in dashed if not items[i].asks]
    if not plain:
        return "questions"
    after_plain_question = [i for i in plain if i > 0 and _plain_question(items[i - 1])]
    if not asking or 2 * len(after_plain_question) >= len(plain):
        return "answers"
    followed_by_dash = [i for i in asking if i + 1 < len(items) and items[i + 1].family == "dash"]
    return "questions" if 2 * len(followed_by_dash) < len(asking) else "both"


def _plain_question(item: Item) -> bool:
    return item.marker is None and item.has_question


def _dash_role(
    items: list[Item], index: int, scheme: str, last: Role | None, report: Report
) -> Role:
    item, line = items[index], items[index].paragraph.line
    if scheme == "questions":
        if not item.has_question:
            report.guess(
                line,
                "dashed paragraph without a question mark taken as a question (dashes mark questions here)",
            )
        return "question"
    if scheme == "answers":
        # The seed's slip: a question dashed like an answer, its answer plain. A dashed
        # answer follows its plain question; this one follows an answer.
        if item.has_question and not (index > 0 and _plain_question(items[index - 1])):
            report.guess(
                line,
                "dashed paragraph with a '?' after an answer taken as a question;"
                " the plain paragraphs after it as its answer",
            )
            return "question"
        return "answer"
    if item.asks:
        return "question"
    if last == "question":
        return "answer"
    report.guess(
        line, "dashed paragraph without a question mark taken as a question: it follows an answer"
    )
    return "question"


# Unmarked paragraphs ------------------------------------------------------------------


def _place_unmarked(items: list[Item], marks: dict[Family, set[Role]], report: Report) -> None:
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
    # The next answer is marked but its question is not: the run ends with that question.
    question_unmarked = _is(after, "answer") and not _marks(marks, after, "question")
    # The run answers the question before it, unless that answer is marked and comes next.
    answers_unmarked = _is(before, "question") and (
        question_unmarked or not (_is(after, "answer") and _marks(marks, before, "answer"))
    )
    # Otherwise the run goes on with whoever spoke before it (or is intro, at the start).
    head: Role = (
        "answer" if answers_unmarked else (before.role if before and before.role else "intro")
    )
    tail = _question_tail(run, keep=1 if answers_unmarked else 0) if question_unmarked else 0
    if answers_unmarked and question_unmarked and len(run) == 1:
        head, tail = ("question", 1) if run[0].asks else ("answer", 0)
        taken = "a question" if tail else "an answer"
        report.guess(
            run[0].paragraph.line,
            f"one plain paragraph between a question and an answer; taken as {taken}",
        )
    for item in run[: len(run) - tail]:
        item.role = head
    for item in run[len(run) - tail :]:
        item.role = "question"
        if not item.has_question:
            report.guess(
                item.paragraph.line,
                "taken as a question though it has no question mark: the next paragraph starts a marked answer",
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


def _place_by_question_marks(items: list[Item], report: Report) -> None:
    """No markers at all: questions are the paragraphs that end in '?', and short requests."""
    previous: Role = "intro"
    for index, item in enumerate(items):
        if item.asks and previous == "question" and _states(item.text):
            # "Because it is time. Why wait?" right after a question answers it.
            item.role = "answer"
            report.guess(
                item.paragraph.line,
                "ends in '?' but answers the question before it: taken as an answer",
            )
        elif item.asks:
            item.role = "question"
        elif previous != "intro" and _is_request(items, index):
            item.role = "question"
            report.guess(
                item.paragraph.line,
                "taken as a question without a question mark: it reads as a request and follows an answer",
            )
        else:
            item.role = "answer" if previous != "intro" else "intro"
        previous = item.role


def _states(text: str) -> bool:
    """Whether `text` holds a statement: a sentence ending in '.', '!' or '…'."""
    return bool(_STATEMENT.search(text))


def _is_request(items: list[Item], index: int) -> bool:
    item = items[index]
    return (
        len(item.text) <= MAX_REQUEST_CHARS
        and bool(_REQUEST.match(item.text))
        and items[index - 1].role == "answer"
        and index + 1 < len(items)
        and not items[index + 1].asks
    )


# Turns ------------------------------------------------------------------------------


def _build(items: list[Item], report: Report) -> Conversation:
    conversation = Conversation()
    question: list[Item] = []
    answer: list[Item] = []
    for item in items:
        if item.role == "question":
            if answer:
                conversation.turns.append(_exchange(question, answer, report))
                question, answer = [], []
            question.append(item)
        elif question:
            answer.append(item)
        else:
            if item.role == "answer":
                report.guess(
                    item.paragraph.line,
                    "answer-like paragraph before the first question kept as intro",
                )
            conversation.intro.append(_plain(item))
    if question and answer:
        conversation.turns.append(_exchange(question, answer, report))
    elif question:
        for item in question:
            report.drop(
                item.paragraph.line, f"'{_cut(item.text)}' (a question with no answer after it)"
            )
    if not conversation.turns:
        raise RawTextError(
            NO_QUESTION_MESSAGE if not question else "no answer found after the questions"
        )
    return conversation


def _exchange(question: list[Item], answer: list[Item], report: Report) -> Exchange:
    if len(question) > 1:
        report.guess(
            question[0].paragraph.line, f"question of {len(question)} paragraphs joined into one"
        )
    text = " ".join(item.text for item in question)
    return Exchange(replace(question[0].paragraph, text=text), [_plain(item) for item in answer])


def _plain(item: Item) -> Paragraph:
    return replace(item.paragraph, text=item.text)


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shapes(items: list[Item], marks: dict[Family, set[Role]]) -> list[str]:
    """The ways this text marks its turns, for the report: `answers dashed`, `Q/A labels (Q:, A:)`."""
    shapes = []
    if "dash" in marks:
        sides = {frozenset({"answer"}): "answers", frozenset({"question"}): "questions"}
        shapes.append(f"{sides.get(frozenset(marks['dash']), 'questions and answers')} dashed")
    labels = [item.marker.written for item in items if item.marker and item.family == "qa"]
    if labels:
        shapes.append(f"Q/A labels ({', '.join(dict.fromkeys(labels))})")
    if "label" in marks:
        shapes.append("speaker labels")
    return shapes or ["no markers (questions end in '?')"]
