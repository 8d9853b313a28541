"""Placed paragraphs to intro and turns, each turn with its reason, confidence and doubts.

A turn is `unsure` when a paragraph in it was placed by a guess that could have
gone the other way, or when the finished turn looks like two turns or half of
one (an answer paragraph that asks, a question of three paragraphs, an answer
far longer than the others). The report lists each such turn with its line.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from pipeline.importer.askless import none_asks
from pipeline.importer.cutoff import CUT_OFF_DOUBT, cut_off
from pipeline.importer.headerlines import is_data_field, is_date_line
from pipeline.importer.items import Item, ends_asking
from pipeline.importer.leadin import narrated
from pipeline.importer.lines import Paragraph
from pipeline.importer.relabelled import labelled_again
from pipeline.importer.report import RawTextError, Report
from pipeline.importer.turndoubts import (
    after_asked_back,
    among_unanswered,
    asked_back,
    lone_by_its_mark,
    lone_turn,
    marked_twice,
)
from pipeline.importer.unreadlabel import unread_label

UNSURE_BELOW = 0.7
MIN_LABELLED_TURNS = 5
MAX_MARKER_LINE_CHARS = 40
MIN_REPEATS = 3
MAX_TOPIC_CHARS = 80
MAX_GREETING_CHARS = 80
MAX_QUESTION_CHARS = 900
MAX_ASKING_ANSWER_CHARS = 250
LONG_ANSWER_FACTOR = 4
_GREETING = re.compile(
    r"\b(?:welcome|thank|hello|good (?:morning|afternoon|evening)|glad to|pleasure|"
    r"здравствуй|добр(?:ый|ое) (?:день|утро|вечер)|спасибо|рад(?:а)? |приветствую|благодар|"
    r"салам|кош келиң|рахмат|ыракмат)|안녕|어서 오|반갑|감사|고맙",
    re.I,
)
# `Mr. Ambassador, ...`, `Ruslan Aitbaevich, ...`, `대사님,`: the interviewer speaking.
ADDRESS = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Madam|Dr|Mister)\.? (?:Ambassador|Minister|President|Chairman|Mayor)|"
    r"(?:Господин|Госпожа|Уважаемый|Уважаемая) [а-яё]+|"
    r"[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(?:вич|вна|ична)|[А-ЯЁ][а-яё]+ (?:мырза|айым)|"
    r"[A-Z][\w-]+ [A-Z][a-z]+(?:vich|vna|ovna|evna)|"
    r"[가-힣]{1,4}님)[,!]"
)
_INNER_END = re.compile(r"[.!?…]\s")
_HEADING_END = re.compile(r"[.!?…:;,？！。»”\"')\]]$")
# A section word of its own (`Беларусь`, `Economy`) heads a turn too; not in scripts without case.
_ONE_WORD_HEADING = re.compile(r"[A-ZА-ЯЁ][a-zа-яёөүң-]{3,}")
NO_QUESTION_MESSAGE = (
    "no question found: looked for Q:/A: labels (Q:, Q., Question:, Вопрос:, 기자:, 질문:, 답:),"
    " speaker labels (Name:, 【기자】), dashes (–, —, -, ▲), numbered questions (1. ...?) and"
    " paragraphs ending in '?'; mark each question with Q: and each answer with A:, then import"
    " again"
)
# How sure each way of finding a question is, before any doubt.
_CONFIDENCE = [
    ("in bold", 0.9),
    ("label", 0.95),
    ("speaker label", 0.95),
    ("numbered", 0.95),
    ("dash", 0.9),
    ("in one paragraph", 0.85),
    ("ends in '?'", 0.8),
    ("marked answer", 0.8),
    ("a request", 0.75),
]


@dataclass(frozen=True)
class Exchange:
    question: Paragraph
    answer: list[Paragraph]
    reason: str = ""
    doubts: tuple[str, ...] = ()
    topic: str | None = None
    confidence: float = 1.0

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW


@dataclass
class _Open:
    question: list[Item] = field(default_factory=list)
    answer: list[Item] = field(default_factory=list)
    topic: str | None = None


def build_turns(items: list[Item], report: Report) -> tuple[list[Paragraph], list[Exchange]]:
    intro: list[Paragraph] = []
    intro_items: list[Item] = []
    turns: list[_Open] = []
    current: _Open | None = None
    topic: str | None = None
    for item in items:
        if item.role == "question":
            if current is None or current.answer:
                if current is not None:
                    topic = topic or _subheading(current.answer, len(turns) + 1)
                elif topic := _subheading(intro_items, 1):
                    intro.pop()
                current = _Open(topic=topic or item.topic)
                turns.append(current)
                topic = None
            current.question.append(item)
            item.turn = len(turns)
        elif current is not None:
            current.answer.append(item)
            item.turn = len(turns)
        else:
            if item.role == "answer":
                item.doubts.append("answer-like paragraph before the first question")
                report.guess(
                    item.line, "answer-like paragraph before the first question kept as intro"
                )
            intro.append(_plain(item))
            intro_items.append(item)
    if turns and len(turns[-1].answer) >= 2 and cut_off(turns[-1].answer[-1].text):
        turns[-1].answer[-1].doubts.append(CUT_OFF_DOUBT)
    elif turns and len(turns[-1].answer) >= 2 and _trailing_tags(turns[-1].answer):
        tags = turns[-1].answer.pop()
        tags.give("intro", "after the last answer, without a full stop: tags or a link")
        tags.turn = None
        report.drop(tags.line, f"'{_cut(tags.text)}' (after the last answer: tags or a link?)")
    if len(turns) >= 2 and _greeting(turns[0]):
        greeting = turns.pop(0)
        for item in [*greeting.question, *greeting.answer]:
            item.give("intro", "greetings before the first question")
            item.turn = None
            intro.append(_plain(item))
        for turn in turns:
            for item in [*turn.question, *turn.answer]:
                item.turn = (item.turn or 1) - 1
        line = greeting.question[0].line
        doubt = f"the host's welcome and the reply at line {line} were put in the intro"
        turns[0].question[0].doubts.append(doubt)
        report.guess(line, doubt)
    if turns and not turns[-1].answer:
        for item in turns.pop().question:
            report.drop(item.line, f"'{_cut(item.text)}' (a question with no answer after it)")
    if not turns:
        raise RawTextError(_refusal(items))
    exchanges = [_exchange(turn, report) for turn in turns]
    return intro, _checked(exchanges, intro, report)


def _trailing_tags(answer: list[Item]) -> bool:
    """A heading-like last line under the last answer is tags or a link; but where the answers
    are quoted fragments, one a line, a last quoted fragment is the answer's own."""
    last = answer[-1]
    return _heading_like(last) and not (last.quoted and any(item.quoted for item in answer[:-1]))


def _greeting(turn: _Open) -> bool:
    """`Welcome to the studio.` / `Hello.`: the host's welcome is no question."""

    # `권영세 대사님 안녕하십니까?` / `네. 안녕하십니까?`: a greeting may ask, when it is short.
    def greets(item: Item) -> bool:
        # ... but `Ambassador, thank you for coming. What does it change?` asks a question.
        asking = re.split(r"(?<=[.!?？])\s+", item.text.strip())
        asked = [part for part in asking if "?" in part or "？" in part]
        return (
            len(item.text) <= MAX_GREETING_CHARS
            and bool(_GREETING.search(item.text))
            and all(_GREETING.search(part) for part in asked)
        )

    return (
        ("label" in turn.question[0].reason or turn.question[0].reason.startswith("dash"))
        # The host's welcome may run on: `It's the Brian Lehrer Show ...` / `Hi, Mr. Mayor, welcome`.
        and all(not item.has_question or greets(item) for item in turn.question)
        and len(turn.answer) == 1
        and len(turn.answer[0].text) <= MAX_GREETING_CHARS
        and (not turn.answer[0].has_question or greets(turn.answer[0]))
        and any(_GREETING.search(item.text) for item in [*turn.question, *turn.answer])
    )


def _closing(turn: Exchange) -> bool:
    """`기자: 인터뷰에 응해주셔서 감사합니다.`, `Thank you for your time.`: no question; but a thanks
    thanked back (`Thank you, it was a pleasure.`) closes the interview as written."""
    text = turn.question.text
    thanked_back = any(_GREETING.search(p.text) for p in turn.answer)
    short = len(text) <= MAX_GREETING_CHARS
    return short and not ends_asking(text) and bool(_GREETING.search(text)) and not thanked_back


def _subheading(answer: list[Item], turn: int) -> str | None:
    """A short line without a full stop between an answer and a question is a subheading."""
    # Answers given as quoted fragments, one a line: the last fragment is no subheading.
    like_the_rest = (
        answer[-1].quoted and any(item.quoted for item in answer[:-1]) if answer else False
    )
    if (
        len(answer) >= 2
        and _heading_like(answer[-1])
        and answer[-1].marker is None
        and not like_the_rest
    ):
        heading = answer.pop()
        heading.give("intro", "subheading before a question: the turn's topic")
        heading.turn = turn
        return heading.text
    return None


def _heading_like(item: Item) -> bool:
    text = item.text
    if item.quoted and not _INNER_END.search(text[1:-1]):
        text = text[1:-1]  # `«Тюнинговать всегда сложнее, чем делать с нуля»`: a quoted subheading
    return (
        len(text) <= MAX_TOPIC_CHARS
        and not _HEADING_END.search(text)
        and not text[:1].islower()
        and (len(text.split()) >= 2 or bool(_ONE_WORD_HEADING.fullmatch(text)))
        and not text.startswith(("■", "□", "◆", "◇", "●", "○", "<"))  # credits: `■ 출연 : ...`
        and not is_data_field(text)  # `질의응답 시간 : 2분 10초`: the page's field
        and not is_date_line(text)  # `Date: June 18, 2024 Time: 01:17:08`: the page's date
    )


def _exchange(turn: _Open, report: Report) -> Exchange:
    question = list(turn.question)
    topic = turn.topic
    if (
        len(question) > 1
        and topic is None
        and _heading_like(question[0])
        and question[0].marker is None
    ):
        heading = question.pop(0)
        heading.reason = "subheading before a question: the turn's topic"
        topic = heading.text
    doubts = [doubt for item in [*question, *turn.answer] for doubt in item.doubts]
    doubts += marked_twice(question) + labelled_again(turn.answer) + narrated(question)
    doubts += asked_back(question)
    if len(question) > 1:
        report.guess(question[0].line, f"question of {len(question)} paragraphs joined into one")
        if len(question) > 2:
            doubts.append(f"question of {len(question)} paragraphs")
        if not question[-1].text.rstrip("\"'”’»)] ").endswith((".", "?", "!", "…", ":", "？")):
            doubts.append(f"question's last paragraph (line {question[-1].line}) ends no sentence")
    text = " ".join(item.text for item in question)
    first = question[0]
    how = first.split or first.reason
    confidence = next((value for key, value in _CONFIDENCE if key in how), 0.75)
    return Exchange(
        replace(first.paragraph, text=text),
        [_plain(item) for item in turn.answer],
        first.reason,
        tuple(doubts),
        topic,
        min(confidence, 0.5) if doubts else confidence,
    )


def _checked(exchanges: list[Exchange], intro: list[Paragraph], report: Report) -> list[Exchange]:
    """Doubts only the finished turns show: a turn that looks like two, or half of one."""
    lengths = [len(turn.answer) for turn in exchanges]
    texts = Counter(p.text for turn in exchanges for p in [turn.question, *turn.answer])
    typical = statistics.median(lengths)
    labelled = [turn for turn in exchanges if "label" in turn.reason]
    # Where nearly every answer is one labelled paragraph, a plain one after it is the writer's.
    narrated = len(labelled) >= MIN_LABELLED_TURNS and 3 * lengths.count(1) >= 2 * len(lengths)
    checked = []
    for number, turn in enumerate(exchanges, start=1):
        doubts = list(turn.doubts)
        if narrated and len(turn.answer) > 1 and "label" in turn.reason:
            doubts.append(
                f"answer paragraph at line {turn.answer[1].line} has no label, though nearly every"
                " answer is one labelled paragraph: the writer's narration?"
            )
        if number == len(exchanges) > 1 and _closing(turn):
            doubts.append("the last turn reads as a closing thanks, not a question")
        if number == 1 and any(ends_asking(p.text) for p in intro):
            doubts.append("an intro paragraph ends in '?': it may be the first question")
        doubts += lone_turn([other.question.text for other in exchanges])
        doubts += none_asks([(o.question.text, o.reason) for o in exchanges])
        doubts += lone_by_its_mark([(o.question.text, o.reason) for o in exchanges])
        doubts += after_asked_back([other.doubts for other in exchanges[: number - 1]])
        doubts += among_unanswered([other.doubts for other in exchanges], turn.doubts)
        if len(turn.question.text) > MAX_QUESTION_CHARS:
            doubts.append("a very long question: it may hold the end of the answer before it")
        if unread := unread_label([turn.question, *turn.answer]):
            doubts.append(unread)  # `А.Н.Бородавкин: ...` left in the answer
        for paragraph in turn.answer[1:]:
            if ends_asking(paragraph.text) and len(paragraph.text) <= MAX_ASKING_ANSWER_CHARS:
                doubts.append(
                    f"answer paragraph at line {paragraph.line} asks: it may be a question"
                )
            elif ADDRESS.match(paragraph.text):
                doubts.append(
                    f"answer paragraph at line {paragraph.line} addresses the interviewee:"
                    " it may be a question"
                )
        for paragraph in turn.answer:
            if (
                len(paragraph.text) <= MAX_MARKER_LINE_CHARS
                and texts[paragraph.text] >= MIN_REPEATS
            ):
                doubts.append(
                    f"the line '{paragraph.text}' stands {texts[paragraph.text]} times in the"
                    " text: a marker the importer did not read?"
                )
                break
        if len(exchanges) > 2 and len(turn.answer) > max(6, LONG_ANSWER_FACTOR * typical):
            doubts.append(
                f"an answer of {len(turn.answer)} paragraphs: it may hold unmarked questions"
            )
        new = doubts[len(turn.doubts) :]
        for doubt in new:
            report.guess(turn.question.line, doubt)
        confidence = min(turn.confidence, 0.5) if doubts else turn.confidence
        checked.append(replace(turn, doubts=tuple(doubts), confidence=confidence))
    return checked


def _refusal(items: list[Item]) -> str:
    """What was found, and what to do: the text is refused."""
    inside = [item for item in items if item.has_question and not item.asks]
    questions = [item for item in items if item.role == "question"]
    if questions:
        return (
            f"found {len(questions)} question(s) (first at line {questions[0].line}) but no answer"
            " after them; check that the answers follow their questions"
        )
    if inside:
        return (
            f"no question found: {len(inside)} paragraph(s) have a question mark, but each"
            f" goes on after it (first at line {inside[0].line}), so the answer seems to be in the"
            " same paragraph: put each answer in a paragraph of its own, or mark questions with"
            " Q: and answers with A:"
        )
    return NO_QUESTION_MESSAGE


def _plain(item: Item) -> Paragraph:
    return replace(item.paragraph, text=item.text)


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
